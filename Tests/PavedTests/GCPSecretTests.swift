import Foundation
import Paved
import PavedTesting
import Testing

/// Google Cloud Secret Manager secrets: goldens, CMEK per replica, rotation notifications, labels, diagnostics.
@Suite struct GCPSecretTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/golden/constructs")

    static let minimal = Platform("gsm", owner: "data@acme.io") {
        Environment(.prod, gcp: .project("acme-gsm-prod", region: "europe-west1"), backend: .local(path: "prod.tfstate"))
        GCPSecret("dbt-token", rotationNotifications: .publish(to: "secret-rotation", every: .days(90), startingAt: "2027-01-01T00:00:00Z"))
    }

    static let full = Platform(
        "acme-data", owner: "Data-Platform@Acme.io", team: "data-platform", tier: .tier2, costCenter: "CC 4100"
    ) {
        Environment(.dev, gcp: .project("acme-data-dev", region: "europe-west1"), backend: .gcs(bucket: "acme-tf-dev", prefix: "acme-data"))
        Environment(.prod, gcp: .project("acme-data-prod", region: "europe-west1"), backend: .gcs(bucket: "acme-tf-prod", prefix: "acme-data"))
        GCPSecret(
            "partner-api-key", replication: .regions(["europe-west4", "europe-west1"]),
            rotationNotifications: .publish(to: "projects/acme-ops/topics/rotations", every: .days(30), startingAt: "2027-02-01T06:00:00Z"),
            owner: "ingestion@acme.io", tier: .tier1
        )
        GCPSecret("dbt-token", rotationNotifications: .publish(to: "secret-rotation", every: .days(90), startingAt: "2027-01-01T00:00:00Z"))
    }

    @Test(arguments: [("minimal", "prod"), ("full", "dev"), ("full", "prod")])
    func matchesGolden(_ platform: String, _ env: String) throws {
        let rendered = PavedTesting.render(platform == "minimal" ? Self.minimal : Self.full)
        let text = try #require(rendered.files["\(env)/main.tf.json"])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent("gcp-secret-\(platform)-\(env).tf.json"))
    }

    @Test func synthesizesWithoutDiagnostics() {
        #expect(PavedTesting.diagnostics(of: Self.minimal) == [])
        #expect(PavedTesting.diagnostics(of: Self.full) == [])
    }

    /// Every replica has its own key in its region (automatic replication: a global key); only
    /// Secret Manager's service agent may use them and publish to the topic.
    @Test func cmekPerReplicaAndExactIAM() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        func resource(_ type: String, _ name: String) -> Resource? {
            config.resources.first { $0.address == ResourceAddress.resource(type, name) }
        }
        let secret = try #require(resource("google_secret_manager_secret", "partner_api_key"))
        let replicas = secret.arguments["replication"]?.renderedJSON.arrayValue?.first?.objectValue?["user_managed"]?.arrayValue?.first?
            .objectValue?["replicas"]?.arrayValue ?? []
        #expect(replicas.map { r in
            "\(r.objectValue?["location"]?.stringValue ?? "-") \(r.objectValue?["customer_managed_encryption"]?.arrayValue?.first?.objectValue?["kms_key_name"]?.stringValue ?? "-")"
        } == [
            "europe-west1 ${google_kms_crypto_key.secret_partner_api_key_europe_west1.id}",
            "europe-west4 ${google_kms_crypto_key.secret_partner_api_key_europe_west4.id}",
        ])
        #expect(resource("google_kms_key_ring", "secret_dbt_token_global")?.arguments["location"]?.renderedJSON == "global")
        let auto = try #require(resource("google_secret_manager_secret", "dbt_token")?.arguments["replication"]?.renderedJSON.arrayValue?.first?.objectValue?["auto"])
        #expect(auto.arrayValue?.first?.objectValue?["customer_managed_encryption"]?.arrayValue?.first?.objectValue?["kms_key_name"]
            == "${google_kms_crypto_key.secret_dbt_token_global.id}")

        let agent = "serviceAccount:service-${data.google_project.secret_partner_api_key.number}@gcp-sa-secretmanager.iam.gserviceaccount.com"
        let iam = config.resources.filter { $0.address.type.hasSuffix("_iam_member") && $0.address.name.hasPrefix("secret_partner") }.map { r in
            let j = { (k: String) in r.arguments[k]?.renderedJSON.stringValue ?? "-" }
            return "\(j("member")) \(j("role")) on \(r.arguments["topic"] == nil ? j("crypto_key_id") : j("topic"))"
        }.sorted()
        #expect(iam == [
            "\(agent) roles/cloudkms.cryptoKeyEncrypterDecrypter on ${google_kms_crypto_key.secret_partner_api_key_europe_west1.id}",
            "\(agent) roles/cloudkms.cryptoKeyEncrypterDecrypter on ${google_kms_crypto_key.secret_partner_api_key_europe_west4.id}",
            "\(agent) roles/pubsub.publisher on projects/acme-ops/topics/rotations",
        ])
        #expect(secret.dependsOn.map(\.description).sorted() == [
            "google_kms_crypto_key_iam_member.secret_partner_api_key_europe_west1",
            "google_kms_crypto_key_iam_member.secret_partner_api_key_europe_west4",
            "google_pubsub_topic_iam_member.secret_partner_api_key",
        ])
    }

    /// The rotation block only schedules notifications: period, first time and the topic.
    @Test func rotationNotificationsAndLabels() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let secret = try #require(config.resources.first { $0.address == ResourceAddress.resource("google_secret_manager_secret", "dbt_token") })
        let rotation = secret.arguments["rotation"]?.renderedJSON.arrayValue?.first?.objectValue
        #expect(rotation?["rotation_period"] == "7776000s")
        #expect(rotation?["next_rotation_time"] == "2027-01-01T00:00:00Z")
        #expect(secret.arguments["topics"]?.renderedJSON.arrayValue?.first?.objectValue?["name"] == "projects/acme-data-prod/topics/secret-rotation")
        #expect(secret.arguments["secret_id"]?.renderedJSON == "acme-data-prod-dbt-token")
        #expect(secret.arguments["deletion_protection"]?.renderedJSON == .bool(true))
        #expect(secret.arguments["labels"]?.renderedJSON.objectValue == [
            "owner": "data-platform_acme_io", "team": "data-platform", "tier": "tier2", "data_classification": "restricted",
            "cost_center": "cc_4100", "environment": "prod", "platform": "acme-data", "managed_by": "paved",
        ])
        let text = try #require(PavedTesting.render(Self.full).files["prod/main.tf.json"])
        for word in ["secret_data", "google_secret_manager_secret_version"] { #expect(!text.contains(word), "\(word) in output") }
    }

    static let grants = Platform("gsm", owner: "data@acme.io", tier: .tier2, classification: .confidential) {
        Environment(.prod, gcp: .project("acme-gsm-prod", region: "europe-west1"), backend: .local(path: "prod.tfstate"))
        GCPSecret("dbt-token", rotationNotifications: .publish(to: "secret-rotation", every: .days(90), startingAt: "2027-01-01T00:00:00Z"))
        GCPSecret(
            "partner-api-key", replication: .regions(["europe-west1"]),
            rotationNotifications: .publish(to: "secret-rotation", every: .days(30), startingAt: "2027-02-01T06:00:00Z"))
        GCPServiceAccount("transformer") {
            Allow(.readSecret, on: "dbt-token")
            Allow(.readSecret, on: "dbt-token")
        }
        GCPGroup("ingestion", email: "ingestion@acme.io") {
            Allow(.readSecret, on: "partner-api-key")
        }
    }

    @Test func matchesGrantsGolden() throws {
        let text = try #require(PavedTesting.render(Self.grants).files["prod/main.tf.json"])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent("gcp-secret-grants-prod.tf.json"))
        #expect(PavedTesting.diagnostics(of: Self.grants) == [])
    }

    /// `.readSecret` is `roles/secretmanager.secretAccessor` on that one secret, once per grantee and
    /// secret, and nothing on the project (no BigQuery job user, no project-wide accessor).
    @Test func readSecretIsTheAccessorRoleOnThatSecretOnly() throws {
        let config = try #require(PavedTesting.stack(Self.grants, .prod))
        let grants = config.resources.filter { $0.address.type == "google_secret_manager_secret_iam_member" }
        #expect(grants.map { r in
            let j = { (k: String) in r.arguments[k]?.renderedJSON.stringValue ?? "-" }
            return "\(r.address.name): \(j("member")) \(j("role")) on \(j("secret_id")) in \(j("project"))"
        }.sorted() == [
            "ingestion_read_secret_partner_api_key: group:ingestion@acme.io roles/secretmanager.secretAccessor on ${google_secret_manager_secret.partner_api_key.secret_id} in ${google_secret_manager_secret.partner_api_key.project}",
            "transformer_read_secret_dbt_token: serviceAccount:${google_service_account.transformer.email} roles/secretmanager.secretAccessor on ${google_secret_manager_secret.dbt_token.secret_id} in ${google_secret_manager_secret.dbt_token.project}",
        ])
        #expect(grants.map { $0.provenance?.constructPath ?? "-" }.sorted() == ["gsm/ingestion/grants", "gsm/transformer/grants"])
        #expect(!config.resources.contains { $0.address.type == "google_project_iam_member" })
        #expect(!config.resources.contains { $0.address.type == "google_secret_manager_secret_iam_binding" })
    }

    @Test func readSecretIsTheOnlyIntentOnSecrets() {
        let file = "PavedTests/GCPSecretTests.swift"
        let line = #line
        let platform = Platform("gsm", owner: "o@acme.io") {
            Environment(.prod, aws: .account("111111111111", region: "eu-west-1"), gcp: .project("acme-gsm-prod", region: "europe-west1"))
            GCPSecret("token", rotationNotifications: .publish(to: "secret-rotation", every: .days(90), startingAt: "2027-01-01T00:00:00Z"))
            BigQueryDataset("events", location: "EU")
            GCPServiceAccount("reader") {
                Allow(.read, on: "token")
                Allow(.readSecret, on: "events")
                Allow(.readSecret, on: "tokn")
            }
            Role("etl", assumedBy: .service(.glue)) {
                Allow(.readSecret, on: "token")
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 6): error: cannot grant .read on gcp secret 'token' to gcp service account 'reader': use .readSecret",
            "\(file):\(line + 7): error: cannot grant .readSecret on bigquery dataset 'events' to gcp service account 'reader': use .read or .write",
            "\(file):\(line + 8): error: no construct named 'tokn' in platform 'gsm'; did you mean 'token'?",
            "\(file):\(line + 11): error: cannot grant .readSecret on gcp secret 'token': AWS roles cannot be granted Google Cloud resources: grant it in a GCPServiceAccount",
        ])
    }

    @Test(.enabled(if: SchemaValidityTests.hasSharedSchema("google.json")))
    func validAgainstTheFullGoogleSchema() throws {
        #expect(try SchemaValidityTests.sharedSchemaFindings("google.json", [Self.minimal, Self.full]) == [])
    }

    @Test func invalidInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/GCPSecretTests.swift"
        let line = #line
        let platform = Platform("gsm", owner: "o@acme.io") {
            Environment(.prod, gcp: .project("acme-gsm-prod", region: "europe-west1"))
            GCPSecret("Token", replication: .regions(["mars-1", "europe-west1", "europe-west1"]),
                      rotationNotifications: .publish(to: "projects/x/subs/y", every: .minutes(5), startingAt: "tomorrow"))
            GCPSecret("empty", replication: .regions([]), rotationNotifications: .publish(to: "goog-topic", every: .days(1), startingAt: "2027-01-01T00:00:00Z"))
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: gcp secret name 'Token' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'token')",
            "\(file):\(line + 3): error: gcp secret 'Token' replica location 'mars-1' is not a Google Cloud region (such as europe-west1)",
            "\(file):\(line + 3): error: gcp secret 'Token' lists a replica region twice",
            "\(file):\(line + 3): error: gcp secret 'Token' rotation notifications must be at least 1 hour apart (got 5 minutes)",
            "\(file):\(line + 3): error: gcp secret 'Token' rotation notifications startingAt 'tomorrow' is not an RFC 3339 UTC time (such as 2027-01-01T00:00:00Z)",
            "\(file):\(line + 3): error: gcp secret 'Token' rotation notifications topic 'projects/x/subs/y' is not a Pub/Sub topic name or projects/PROJECT/topics/TOPIC",
            "\(file):\(line + 5): error: gcp secret 'empty' replication .regions needs at least one region (or use .automatic)",
            "\(file):\(line + 5): error: gcp secret 'empty' rotation notifications topic 'goog-topic' is not a Pub/Sub topic name or projects/PROJECT/topics/TOPIC",
        ])
    }
}

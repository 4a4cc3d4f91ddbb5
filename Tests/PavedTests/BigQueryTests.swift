import Foundation
import Paved
import PavedTesting
import Testing

/// BigQuery datasets and GCP service accounts: goldens, exact IAM, labels, overrides, diagnostics.
@Suite struct BigQueryTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/golden/constructs")

    static let minimal = Platform("bq", owner: "data@acme.io") {
        Environment(.prod, gcp: .project("acme-bq-prod", region: "europe-west1"), backend: .local(path: "prod.tfstate"))
        BigQueryDataset("events", location: "EU")
    }

    static let full = Platform(
        "acme-data", owner: "Data-Platform@Acme.io", team: "data-platform", tier: .tier2, classification: .internal,
        costCenter: "CC 4100/Analytics"
    ) {
        Environment(.dev, gcp: .project("acme-data-dev", region: "europe-west1"), backend: .gcs(bucket: "acme-tf-dev", prefix: "acme-data"))
        Environment(.prod, gcp: .project("acme-data-prod", region: "europe-west1"), backend: .gcs(bucket: "acme-tf-prod", prefix: "acme-data"))
        BigQueryDataset(
            "events", location: "EU", description: "Partner events", partitionExpiration: .days(400), timeTravel: .days(7),
            owner: "ingestion@acme.io", tier: .tier1, classification: .confidential
        )
        .overriding(in: .dev, tableExpiration: .days(30), partitionExpiration: .days(30))
        BigQueryDataset("marts", location: "europe-west1", tableExpiration: nil)
            .overriding(in: .dev, tableExpiration: .days(14), timeTravel: .days(2))
        GCPServiceAccount("transformer", description: "dbt") {
            Allow(.read, on: "events")
            Allow(.write, on: "marts")
            Allow(.read, on: "events")
        }
        GCPServiceAccount("analyst") {
            Allow(.read, on: "marts")
        }
        GCPGroup("analysts", email: "analysts@acme.io") {
            Allow(.read, on: "marts")
            Allow(.read, on: "events")
        }
    }

    @Test(arguments: [("minimal", "prod"), ("full", "dev"), ("full", "prod")])
    func matchesGolden(_ platform: String, _ env: String) throws {
        let rendered = PavedTesting.render(platform == "minimal" ? Self.minimal : Self.full)
        let text = try #require(rendered.files["\(env)/main.tf.json"])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent("bigquery-\(platform)-\(env).tf.json"))
    }

    @Test func synthesizesWithoutDiagnostics() {
        #expect(PavedTesting.diagnostics(of: Self.minimal) == [])
        #expect(PavedTesting.diagnostics(of: Self.full) == [])
    }

    /// Each grant is one dataset-level binding of the narrowest predefined role, plus jobUser once
    /// per account; BigQuery's service agent may use only its dataset's key.
    @Test func iamIsExactlyTheIntents() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        func line(_ r: Resource) -> String {
            let j = { (k: String) in r.arguments[k]?.renderedJSON.stringValue ?? "-" }
            let target = r.address.type == "google_project_iam_member" ? "project \(j("project"))"
                : r.address.type == "google_kms_crypto_key_iam_member" ? "key \(j("crypto_key_id"))" : "dataset \(j("dataset_id"))"
            return "\(j("member")) \(j("role")) on \(target)"
        }
        let iam = config.resources.filter { $0.address.type.hasSuffix("_iam_member") }.map(line).sorted()
        #expect(iam == [
            "group:analysts@acme.io roles/bigquery.dataViewer on dataset ${google_bigquery_dataset.events.dataset_id}",
            "group:analysts@acme.io roles/bigquery.dataViewer on dataset ${google_bigquery_dataset.marts.dataset_id}",
            "group:analysts@acme.io roles/bigquery.jobUser on project acme-data-prod",
            "serviceAccount:${data.google_bigquery_default_service_account.bq_events.email} roles/cloudkms.cryptoKeyEncrypterDecrypter on key ${google_kms_crypto_key.bq_events.id}",
            "serviceAccount:${data.google_bigquery_default_service_account.bq_marts.email} roles/cloudkms.cryptoKeyEncrypterDecrypter on key ${google_kms_crypto_key.bq_marts.id}",
            "serviceAccount:${google_service_account.analyst.email} roles/bigquery.dataViewer on dataset ${google_bigquery_dataset.marts.dataset_id}",
            "serviceAccount:${google_service_account.analyst.email} roles/bigquery.jobUser on project acme-data-prod",
            "serviceAccount:${google_service_account.transformer.email} roles/bigquery.dataEditor on dataset ${google_bigquery_dataset.marts.dataset_id}",
            "serviceAccount:${google_service_account.transformer.email} roles/bigquery.dataViewer on dataset ${google_bigquery_dataset.events.dataset_id}",
            "serviceAccount:${google_service_account.transformer.email} roles/bigquery.jobUser on project acme-data-prod",
        ])
        #expect(!config.resources.contains { $0.address.type == "google_service_account_key" })
    }

    /// Labels follow GCP's rules: lowercase, [a-z0-9_-], at most 63 characters.
    @Test func labelsAreSanitizedMetadata() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let dataset = try #require(config.resources.first { $0.address == ResourceAddress.resource("google_bigquery_dataset", "events") })
        let labels = try #require(dataset.arguments["labels"]?.renderedJSON.objectValue)
        #expect(labels == [
            "owner": "ingestion_acme_io", "team": "data-platform", "tier": "tier1", "data_classification": "confidential",
            "cost_center": "cc_4100_analytics", "environment": "prod", "platform": "acme-data", "managed_by": "paved",
        ])
        #expect(SynthesisContextLabels.value(String(repeating: "A", count: 80)) == String(repeating: "a", count: 63))
        let marts = try #require(config.resources.first { $0.address == ResourceAddress.resource("google_bigquery_dataset", "marts") })
        #expect(marts.arguments["labels"]?.renderedJSON.objectValue?["owner"] == "data-platform_acme_io")
    }

    @Test func environmentsGetTheirOverridesProjectAndProvider() throws {
        let dev = try #require(PavedTesting.stack(Self.full, .dev))
        let prod = try #require(PavedTesting.stack(Self.full, .prod))
        func arg(_ c: Configuration, _ name: String, _ key: String) -> JSON? {
            c.resources.first { $0.address == ResourceAddress.resource("google_bigquery_dataset", name) }?.arguments[key]?.renderedJSON
        }
        #expect(arg(dev, "events", "default_table_expiration_ms") == .int(2_592_000_000))
        #expect(arg(prod, "events", "default_table_expiration_ms") == nil)
        #expect(arg(dev, "events", "max_time_travel_hours") == "168")
        #expect(arg(dev, "marts", "max_time_travel_hours") == "48")
        #expect(arg(prod, "marts", "max_time_travel_hours") == "168")
        #expect(arg(prod, "events", "default_partition_expiration_ms") == .int(34_560_000_000))
        #expect(arg(prod, "events", "dataset_id") == "acme_data_prod_events")
        #expect(arg(prod, "events", "project") == "acme-data-prod")
        #expect(dev.providers == [ProviderConfiguration("google", arguments: ["project": "acme-data-dev", "region": "europe-west1"])])
        #expect(prod.terraform.requiredProviders == ["google": ProviderRequirement(source: "hashicorp/google", version: "~> 6.50.0")])
    }

    /// Each target kind lowers its own intents: only a dataset grant adds the project's job user
    /// role, once per grantee however many datasets it reads or writes.
    @Test func onlyDatasetGrantsAddTheJobUserRole() throws {
        let platform = Platform("mix", owner: "o@acme.io", tier: .tier2, classification: .internal) {
            Environment(.prod, gcp: .project("acme-mix-prod", region: "europe-west1"))
            BigQueryDataset("events", location: "EU")
            BigQueryDataset("marts", location: "EU")
            GCSBucket("landing", location: "EU")
            GCPSecret("token", rotationNotifications: .publish(to: "secret-rotation", every: .days(90), startingAt: "2027-01-01T00:00:00Z"))
            GCPServiceAccount("loader") {
                Allow(.write, on: "landing")
                Allow(.readSecret, on: "token")
            }
            GCPServiceAccount("transformer") {
                Allow(.read, on: "events")
                Allow(.write, on: "marts")
                Allow(.read, on: "landing")
            }
            GCPGroup("ops", email: "ops@acme.io") {
                Allow(.read, on: "landing")
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [])
        let config = try #require(PavedTesting.stack(platform, .prod))
        let projectRoles = config.resources.filter { $0.address.type == "google_project_iam_member" }.map { r in
            "\(r.address.name): \(r.arguments["member"]?.renderedJSON.stringValue ?? "-") \(r.arguments["role"]?.renderedJSON.stringValue ?? "-")"
        }
        #expect(projectRoles == ["transformer_bigquery_job_user: serviceAccount:${google_service_account.transformer.email} roles/bigquery.jobUser"])
        #expect(config.resources.filter { $0.address.type.hasSuffix("_iam_member") && $0.provenance?.constructPath.hasSuffix("/grants") == true }
            .map(\.address.name).sorted() == [
                "loader_read_secret_token", "loader_write_landing", "ops_read_landing", "transformer_bigquery_job_user",
                "transformer_read_events", "transformer_read_landing", "transformer_write_marts",
            ])
    }

    /// Kubernetes service accounts impersonate a service account through
    /// `roles/iam.workloadIdentityUser` on it, with the pool of the cluster's project.
    @Test func workloadIdentityOnTheServiceAccountOnly() throws {
        let line = #line
        let platform = Platform("wi", owner: "o@acme.io") {
            Environment(.dev, gcp: .project("acme-wi-dev", region: "europe-west1"))
            GCPServiceAccount("runner", workloadIdentity: [
                .kubernetes(namespace: "dagster", serviceAccount: "runner"),
                .kubernetes(namespace: "dagster", serviceAccount: "runner"),
                .kubernetes(namespace: "jobs", serviceAccount: "dbt.runner", clusterProject: "acme-gke-shared"),
            ])
        }
        #expect(PavedTesting.diagnostics(of: platform) == [])
        let config = try #require(PavedTesting.stack(platform, .dev))
        let bindings = config.resources.filter { $0.address.type == "google_service_account_iam_member" }
        #expect(bindings.map { r in
            let j = { (k: String) in r.arguments[k]?.renderedJSON.stringValue ?? "-" }
            return "\(r.address.name): \(j("member")) \(j("role")) on \(j("service_account_id")) (line \(r.provenance?.location.line ?? 0))"
        } == [
            "runner_workload_identity_dagster_runner: serviceAccount:acme-wi-dev.svc.id.goog[dagster/runner] roles/iam.workloadIdentityUser on ${google_service_account.runner.name} (line \(line + 4))",
            "runner_workload_identity_jobs_dbt_runner: serviceAccount:acme-gke-shared.svc.id.goog[jobs/dbt.runner] roles/iam.workloadIdentityUser on ${google_service_account.runner.name} (line \(line + 6))",
        ])
        #expect(bindings.map { $0.provenance?.constructPath ?? "-" } == ["wi/runner/workload-identity", "wi/runner/workload-identity"])
        #expect(!config.resources.contains { $0.address.type == "google_project_iam_member" })
    }

    @Test(.enabled(if: SchemaValidityTests.hasSharedSchema("google.json")))
    func validAgainstTheFullGoogleSchema() throws {
        #expect(try SchemaValidityTests.sharedSchemaFindings("google.json", [Self.minimal, Self.full]) == [])
    }

    @Test func invalidInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/BigQueryTests.swift"
        let line = #line
        let platform = Platform("bq", owner: "o@acme.io") {
            Environment(.dev, gcp: .project("Acme", region: "europe"))
            Environment(.prod, aws: .account("111111111111", region: "eu-west-1"))
            BigQueryDataset("Events", location: "Mars", tableExpiration: .minutes(5), timeTravel: .hours(12))
                .overriding(in: .dev, timeTravel: .days(9))
            Bucket("raw")
            GCPServiceAccount("reader") {
                Allow(.read, on: "raw")
                Allow(.readSecret, on: "Events")
                Allow(actions: ["s3:GetObject"], on: ["*"])
            }
            GCPGroup("people", email: "not an email") {
                Allow(.write, on: "raw")
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 2): error: environment 'dev': 'Acme' is not a Google Cloud project ID (6 to 30 lowercase letters, digits and dashes, starting with a letter)",
            "\(file):\(line + 2): error: environment 'dev': 'europe' is not a Google Cloud region (such as europe-west1)",
            "\(file):\(line + 4): error: bigquery dataset name 'Events' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'events')",
            "\(file):\(line + 4): error: bigquery dataset 'Events' location 'Mars' is not a BigQuery location (EU, US or a region such as europe-west1)",
            "\(file):\(line + 4): error: bigquery dataset 'Events' tableExpiration must be at least 1 hour (got 5 minutes)",
            "\(file):\(line + 4): error: bigquery dataset 'Events' timeTravel must be 2 to 7 whole days (got 12 hours): BigQuery keeps 48 to 168 hours, in days",
            "\(file):\(line + 5): error: bigquery dataset 'Events' in dev timeTravel must be 2 to 7 whole days (got 9 days): BigQuery keeps 48 to 168 hours, in days",
            "\(file):\(line + 10): error: Allow(actions:on:) writes IAM statements for AWS: a gcp service account takes Allow(.read, on: \"dataset\") or .write",
            "\(file):\(line + 12): error: gcp group 'people' email 'not an email' is not a group address (such as analysts@acme.io)",
            "\(file):\(line + 6): error: bucket 'raw' needs an AWS account, but environment 'dev' (\(file):\(line + 2)) has none: add aws: .account(\"123456789012\", region: \"eu-west-1\")",
            "\(file):\(line + 8): error: cannot grant .read on bucket 'raw' to gcp service account 'reader': a gcp service account can be granted access to bigquery datasets, gcs buckets and gcp secrets only",
            "\(file):\(line + 9): error: cannot grant .readSecret on bigquery dataset 'Events' to gcp service account 'reader': use .read or .write",
            "\(file):\(line + 13): error: cannot grant .write on bucket 'raw' to gcp group 'people': a gcp group can be granted access to bigquery datasets, gcs buckets and gcp secrets only",
            "\(file):\(line + 4): error: bigquery dataset 'Events' needs a Google Cloud project, but environment 'prod' (\(file):\(line + 3)) has none: add gcp: .project(\"my-project\", region: \"europe-west1\")",
            "\(file):\(line + 7): error: gcp service account 'reader' needs a Google Cloud project, but environment 'prod' (\(file):\(line + 3)) has none: add gcp: .project(\"my-project\", region: \"europe-west1\")",
            "\(file):\(line + 12): error: gcp group 'people' needs a Google Cloud project, but environment 'prod' (\(file):\(line + 3)) has none: add gcp: .project(\"my-project\", region: \"europe-west1\")",
        ])
    }
}

/// The label sanitizer, reachable from tests.
enum SynthesisContextLabels {
    static func value(_ text: String) -> String { SynthesisContext.labelValue(text) }
}

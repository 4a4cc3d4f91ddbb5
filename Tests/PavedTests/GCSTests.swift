import Foundation
import Paved
import PavedTesting
import Testing

/// Cloud Storage buckets, Cloud Logging buckets and workload identity: goldens, CMEK, lifecycle
/// rules, retention policies, exact IAM, labels, overrides, diagnostics.
@Suite struct GCSTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/golden/constructs")

    static let minimal = Platform("gcs", owner: "data@acme.io", tier: .tier3, classification: .internal) {
        Environment(.prod, gcp: .project("acme-gcs-prod", region: "europe-west1"), backend: .local(path: "prod.tfstate"))
        GCSBucket("landing", location: "EU")
        GCPLogBucket("pipelines")
    }

    static let full = Platform(
        "acme-data", owner: "Data-Platform@Acme.io", team: "data-platform", tier: .tier2, classification: .internal,
        costCenter: "CC 4100/Analytics"
    ) {
        Environment(.dev, gcp: .project("acme-data-dev", region: "europe-west1"), backend: .gcs(bucket: "acme-tf-dev", prefix: "acme-data"))
        Environment(.prod, gcp: .project("acme-data-prod", region: "europe-west1"), backend: .gcs(bucket: "acme-tf-prod", prefix: "acme-data"))
        GCSBucket("landing", location: "EU", softDelete: .days(14), owner: "ingestion@acme.io", tier: .tier1, classification: .confidential) {
            Retention(
                expireAfter: .days(400), transitions: [.after(.days(30), to: .nearline), .after(.days(90), to: .coldline)],
                noncurrentVersionsExpireAfter: .days(14), abortIncompleteUploadsAfter: .days(2))
        }
        .overriding(in: .dev, retention: Retention(expireAfter: .days(14)), softDelete: .days(7))
        GCSBucket("records", location: "europe-west1", storageClass: .nearline, softDelete: nil, retentionPolicy: .days(365)) {
            Retention(expireAfter: .days(2555), archiveAfter: .days(180))
        }
        .overriding(in: .dev, retentionPolicy: .days(1))
        .overriding(in: .prod, lockRetentionPolicyIrreversibly: true)
        GCPLogBucket("audit", keepLogsFor: .days(400), description: "Audit logs", classification: .restricted)
            .overriding(in: .dev, keepLogsFor: .days(90))
            .overriding(in: .prod, lockRetentionIrreversibly: true)
        GCPLogBucket("pipelines", region: "europe-west4")
        GCPSecret("dbt-token", rotationNotifications: .publish(to: "secret-rotation", every: .days(90), startingAt: "2027-01-01T00:00:00Z"))
        BigQueryDataset("marts", location: "EU").overriding(in: .dev, tableExpiration: .days(30))
        GCPServiceAccount("loader", workloadIdentity: [.kubernetes(namespace: "dagster", serviceAccount: "runner")]) {
            Allow(.write, on: "landing")
            Allow(.read, on: "records")
            Allow(.readSecret, on: "dbt-token")
        }
        GCPServiceAccount("transformer", workloadIdentity: [
            .kubernetes(namespace: "dagster", serviceAccount: "dbt", clusterProject: "acme-gke-prod"),
            .kubernetes(namespace: "airflow", serviceAccount: "worker.v2"),
            .kubernetes(namespace: "dagster", serviceAccount: "dbt", clusterProject: "acme-gke-prod"),
        ]) {
            Allow(.read, on: "landing")
            Allow(.write, on: "marts")
        }
        GCPGroup("auditors", email: "auditors@acme.io") {
            Allow(.read, on: "records")
        }
    }

    @Test(arguments: [("minimal", "prod"), ("full", "dev"), ("full", "prod")])
    func matchesGolden(_ platform: String, _ env: String) throws {
        let rendered = PavedTesting.render(platform == "minimal" ? Self.minimal : Self.full)
        let text = try #require(rendered.files["\(env)/main.tf.json"])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent("gcs-\(platform)-\(env).tf.json"))
    }

    @Test func synthesizesWithoutDiagnostics() {
        #expect(PavedTesting.diagnostics(of: Self.minimal) == [])
        #expect(PavedTesting.diagnostics(of: Self.full) == [])
    }

    static func resource(_ config: Configuration, _ type: String, _ name: String) -> Resource? {
        config.resources.first { $0.address == ResourceAddress.resource(type, name) }
    }

    static func json(_ r: Resource?, _ key: String) -> JSON? { r?.arguments[key]?.renderedJSON }

    /// One-line JSON: `["STANDARD","NEARLINE"]`, `"LIVE"`, `30`.
    static func compact(_ j: JSON) -> String {
        switch j {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return "\"\(s)\""
        case .array(let a): return "[" + a.map(compact).joined(separator: ",") + "]"
        case .object(let o): return "{" + o.keys.sorted().map { "\($0):\(o[$0].map(compact) ?? "")" }.joined(separator: ",") + "}"
        }
    }

    /// The first (only) element of a nested block: `versioning[0]`.
    static func block(_ r: Resource?, _ key: String) -> [String: JSON]? { json(r, key)?.arrayValue?.first?.objectValue }

    /// Private (SEC-GCS-001), encrypted with its own key that only the Cloud Storage agent may use,
    /// versioned with soft delete, never force-destroyed.
    @Test func bucketIsPrivateEncryptedAndVersioned() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let bucket = try #require(Self.resource(config, "google_storage_bucket", "landing"))
        #expect(Self.json(bucket, "name") == "acme-data-prod-landing")
        #expect(Self.json(bucket, "location") == "EU")
        #expect(Self.json(bucket, "project") == "acme-data-prod")
        #expect(Self.json(bucket, "public_access_prevention") == "enforced")
        #expect(Self.json(bucket, "uniform_bucket_level_access") == .bool(true))
        #expect(Self.json(bucket, "force_destroy") == .bool(false))
        #expect(Self.json(bucket, "storage_class") == "STANDARD")
        #expect(Self.block(bucket, "versioning")?["enabled"] == .bool(true))
        #expect(Self.block(bucket, "soft_delete_policy")?["retention_duration_seconds"] == .int(1_209_600))
        #expect(Self.block(bucket, "encryption")?["default_kms_key_name"] == "${google_kms_crypto_key.gcs_landing.id}")
        #expect(Self.json(bucket, "retention_policy") == nil)
        #expect(bucket.dependsOn.map(\.description) == ["google_kms_crypto_key_iam_member.gcs_landing"])

        let ring = try #require(Self.resource(config, "google_kms_key_ring", "gcs_landing"))
        #expect(Self.json(ring, "location") == "europe")
        #expect(Self.json(ring, "name") == "acme-data-prod-gcs-landing")
        let key = try #require(Self.resource(config, "google_kms_crypto_key", "gcs_landing"))
        #expect(Self.json(key, "rotation_period") == "7776000s")
        #expect(Self.json(key, "purpose") == "ENCRYPT_DECRYPT")
        #expect(Self.json(Self.resource(config, "google_kms_key_ring", "gcs_records"), "location") == "europe-west1")
        let agent = try #require(config.resources.first { $0.address == .data("google_storage_project_service_account", "gcs_landing") })
        #expect(Self.json(agent, "project") == "acme-data-prod")

        let records = try #require(Self.resource(config, "google_storage_bucket", "records"))
        #expect(Self.json(records, "location") == "EUROPE-WEST1")
        #expect(Self.json(records, "storage_class") == "NEARLINE")
        #expect(Self.block(records, "soft_delete_policy")?["retention_duration_seconds"] == .int(0))
    }

    /// Retention becomes lifecycle rules (COST-GCS-001): colder classes for live objects, expiry of
    /// live objects, of noncurrent versions and of abandoned uploads.
    @Test func lifecycleRulesFromRetention() throws {
        func rules(_ platform: Platform, _ env: EnvironmentName, _ name: String) throws -> [String] {
            let config = try #require(PavedTesting.stack(platform, env))
            let bucket = try #require(Self.resource(config, "google_storage_bucket", name))
            return (Self.json(bucket, "lifecycle_rule")?.arrayValue ?? []).map { rule in
                let action = rule.objectValue?["action"]?.arrayValue?.first?.objectValue ?? [:]
                let condition = rule.objectValue?["condition"]?.arrayValue?.first?.objectValue ?? [:]
                let what = [action["type"]?.stringValue, action["storage_class"]?.stringValue].compactMap { $0 }.joined(separator: " ")
                let when = condition.keys.sorted().map { k in "\(k)=\(condition[k].map(Self.compact) ?? "")" }.joined(separator: " ")
                return "\(what) if \(when)"
            }
        }
        #expect(try rules(Self.full, .prod, "landing") == [
            "SetStorageClass NEARLINE if age=30 matches_storage_class=[\"STANDARD\"] with_state=\"LIVE\"",
            "SetStorageClass COLDLINE if age=90 matches_storage_class=[\"STANDARD\",\"NEARLINE\"] with_state=\"LIVE\"",
            "Delete if age=400 with_state=\"LIVE\"",
            "Delete if days_since_noncurrent_time=14 with_state=\"ARCHIVED\"",
            "AbortIncompleteMultipartUpload if age=2",
        ])
        // The dev override replaces the whole Retention; its defaults apply (30 and 7 days).
        #expect(try rules(Self.full, .dev, "landing") == [
            "Delete if age=14 with_state=\"LIVE\"",
            "Delete if days_since_noncurrent_time=30 with_state=\"ARCHIVED\"",
            "AbortIncompleteMultipartUpload if age=7",
        ])
        // archiveAfter: means ARCHIVE; no noncurrent rule in a bucket with a retention policy (no versioning).
        #expect(try rules(Self.full, .prod, "records") == [
            "SetStorageClass ARCHIVE if age=180 matches_storage_class=[\"NEARLINE\",\"COLDLINE\"] with_state=\"LIVE\"",
            "Delete if age=2555 with_state=\"LIVE\"",
            "AbortIncompleteMultipartUpload if age=7",
        ])
        // Without a Retention, its defaults: noncurrent versions after 30 days, uploads after 7.
        #expect(try rules(Self.minimal, .prod, "landing") == [
            "Delete if days_since_noncurrent_time=30 with_state=\"ARCHIVED\"",
            "AbortIncompleteMultipartUpload if age=7",
        ])
    }

    /// The retention policy is per environment; it is locked only where asked, and turns
    /// versioning off (Cloud Storage does not allow both).
    @Test func retentionPolicyIsLockedOnlyWhenAskedFor() throws {
        let dev = try #require(PavedTesting.stack(Self.full, .dev))
        let prod = try #require(PavedTesting.stack(Self.full, .prod))
        let devRecords = Self.resource(dev, "google_storage_bucket", "records")
        let prodRecords = Self.resource(prod, "google_storage_bucket", "records")
        #expect(Self.block(prodRecords, "retention_policy") == ["retention_period": .int(31_536_000), "is_locked": .bool(true)])
        #expect(Self.block(devRecords, "retention_policy") == ["retention_period": .int(86_400), "is_locked": .bool(false)])
        #expect(Self.block(prodRecords, "versioning")?["enabled"] == .bool(false))
        #expect(Self.block(Self.resource(dev, "google_storage_bucket", "landing"), "soft_delete_policy")?["retention_duration_seconds"] == .int(604_800))
        for config in [dev, prod] {
            #expect(Self.block(Self.resource(config, "google_storage_bucket", "landing"), "retention_policy") == nil)
        }
    }

    /// Every binding, exactly: object roles on one bucket, the accessor role on one secret, the job
    /// user role only for a dataset grant, workload identity on one service account, and the
    /// service agents on their own keys.
    @Test func iamIsExactlyTheIntents() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        func line(_ r: Resource) -> String {
            let j = { (k: String) in r.arguments[k]?.renderedJSON.stringValue ?? "-" }
            let target: String
            switch r.address.type {
            case "google_project_iam_member": target = "project \(j("project"))"
            case "google_kms_crypto_key_iam_member": target = "key \(j("crypto_key_id"))"
            case "google_storage_bucket_iam_member": target = "bucket \(j("bucket"))"
            case "google_secret_manager_secret_iam_member": target = "secret \(j("secret_id")) in \(j("project"))"
            case "google_service_account_iam_member": target = "service account \(j("service_account_id"))"
            case "google_pubsub_topic_iam_member": target = "topic \(j("topic"))"
            default: target = "dataset \(j("dataset_id"))"
            }
            return "\(j("member")) \(j("role")) on \(target)"
        }
        let iam = config.resources.filter { $0.address.type.hasSuffix("_iam_member") }.map(line).sorted()
        let secretAgent = "serviceAccount:service-${data.google_project.secret_dbt_token.number}@gcp-sa-secretmanager.iam.gserviceaccount.com"
        #expect(iam == [
            "group:auditors@acme.io roles/storage.objectViewer on bucket ${google_storage_bucket.records.name}",
            "serviceAccount:${data.google_bigquery_default_service_account.bq_marts.email} roles/cloudkms.cryptoKeyEncrypterDecrypter on key ${google_kms_crypto_key.bq_marts.id}",
            "serviceAccount:${data.google_logging_project_cmek_settings.logs_audit.service_account_id} roles/cloudkms.cryptoKeyEncrypterDecrypter on key ${google_kms_crypto_key.logs_audit.id}",
            "serviceAccount:${data.google_logging_project_cmek_settings.logs_pipelines.service_account_id} roles/cloudkms.cryptoKeyEncrypterDecrypter on key ${google_kms_crypto_key.logs_pipelines.id}",
            "serviceAccount:${data.google_storage_project_service_account.gcs_landing.email_address} roles/cloudkms.cryptoKeyEncrypterDecrypter on key ${google_kms_crypto_key.gcs_landing.id}",
            "serviceAccount:${data.google_storage_project_service_account.gcs_records.email_address} roles/cloudkms.cryptoKeyEncrypterDecrypter on key ${google_kms_crypto_key.gcs_records.id}",
            "serviceAccount:${google_service_account.loader.email} roles/secretmanager.secretAccessor on secret ${google_secret_manager_secret.dbt_token.secret_id} in ${google_secret_manager_secret.dbt_token.project}",
            "serviceAccount:${google_service_account.loader.email} roles/storage.objectCreator on bucket ${google_storage_bucket.landing.name}",
            "serviceAccount:${google_service_account.loader.email} roles/storage.objectViewer on bucket ${google_storage_bucket.records.name}",
            "serviceAccount:${google_service_account.transformer.email} roles/bigquery.dataEditor on dataset ${google_bigquery_dataset.marts.dataset_id}",
            "serviceAccount:${google_service_account.transformer.email} roles/bigquery.jobUser on project acme-data-prod",
            "serviceAccount:${google_service_account.transformer.email} roles/storage.objectViewer on bucket ${google_storage_bucket.landing.name}",
            "serviceAccount:acme-data-prod.svc.id.goog[airflow/worker.v2] roles/iam.workloadIdentityUser on service account ${google_service_account.transformer.name}",
            "serviceAccount:acme-data-prod.svc.id.goog[dagster/runner] roles/iam.workloadIdentityUser on service account ${google_service_account.loader.name}",
            "serviceAccount:acme-gke-prod.svc.id.goog[dagster/dbt] roles/iam.workloadIdentityUser on service account ${google_service_account.transformer.name}",
            "\(secretAgent) roles/cloudkms.cryptoKeyEncrypterDecrypter on key ${google_kms_crypto_key.secret_dbt_token_global.id}",
            "\(secretAgent) roles/pubsub.publisher on topic projects/acme-data-prod/topics/secret-rotation",
        ])
        // Only the dataset grant asks for a project role; nothing is granted to the public.
        #expect(config.resources.filter { $0.address.type == "google_project_iam_member" }.map(\.address.name) == ["transformer_bigquery_job_user"])
        let text = try #require(PavedTesting.render(Self.full).files["prod/main.tf.json"])
        for word in ["allUsers", "allAuthenticatedUsers", "roles/storage.objectUser", "roles/storage.admin", "google_service_account_key"] {
            #expect(!text.contains(word), "\(word) in output")
        }
        let names = config.resources.filter { $0.address.type == "google_service_account_iam_member" }.map(\.address.name).sorted()
        #expect(names == [
            "loader_workload_identity_dagster_runner", "transformer_workload_identity_airflow_worker_v2",
            "transformer_workload_identity_dagster_dbt",
        ])
    }

    /// Labels from the metadata on the bucket and its key; the log bucket, which cannot be
    /// labelled, carries it in its provenance (GOV-META-001).
    @Test func metadataBecomesLabels() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let expected: [String: JSON] = [
            "owner": "ingestion_acme_io", "team": "data-platform", "tier": "tier1", "data_classification": "confidential",
            "cost_center": "cc_4100_analytics", "environment": "prod", "platform": "acme-data", "managed_by": "paved",
        ]
        #expect(Self.json(Self.resource(config, "google_storage_bucket", "landing"), "labels")?.objectValue == expected)
        #expect(Self.json(Self.resource(config, "google_kms_crypto_key", "gcs_landing"), "labels")?.objectValue == expected)
        let audit = try #require(Self.resource(config, "google_logging_project_bucket_config", "audit"))
        #expect(audit.arguments["labels"] == nil)
        #expect(audit.provenance?.metadata == [
            "owner": "Data-Platform@Acme.io", "team": "data-platform", "tier": "tier2", "data_classification": "restricted",
            "cost_center": "CC 4100/Analytics", "environment": "prod", "platform": "acme-data", "managed_by": "paved",
        ])
        #expect(Self.json(Self.resource(config, "google_kms_crypto_key", "logs_audit"), "labels")?.objectValue?["data_classification"] == "restricted")
    }

    /// Log buckets keep logs for at least 90 days by default (SEC-LOG-003), in the environment's
    /// region unless told, encrypted with their own key, locked only where asked.
    @Test func logBucketRetentionCMEKAndLock() throws {
        let dev = try #require(PavedTesting.stack(Self.full, .dev))
        let prod = try #require(PavedTesting.stack(Self.full, .prod))
        let audit = Self.resource(prod, "google_logging_project_bucket_config", "audit")
        #expect(Self.json(audit, "bucket_id") == "acme-data-prod-audit")
        #expect(Self.json(audit, "project") == "acme-data-prod")
        #expect(Self.json(audit, "location") == "europe-west1")
        #expect(Self.json(audit, "retention_days") == .int(400))
        #expect(Self.json(audit, "locked") == .bool(true))
        #expect(Self.json(audit, "description") == "Audit logs")
        #expect(Self.block(audit, "cmek_settings") == ["kms_key_name": "${google_kms_crypto_key.logs_audit.id}"])
        #expect(audit?.dependsOn.map(\.description) == ["google_kms_crypto_key_iam_member.logs_audit"])
        // The key goes to the agent Cloud Logging names for the project (service-<number>@ or, in
        // older projects, cmek-p<number>@gcp-sa-logging), read from its CMEK settings, not built.
        let settings = try #require(prod.resources.first { $0.address == .data("google_logging_project_cmek_settings", "logs_audit") })
        #expect(settings.arguments.keys.sorted() == ["project"])
        #expect(Self.json(settings, "project") == "acme-data-prod")
        let grant = Self.resource(prod, "google_kms_crypto_key_iam_member", "logs_audit")
        #expect(Self.json(grant, "member") == "serviceAccount:${data.google_logging_project_cmek_settings.logs_audit.service_account_id}")
        #expect(Self.json(grant, "role") == "roles/cloudkms.cryptoKeyEncrypterDecrypter")
        #expect(Self.json(grant, "crypto_key_id") == "${google_kms_crypto_key.logs_audit.id}")
        #expect(!prod.resources.contains { $0.address == .data("google_project", "logs_audit") })
        let devAudit = Self.resource(dev, "google_logging_project_bucket_config", "audit")
        #expect(Self.json(devAudit, "retention_days") == .int(90))
        #expect(Self.json(devAudit, "locked") == .bool(false))
        let pipelines = Self.resource(prod, "google_logging_project_bucket_config", "pipelines")
        #expect(Self.json(pipelines, "retention_days") == .int(90))
        #expect(Self.json(pipelines, "location") == "europe-west4")
        #expect(Self.json(Self.resource(prod, "google_kms_key_ring", "logs_pipelines"), "location") == "europe-west4")
        #expect(Self.json(Self.resource(prod, "google_kms_key_ring", "logs_pipelines"), "name") == "acme-data-prod-logs-pipelines")
        #expect(Self.json(Self.resource(prod, "google_kms_crypto_key", "logs_pipelines"), "rotation_period") == "7776000s")
    }

    @Test(.enabled(if: SchemaValidityTests.hasSharedSchema("google.json")))
    func validAgainstTheFullGoogleSchema() throws {
        #expect(try SchemaValidityTests.sharedSchemaFindings("google.json", [Self.minimal, Self.full]) == [])
    }

    @Test func invalidInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/GCSTests.swift"
        let line = #line
        let platform = Platform("gcs", owner: "o@acme.io") {
            Environment(.prod, gcp: .project("acme-gcs-prod", region: "europe-west1"))
            GCSBucket("Landing", location: "Mars", softDelete: .days(3), lockRetentionPolicyIrreversibly: true) {
                Retention(expireAfter: .days(20), transitions: [.after(.days(30), to: .standardIA), .after(.days(60), to: .coldline), .after(.days(90), to: .nearline)])
            }
            GCSBucket("cold", location: "EU", storageClass: .coldline, retentionPolicy: .days(365)) {
                Retention(expireAfter: .days(100), transitions: [.after(.hours(12), to: .nearline)])
                Retention()
            }
            .overriding(in: .prod, softDelete: .days(120), retentionPolicy: .seconds(0))
            GCPLogBucket("Audit", region: "europe", keepLogsFor: .days(5000))
                .overriding(in: .prod, keepLogsFor: .hours(36))
            GCPServiceAccount("runner", workloadIdentity: [
                .kubernetes(namespace: "Dagster", serviceAccount: "runner_1"),
                .kubernetes(namespace: "-ops", serviceAccount: "a..b", clusterProject: "GKE"),
                .kubernetes(namespace: String(repeating: "n", count: 64), serviceAccount: "ok.sa-1"),
            ]) {
                Allow(.readSecret, on: "cold")
            }
            GCPGroup("anyone", email: "allUsers") {
                Allow(.read, on: "cold")
            }
            GCPGroup("any-google-account", email: "allAuthenticatedUsers")
            GCSBucket("warm", location: "us")
                .overriding(in: .prod, retention: Retention(archiveAfter: .days(60), transitions: [.after(.days(30), to: .glacier)]), lockRetentionPolicyIrreversibly: true)
        }
        let n64 = String(repeating: "n", count: 64)
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: gcs bucket name 'Landing' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'landing')",
            "\(file):\(line + 3): error: gcs bucket 'Landing' location 'Mars' is not a Cloud Storage location (EU, US, ASIA, a dual-region such as EUR4, or a region such as europe-west1)",
            "\(file):\(line + 3): error: gcs bucket 'Landing' softDelete must be 7 to 90 days, or nil to turn it off (got 3 days)",
            "\(file):\(line + 3): error: gcs bucket 'Landing' lockRetentionPolicyIrreversibly needs a retentionPolicy to lock (such as retentionPolicy: .days(365))",
            "\(file):\(line + 4): error: retention transition to STANDARD_IA is an S3 storage class: a gcs bucket moves objects to .nearline, .coldline or .archive",
            "\(file):\(line + 4): error: retention transition to NEARLINE after 90 days is not colder than COLDLINE (the transition before it): Cloud Storage lifecycle rules only move objects to colder classes",
            "\(file):\(line + 4): error: retention expires objects after 20 days, before or when they move to NEARLINE after 90 days: expiration must come after every transition",
            "\(file):\(line + 8): error: gcs bucket 'cold' has more than one Retention; merge them into one",
            "\(file):\(line + 7): error: retention transition to NEARLINE must be a whole number of days, at least 1 (got 12 hours)",
            "\(file):\(line + 7): error: retention transition to NEARLINE after 12 hours is not colder than COLDLINE (the bucket's storage class): Cloud Storage lifecycle rules only move objects to colder classes",
            "\(file):\(line + 7): error: retention expires objects after 100 days, but the retention policy of gcs bucket 'cold' keeps them for 365 days: expiration must come after the retention period",
            "\(file):\(line + 10): error: gcs bucket 'cold' in prod softDelete must be 7 to 90 days, or nil to turn it off (got 120 days)",
            "\(file):\(line + 10): error: gcs bucket 'cold' in prod retentionPolicy must be 1 second to 100 years (got 0 days)",
            "\(file):\(line + 11): error: gcp log bucket name 'Audit' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'audit')",
            "\(file):\(line + 11): error: gcp log bucket 'Audit' region 'europe' is not a Google Cloud region (such as europe-west1): Paved keeps logs in one region, with a key beside them",
            "\(file):\(line + 11): error: gcp log bucket 'Audit' keepLogsFor must be 1 to 3650 whole days (got 5000 days)",
            "\(file):\(line + 12): error: gcp log bucket 'Audit' in prod keepLogsFor must be 1 to 3650 whole days (got 36 hours)",
            "\(file):\(line + 14): error: gcp service account 'runner' workload identity namespace 'Dagster' is not a Kubernetes namespace name (DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)",
            "\(file):\(line + 14): error: gcp service account 'runner' workload identity service account 'runner_1' is not a Kubernetes service account name (DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit)",
            "\(file):\(line + 15): error: gcp service account 'runner' workload identity namespace '-ops' is not a Kubernetes namespace name (DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)",
            "\(file):\(line + 15): error: gcp service account 'runner' workload identity service account 'a..b' is not a Kubernetes service account name (DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit)",
            "\(file):\(line + 15): error: gcp service account 'runner' workload identity cluster project 'GKE' is not a Google Cloud project ID (6 to 30 lowercase letters, digits and dashes, starting with a letter)",
            "\(file):\(line + 16): error: gcp service account 'runner' workload identity namespace '\(n64)' is not a Kubernetes namespace name (DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)",
            "\(file):\(line + 20): error: gcp group 'anyone' email 'allUsers' is not a group address (such as analysts@acme.io)",
            "\(file):\(line + 23): error: gcp group 'any-google-account' email 'allAuthenticatedUsers' is not a group address (such as analysts@acme.io)",
            "\(file):\(line + 25): error: gcs bucket 'warm' in prod lockRetentionPolicyIrreversibly needs a retentionPolicy to lock (such as retentionPolicy: .days(365))",
            "\(file):\(line + 25): error: retention transition to GLACIER is an S3 storage class: a gcs bucket moves objects to .nearline, .coldline or .archive",
            "\(file):\(line + 18): error: cannot grant .readSecret on gcs bucket 'cold' to gcp service account 'runner': use .read or .write",
        ])
    }

    /// An S3 bucket refuses the Cloud Storage classes, and an AWS role cannot be granted a GCS bucket.
    @Test func cloudStorageClassesAreForGCSBucketsOnly() {
        let file = "PavedTests/GCSTests.swift"
        let line = #line
        let platform = Platform("mixed", owner: "o@acme.io") {
            Environment(.prod, aws: .account("111111111111", region: "eu-west-1"), gcp: .project("acme-mixed-prod", region: "europe-west1"))
            Bucket("raw") {
                Retention(transitions: [.after(.days(30), to: .nearline)])
            }
            GCSBucket("landing", location: "EU")
            Role("etl", assumedBy: .service(.glue)) {
                Allow(.read, on: "landing")
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 4): error: retention transition to NEARLINE is a Cloud Storage class: an S3 bucket moves objects to .standardIA, .glacier or another S3 class",
            "\(file):\(line + 8): error: cannot grant .read on gcs bucket 'landing': AWS roles cannot be granted Google Cloud resources: grant it in a GCPServiceAccount",
        ])
    }
}

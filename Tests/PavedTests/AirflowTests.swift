import Foundation
@testable import Paved
import PavedTesting
import Testing

/// Airflow on MWAA and on Cloud Composer: goldens, schema validity, the execution role's exact
/// permissions, keys, logs, metadata, overrides and diagnostics.
@Suite struct AirflowTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/golden/constructs")

    static let subnets = ["subnet-0a1b2c3d", "subnet-1a2b3c4d"]

    /// The least a team writes on MWAA: the network and the DAG bucket.
    static let mwaaMinimal = Platform("af", owner: "data@acme.io") {
        Environment(.prod, aws: .account("111111111111", region: "eu-west-1"), backend: .local(path: "prod.tfstate"))
        LogBucket("access-logs")
        Bucket("airflow-dags") { Retention(noncurrentVersionsExpireAfter: .days(30)) }
        Airflow("core", on: .mwaa(subnetIDs: subnets, securityGroupIDs: ["sg-0123abcd"]), version: "2.10.3", dags: "airflow-dags")
    }

    static let mwaaFull = Platform(
        "acme-data", owner: "data-platform@acme.io", team: "data-platform", tier: .tier2, classification: .internal,
        costCenter: "cc-4100"
    ) {
        Environment(.dev, aws: .account("111111111111", region: "eu-west-1"), backend: .local(path: "dev.tfstate"))
        Environment(.prod, aws: .account("222222222222", region: "eu-west-1"), backend: .local(path: "prod.tfstate"))
        LogBucket("access-logs")
        Bucket("airflow-dags") { Retention(noncurrentVersionsExpireAfter: .days(30)) }
        Bucket("raw-events", classification: .confidential) { Retention(expireAfter: .days(400)) }
        Secret("snowflake/etl-password", rotation: .every(.days(30), usingFunction: "snowflake-password-rotation"))
        Airflow(
            "core", on: .mwaa(subnetIDs: subnets.reversed(), securityGroupIDs: ["sg-0123456789abcdef0", "sg-0123abcd"]),
            version: "2.10.3", dags: "airflow-dags", webserver: .privateOnly, size: .medium, workers: 2...20, schedulers: 3,
            logLevel: .warning, keepLogsFor: .days(731), owner: "orchestration@acme.io", tier: .tier1
        ) {
            Allow(.read, on: "raw-events")
            Allow(.write, on: "raw-events")
            Allow(.readSecret, on: "snowflake/etl-password")
            Allow(.read, on: "raw-events")
        }
        .overriding(in: .dev, size: .small, workers: 1...2, schedulers: 2, keepLogsFor: .days(90))
    }

    static let composerMinimal = Platform("af", owner: "data@acme.io") {
        Environment(.prod, gcp: .project("acme-af-prod", region: "europe-west1"), backend: .local(path: "prod.tfstate"))
        GCPServiceAccount("airflow-worker")
        Airflow("core", on: .composer(serviceAccount: "airflow-worker"), version: "composer-3-airflow-2.10.5",
                webserver: .allowList(["203.0.113.0/24"]))
    }

    static let composerFull = Platform(
        "acme-data", owner: "Data-Platform@Acme.io", team: "data-platform", tier: .tier2, costCenter: "CC 4100"
    ) {
        Environment(.dev, gcp: .project("acme-data-dev", region: "europe-west1"), backend: .gcs(bucket: "acme-tf-dev", prefix: "acme-data"))
        Environment(.prod, gcp: .project("acme-data-prod", region: "europe-west1"), backend: .gcs(bucket: "acme-tf-prod", prefix: "acme-data"))
        BigQueryDataset("events", location: "EU", tableExpiration: .days(400))
        GCPServiceAccount("airflow-worker") {
            Allow(.read, on: "events")
        }
        GCPServiceAccount("legacy-worker")
        Airflow(
            "core", on: .composer(serviceAccount: "airflow-worker"), version: "composer-3-airflow-2.10.5-build.13",
            webserver: .allowList(["203.0.113.0/24", "2001:db8::/32"]), size: .medium, workers: 2...12, schedulers: 2,
            owner: "orchestration@acme.io", tier: .tier1, classification: .confidential
        )
        .overriding(in: .dev, size: .small, workers: 1...3, schedulers: 1)
        Airflow("legacy", on: .composer(serviceAccount: "legacy-worker", network: "projects/acme-net/global/networks/data",
                                        subnetwork: "projects/acme-net/regions/europe-west1/subnetworks/composer"),
                version: "composer-2.9.7-airflow-2.9.3", webserver: .allowList(["198.51.100.0/24"]))
    }

    @Test(arguments: [
        ("mwaa-minimal", "prod"), ("mwaa-full", "dev"), ("mwaa-full", "prod"),
        ("composer-minimal", "prod"), ("composer-full", "dev"), ("composer-full", "prod"),
    ])
    func matchesGolden(_ platform: String, _ env: String) throws {
        let platforms = [
            "mwaa-minimal": Self.mwaaMinimal, "mwaa-full": Self.mwaaFull,
            "composer-minimal": Self.composerMinimal, "composer-full": Self.composerFull,
        ]
        let rendered = PavedTesting.render(try #require(platforms[platform]))
        let text = try #require(rendered.files["\(env)/main.tf.json"])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent("airflow-\(platform)-\(env).tf.json"))
    }

    @Test func synthesizesWithoutDiagnostics() {
        for platform in [Self.mwaaMinimal, Self.mwaaFull, Self.composerMinimal, Self.composerFull] {
            #expect(PavedTesting.diagnostics(of: platform) == [])
        }
    }

    // MARK: - MWAA

    static func resource(_ config: Configuration, _ type: String, _ name: String) -> Resource? {
        config.resources.first { $0.address == ResourceAddress.resource(type, name) }
    }

    /// `SID Effect actions ON resources [IF test variable=values] [BY type:identifiers]` per statement.
    static func statements(_ config: Configuration, _ name: String) -> [String] {
        guard let doc = config.resources.first(where: { $0.address == .data("aws_iam_policy_document", name) }),
              let list = doc.arguments["statement"]?.renderedJSON.arrayValue
        else { return [] }
        func strings(_ json: JSON?) -> String { json?.arrayValue?.compactMap(\.stringValue).joined(separator: ",") ?? "" }
        return list.map { s in
            var line = "\(s["sid"]?.stringValue ?? "") \(s["effect"]?.stringValue ?? "") \(strings(s["actions"])) ON \(strings(s["resources"]))"
            for c in s["condition"]?.arrayValue ?? [] {
                line += " IF \(c["test"]?.stringValue ?? "") \(c["variable"]?.stringValue ?? "")=\(strings(c["values"]))"
            }
            for p in s["principals"]?.arrayValue ?? [] {
                line += " BY \(p["type"]?.stringValue ?? ""):\(strings(p["identifiers"]))"
            }
            return line
        }
    }

    /// The execution role holds exactly what MWAA needs, scoped to this environment, and then the
    /// jobs' grants lowered as a Role's (the duplicate Allow adds nothing).
    @Test func executionRoleIsLeastPrivilege() throws {
        let prod = try #require(PavedTesting.stack(Self.mwaaFull, .prod))
        let logs = ["dag_processing", "scheduler", "task", "web_server", "worker"]
            .map { "${aws_cloudwatch_log_group.airflow_core_\($0).arn},${aws_cloudwatch_log_group.airflow_core_\($0).arn}:*" }
            .joined(separator: ",")
        #expect(Self.statements(prod, "airflow_core_permissions") == [
            "PublishMetrics Allow airflow:PublishMetrics ON arn:aws:airflow:eu-west-1:222222222222:environment/acme-data-prod-core",
            "ReadDagBucket Allow s3:GetBucketLocation,s3:GetBucketPublicAccessBlock,s3:GetBucketVersioning,s3:ListBucket ON ${aws_s3_bucket.airflow_dags.arn}",
            "ReadDags Allow s3:GetObject,s3:GetObjectVersion ON ${aws_s3_bucket.airflow_dags.arn}/*",
            "DecryptDags Allow kms:Decrypt ON ${aws_kms_key.bucket_airflow_dags.arn} IF StringEquals kms:ViaService=s3.eu-west-1.amazonaws.com",
            "CheckAccountPublicAccessBlock Allow s3:GetAccountPublicAccessBlock ON *",
            "WriteLogs Allow logs:CreateLogGroup,logs:CreateLogStream,logs:GetLogEvents,logs:GetLogGroupFields,logs:PutLogEvents ON \(logs)",
            "DescribeLogGroups Allow logs:DescribeLogGroups ON arn:aws:logs:eu-west-1:222222222222:log-group:*",
            "PutMetrics Allow cloudwatch:PutMetricData ON * IF StringEquals cloudwatch:namespace=AmazonMWAA",
            "CeleryQueue Allow sqs:ChangeMessageVisibility,sqs:DeleteMessage,sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:ReceiveMessage,sqs:SendMessage ON arn:aws:sqs:eu-west-1:*:airflow-celery-*",
            "UseEnvironmentKey Allow kms:Decrypt,kms:DescribeKey,kms:Encrypt,kms:GenerateDataKey* ON ${aws_kms_key.airflow_core.arn} IF StringLike kms:ViaService=s3.eu-west-1.amazonaws.com,sqs.eu-west-1.amazonaws.com",
            "ListRawEvents Allow s3:ListBucket ON ${aws_s3_bucket.raw_events.arn}",
            "ReadRawEvents Allow s3:GetObject ON ${aws_s3_bucket.raw_events.arn}/*",
            "DecryptRawEvents Allow kms:Decrypt ON ${aws_kms_key.bucket_raw_events.arn} IF StringEquals kms:ViaService=s3.eu-west-1.amazonaws.com",
            "WriteRawEvents Allow s3:AbortMultipartUpload,s3:PutObject ON ${aws_s3_bucket.raw_events.arn}/*",
            "EncryptRawEvents Allow kms:Decrypt,kms:GenerateDataKey ON ${aws_kms_key.bucket_raw_events.arn} IF StringEquals kms:ViaService=s3.eu-west-1.amazonaws.com",
            "ReadSecretSnowflakeEtlPassword Allow secretsmanager:DescribeSecret,secretsmanager:GetSecretValue ON ${aws_secretsmanager_secret.snowflake_etl_password.arn}",
            "DecryptSecretSnowflakeEtlPassword Allow kms:Decrypt ON ${aws_kms_key.secret_snowflake_etl_password.arn} IF StringEquals kms:ViaService=secretsmanager.eu-west-1.amazonaws.com",
        ])
        // Only MWAA, and only on behalf of this environment in this account, may assume the role.
        #expect(Self.statements(prod, "airflow_core_trust") == [
            "AssumeRole Allow sts:AssumeRole ON  IF ArnLike aws:SourceArn=arn:aws:airflow:eu-west-1:222222222222:environment/acme-data-prod-core IF StringEquals aws:SourceAccount=222222222222 BY Service:airflow-env.amazonaws.com,airflow.amazonaws.com",
        ])
        let role = try #require(Self.resource(prod, "aws_iam_role", "airflow_core"))
        #expect(role.arguments["name"]?.renderedJSON == "acme-data-prod-airflow-core")
        #expect(role.arguments["assume_role_policy"]?.renderedJSON == "${data.aws_iam_policy_document.airflow_core_trust.json}")
        let policy = try #require(Self.resource(prod, "aws_iam_role_policy", "airflow_core"))
        #expect(policy.arguments["role"]?.renderedJSON == "${aws_iam_role.airflow_core.id}")
        #expect(policy.arguments["policy"]?.renderedJSON == "${data.aws_iam_policy_document.airflow_core_permissions.json}")
        // The minimal environment has only MWAA's own statements.
        let minimal = try #require(PavedTesting.stack(Self.mwaaMinimal, .prod))
        #expect(Self.statements(minimal, "airflow_core_permissions").count == 10)
    }

    /// The key rotates; its policy lets the account administer it and CloudWatch Logs in the region
    /// use it for this environment's log groups only.
    @Test func keyPolicyAdmitsCloudWatchLogsForTheseLogGroupsOnly() throws {
        let prod = try #require(PavedTesting.stack(Self.mwaaFull, .prod))
        let key = try #require(Self.resource(prod, "aws_kms_key", "airflow_core"))
        #expect(key.arguments["enable_key_rotation"]?.renderedJSON == .bool(true))
        #expect(key.arguments["policy"]?.renderedJSON == "${data.aws_iam_policy_document.airflow_core_key.json}")
        #expect(Self.statements(prod, "airflow_core_key") == [
            "AccountAdministersKey Allow kms:CancelKeyDeletion,kms:Create*,kms:Decrypt,kms:Delete*,kms:Describe*,kms:Disable*,kms:Enable*,kms:Encrypt,kms:GenerateDataKey*,kms:Get*,kms:List*,kms:Put*,kms:ReEncrypt*,kms:RetireGrant,kms:Revoke*,kms:RotateKeyOnDemand,kms:ScheduleKeyDeletion,kms:TagResource,kms:UntagResource,kms:Update* ON * BY AWS:arn:aws:iam::222222222222:root",
            "CloudWatchLogsEncryptsAirflowLogs Allow kms:Decrypt*,kms:Describe*,kms:Encrypt*,kms:GenerateDataKey*,kms:ReEncrypt* ON * IF ArnLike kms:EncryptionContext:aws:logs:arn=arn:aws:logs:eu-west-1:222222222222:log-group:airflow-acme-data-prod-core-* BY Service:logs.eu-west-1.amazonaws.com",
        ])
        #expect(Self.resource(prod, "aws_kms_alias", "airflow_core")?.arguments["name"]?.renderedJSON == "alias/acme-data-prod-airflow-core")
    }

    /// Five log groups with the names MWAA writes to, retention and the key; the environment sends
    /// all five log types at the chosen level, and waits for the groups and the role's policy.
    @Test func logsAreRetainedAndEncrypted() throws {
        for (env, days) in [(EnvironmentName.prod, 731), (.dev, 90)] {
            let config = try #require(PavedTesting.stack(Self.mwaaFull, env))
            let groups = config.resources.filter { $0.address.type == "aws_cloudwatch_log_group" }
            #expect(groups.map { $0.arguments["name"]?.renderedJSON.stringValue ?? "-" } == [
                "DAGProcessing", "Scheduler", "Task", "WebServer", "Worker",
            ].map { "airflow-acme-data-\(env)-core-\($0)" })
            for group in groups {
                #expect(group.arguments["retention_in_days"]?.renderedJSON == .int(days))
                #expect(group.arguments["kms_key_id"]?.renderedJSON == "${aws_kms_key.airflow_core.arn}")
            }
            let environment = try #require(Self.resource(config, "aws_mwaa_environment", "core"))
            let logging = environment.arguments["logging_configuration"]?.renderedJSON.arrayValue?.first?.objectValue ?? [:]
            #expect(logging.keys.sorted() == ["dag_processing_logs", "scheduler_logs", "task_logs", "webserver_logs", "worker_logs"])
            for (_, block) in logging {
                #expect(block.arrayValue?.first == ["enabled": true, "log_level": "WARNING"])
            }
            #expect(environment.dependsOn.map(\.description) == [
                "aws_cloudwatch_log_group.airflow_core_dag_processing", "aws_cloudwatch_log_group.airflow_core_scheduler",
                "aws_cloudwatch_log_group.airflow_core_task", "aws_cloudwatch_log_group.airflow_core_web_server",
                "aws_cloudwatch_log_group.airflow_core_worker", "aws_iam_role_policy.airflow_core",
            ])
        }
        let minimal = try #require(PavedTesting.stack(Self.mwaaMinimal, .prod))
        #expect(Self.resource(minimal, "aws_cloudwatch_log_group", "airflow_core_task")?.arguments["retention_in_days"]?.renderedJSON == .int(365))
        let logging = Self.resource(minimal, "aws_mwaa_environment", "core")?.arguments["logging_configuration"]?.renderedJSON
        #expect(logging?.arrayValue?.first?["task_logs"]?.arrayValue?.first?["log_level"] == "INFO")
    }

    /// Private web server, the customer key, the network, the DAG bucket and the per-environment sizes.
    @Test func environmentIsPrivateCappedAndSizedPerEnvironment() throws {
        func env(_ e: EnvironmentName) throws -> [String: JSON] {
            let config = try #require(PavedTesting.stack(Self.mwaaFull, e))
            let r = try #require(Self.resource(config, "aws_mwaa_environment", "core"))
            return r.arguments.dictionary.mapValues(\.renderedJSON)
        }
        let prod = try env(.prod)
        #expect(prod["name"] == "acme-data-prod-core")
        #expect(prod["webserver_access_mode"] == "PRIVATE_ONLY")
        #expect(prod["kms_key"] == "${aws_kms_key.airflow_core.arn}")
        #expect(prod["execution_role_arn"] == "${aws_iam_role.airflow_core.arn}")
        #expect(prod["source_bucket_arn"] == "${aws_s3_bucket.airflow_dags.arn}")
        #expect(prod["dag_s3_path"] == "dags")
        #expect(prod["airflow_version"] == "2.10.3")
        #expect(prod["environment_class"] == "mw1.medium")
        #expect(prod["min_workers"] == .int(2) && prod["max_workers"] == .int(20) && prod["schedulers"] == .int(3))
        #expect(prod["network_configuration"] == [[
            "security_group_ids": ["sg-0123456789abcdef0", "sg-0123abcd"], "subnet_ids": ["subnet-0a1b2c3d", "subnet-1a2b3c4d"],
        ]])
        let dev = try env(.dev)
        #expect(dev["environment_class"] == "mw1.small")
        #expect(dev["min_workers"] == .int(1) && dev["max_workers"] == .int(2) && dev["schedulers"] == .int(2))
        #expect(dev["name"] == "acme-data-dev-core")
    }

    /// The escape hatch is named, writes PUBLIC_ONLY, and policy still sees it.
    @Test func publicWebServerIsAnExplicitEscape() throws {
        let platform = Platform("af", owner: "data@acme.io") {
            Environment(.prod, aws: .account("111111111111", region: "eu-west-1"))
            Bucket("airflow-dags")
            Airflow("core", on: .mwaa(subnetIDs: Self.subnets, securityGroupIDs: ["sg-0123abcd"]), version: "2.11.0",
                    dags: "airflow-dags", webserver: .publicOnTheInternet)
        }
        #expect(PavedTesting.diagnostics(of: platform) == [])
        let config = try #require(PavedTesting.stack(platform, .prod))
        #expect(Self.resource(config, "aws_mwaa_environment", "core")?.arguments["webserver_access_mode"]?.renderedJSON == "PUBLIC_ONLY")
    }

    /// Tags come from the metadata (construct over platform) on everything MWAA-side that takes them.
    @Test func metadataBecomesTags() throws {
        let prod = try #require(PavedTesting.stack(Self.mwaaFull, .prod))
        let expected: JSON = [
            "owner": "orchestration@acme.io", "team": "data-platform", "tier": "tier1", "data_classification": "internal",
            "cost_center": "cc-4100", "environment": "prod", "platform": "acme-data", "managed_by": "paved",
        ]
        let tagged = prod.resources.filter { r in
            ["aws_mwaa_environment", "aws_kms_key", "aws_iam_role", "aws_cloudwatch_log_group"].contains(r.address.type)
                && (r.address.name == "core" || r.address.name.hasPrefix("airflow_core"))
        }
        #expect(tagged.count == 8)
        for r in tagged { #expect(r.arguments["tags"]?.renderedJSON == expected, "\(r.address)") }
    }

    // MARK: - Cloud Composer

    @Test func composerIsPrivateRestrictedAndEncrypted() throws {
        let prod = try #require(PavedTesting.stack(Self.composerFull, .prod))
        let core = try #require(Self.resource(prod, "google_composer_environment", "core"))
        let config = try #require(core.arguments["config"]?.renderedJSON.arrayValue?.first)
        #expect(core.arguments["name"]?.renderedJSON == "acme-data-prod-core")
        #expect(core.arguments["region"]?.renderedJSON == "europe-west1")
        #expect(core.arguments["project"]?.renderedJSON == "acme-data-prod")
        #expect(config["enable_private_environment"] == true)
        #expect(config["private_environment_config"] == nil)
        #expect(config["encryption_config"] == [["kms_key_name": "${google_kms_crypto_key.composer_core.id}"]])
        #expect(config["software_config"] == [["image_version": "composer-3-airflow-2.10.5-build.13"]])
        #expect(config["node_config"] == [["service_account": "${google_service_account.airflow_worker.email}"]])
        #expect(config["environment_size"] == "ENVIRONMENT_SIZE_MEDIUM")
        #expect(config["web_server_network_access_control"] == [["allowed_ip_range": [
            ["description": "Allowed by Paved", "value": "2001:db8::/32"],
            ["description": "Allowed by Paved", "value": "203.0.113.0/24"],
        ]]])
        #expect(config["workloads_config"] == [[
            "scheduler": [["count": 2]], "worker": [["max_count": 12, "min_count": 2]],
        ]])
        let key = try #require(Self.resource(prod, "google_kms_crypto_key", "composer_core"))
        #expect(key.arguments["rotation_period"]?.renderedJSON == "7776000s")
        #expect(Self.resource(prod, "google_kms_key_ring", "composer_core")?.arguments["location"]?.renderedJSON == "europe-west1")

        // Composer 2 is private through private_environment_config.
        let legacy = try #require(Self.resource(prod, "google_composer_environment", "legacy")?.arguments["config"]?.renderedJSON.arrayValue?.first)
        #expect(legacy["enable_private_environment"] == nil)
        #expect(legacy["private_environment_config"] == [["enable_private_endpoint": true]])
        #expect(legacy["environment_size"] == "ENVIRONMENT_SIZE_SMALL")
        #expect(legacy["node_config"] == [[
            "network": "projects/acme-net/global/networks/data", "service_account": "${google_service_account.legacy_worker.email}",
            "subnetwork": "projects/acme-net/regions/europe-west1/subnetworks/composer",
        ]])

        let dev = try #require(PavedTesting.stack(Self.composerFull, .dev))
        let devConfig = Self.resource(dev, "google_composer_environment", "core")?.arguments["config"]?.renderedJSON.arrayValue?.first
        #expect(devConfig?["environment_size"] == "ENVIRONMENT_SIZE_SMALL")
        #expect(devConfig?["workloads_config"] == [["scheduler": [["count": 1]], "worker": [["max_count": 3, "min_count": 1]]]])
    }

    /// The exact IAM: Composer's worker role for the service account, the service agent's extension
    /// role on that account only, and the key for the service agents Composer's CMEK page names.
    @Test func composerGrantsAreExact() throws {
        let prod = try #require(PavedTesting.stack(Self.composerFull, .prod))
        let agent = { (domain: String) in "serviceAccount:service-${data.google_project.composer_core.number}@\(domain).iam.gserviceaccount.com" }
        let iam = prod.resources.filter { $0.address.type.hasSuffix("_iam_member") && $0.address.name.hasPrefix("composer_core") }.map { r in
            let a = r.arguments.dictionary.mapValues { $0.renderedJSON.stringValue ?? "-" }
            let on = a["crypto_key_id"] ?? a["service_account_id"] ?? a["project"] ?? "-"
            return "\(r.address.type) \(a["role"] ?? "-") \(a["member"] ?? "-") ON \(on)"
        }
        #expect(iam == [
            "google_kms_crypto_key_iam_member roles/cloudkms.cryptoKeyEncrypterDecrypter \(agent("gcp-sa-artifactregistry")) ON ${google_kms_crypto_key.composer_core.id}",
            "google_kms_crypto_key_iam_member roles/cloudkms.cryptoKeyEncrypterDecrypter \(agent("cloudcomposer-accounts")) ON ${google_kms_crypto_key.composer_core.id}",
            "google_kms_crypto_key_iam_member roles/cloudkms.cryptoKeyEncrypterDecrypter \(agent("gs-project-accounts")) ON ${google_kms_crypto_key.composer_core.id}",
            "google_project_iam_member roles/composer.worker serviceAccount:${google_service_account.airflow_worker.email} ON acme-data-prod",
            "google_service_account_iam_member roles/composer.ServiceAgentV2Ext \(agent("cloudcomposer-accounts")) ON ${google_service_account.airflow_worker.name}",
        ])
        let legacyAgents = prod.resources.filter { $0.address.type == "google_kms_crypto_key_iam_member" && $0.address.name.hasPrefix("composer_legacy") }
            .map { $0.address.name }
        #expect(legacyAgents == [
            "composer_legacy_artifact_registry", "composer_legacy_composer", "composer_legacy_compute", "composer_legacy_gke",
            "composer_legacy_pubsub", "composer_legacy_storage",
        ])
        // The data grants stay with the service account.
        #expect(Self.resource(prod, "google_bigquery_dataset_iam_member", "airflow_worker_read_events") != nil)
        let core = try #require(Self.resource(prod, "google_composer_environment", "core"))
        #expect(core.dependsOn.map(\.description) == [
            "google_project_iam_member.composer_core_worker", "google_service_account_iam_member.composer_core_service_agent",
            "google_kms_crypto_key_iam_member.composer_core_artifact_registry", "google_kms_crypto_key_iam_member.composer_core_composer",
            "google_kms_crypto_key_iam_member.composer_core_storage",
        ])
    }

    @Test func composerMetadataBecomesLabels() throws {
        let prod = try #require(PavedTesting.stack(Self.composerFull, .prod))
        let expected: JSON = [
            "owner": "orchestration_acme_io", "team": "data-platform", "tier": "tier1", "data_classification": "confidential",
            "cost_center": "cc_4100", "environment": "prod", "platform": "acme-data", "managed_by": "paved",
        ]
        #expect(Self.resource(prod, "google_composer_environment", "core")?.arguments["labels"]?.renderedJSON == expected)
        #expect(Self.resource(prod, "google_kms_crypto_key", "composer_core")?.arguments["labels"]?.renderedJSON == expected)
        #expect(Self.resource(prod, "google_composer_environment", "legacy")?.arguments["labels"]?.renderedJSON.objectValue?["owner"]
            == "data-platform_acme_io")
    }

    // MARK: - Schemas

    @Test(.enabled(if: SchemaValidityTests.hasSharedSchema("aws.json")))
    func validAgainstTheFullProviderSchemas() throws {
        #expect(try SchemaValidityTests.sharedSchemaFindings(nil, [Self.mwaaMinimal, Self.mwaaFull, Self.composerMinimal, Self.composerFull]) == [])
    }

    @Test func validAgainstTheBundledSchemas() throws {
        let schemas = try ProviderSchemas.bundled()
        for platform in [Self.mwaaFull, Self.composerFull] {
            for stack in Synthesizer().synthesize(platform).stacks {
                let found = SchemaValidator(schemas: schemas).validate(text: TerraformRenderer().renderBytes(stack.configuration), file: stack.path)
                #expect(found.map(\.description) == [])
            }
        }
    }

    // MARK: - Diagnostics

    @Test func invalidMWAAInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/AirflowTests.swift"
        let line = #line
        let platform = Platform("af", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            Role("raw", assumedBy: .service(.glue))
            Airflow("Core", on: .mwaa(subnetIDs: ["subnet-1", "subnet-0a1b2c3d", "subnet-0a1b2c3d"], securityGroupIDs: []),
                    version: "2.4.3", webserver: .allowList(["10.0.0.0/8"]), workers: 0...40, schedulers: 6, keepLogsFor: .days(100))
            Airflow("small", on: .mwaa(subnetIDs: Self.subnets, securityGroupIDs: ["sg-xyz"]), version: "composer-3-airflow-2.10.5",
                    dags: "airflow-dag", size: .micro, workers: 1...3) {
                Allow(.read, on: "raw-event")
            }
            .overriding(in: .dev, workers: 1...30, schedulers: 1, keepLogsFor: .days(45))
            Airflow("wrong-bucket", on: .mwaa(subnetIDs: Self.subnets, securityGroupIDs: ["sg-0123abcd"]), version: "3.2.0", dags: "raw")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 4): error: airflow name 'Core' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'core')",
            "\(file):\(line + 4): error: airflow 'Core' version '2.4.3' is past MWAA's end of support: MWAA no longer creates it; use one of 2.7.2, 2.8.1, 2.9.2, 2.10.1, 2.10.3, 2.11.0, 3.0.6, 3.2.1, 3.3.1",
            "\(file):\(line + 4): error: airflow 'Core' needs exactly 2 private subnetIDs, in two Availability Zones (got 3): MWAA runs in two zones",
            "\(file):\(line + 4): error: airflow 'Core' subnet 'subnet-1' is not a subnet ID (subnet- and 8 or 17 hex digits)",
            "\(file):\(line + 4): error: airflow 'Core' needs 1 to 5 securityGroupIDs (got 0): name the security groups that may reach the environment",
            "\(file):\(line + 4): error: airflow 'Core' lists a subnet or security group twice",
            "\(file):\(line + 4): error: airflow 'Core' needs dags: name the Bucket that holds its DAGs (dags: \"airflow-dags\"); MWAA reads dags/ from it",
            "\(file):\(line + 4): error: airflow 'Core' on MWAA takes webserver: .privateOnly (reached through the VPC) or .publicOnTheInternet, not an allow list",
            "\(file):\(line + 4): error: airflow 'Core' schedulers must be 2 to 5 on MWAA (got 6)",
            "\(file):\(line + 4): error: airflow 'Core' keepLogsFor must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days), got 100 days",
            "\(file):\(line + 4): error: airflow 'Core' workers must be within 1...25 (got 0...40): each worker is billed by the hour",
            "\(file):\(line + 6): error: airflow 'small' version 'composer-3-airflow-2.10.5' is not an Airflow 2 or 3 version (X.Y.Z) for MWAA: use one of 2.7.2, 2.8.1, 2.9.2, 2.10.1, 2.10.3, 2.11.0, 3.0.6, 3.2.1, 3.3.1",
            "\(file):\(line + 6): error: airflow 'small' security group 'sg-xyz' is not a security group ID (sg- and 8 or 17 hex digits)",
            "\(file):\(line + 6): error: airflow 'small' is .micro, which runs exactly 1 worker: use workers: 1...1 (got 1...3)",
            "\(file):\(line + 6): error: airflow 'small' is .micro, which runs exactly 1 scheduler: use schedulers: 1 (got 2)",
            "\(file):\(line + 10): error: airflow 'small' in dev is .micro, which runs exactly 1 worker: use workers: 1...1 (got 1...30)",
            "\(file):\(line + 10): error: airflow 'small' in dev keepLogsFor must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days), got 45 days",
            "\(file):\(line + 10): error: airflow 'small' in dev workers must be within 1...25 (got 1...30): each worker is billed by the hour",
            "\(file):\(line + 11): warning: airflow 'wrong-bucket' version '3.2.0' is not one Paved knows MWAA creates (2.7.2, 2.8.1, 2.9.2, 2.10.1, 2.10.3, 2.11.0, 3.0.6, 3.2.1, 3.3.1): MWAA rejects a version it does not support when the environment is created",
            "\(file):\(line + 6): error: no bucket named 'airflow-dag' in platform 'af'",
            "\(file):\(line + 8): error: no construct named 'raw-event' in platform 'af'",
            "\(file):\(line + 11): error: airflow 'wrong-bucket' dags 'raw' is a role, not a bucket: name a Bucket (MWAA needs a versioned S3 bucket with public access blocked)",
        ])
    }

    @Test func invalidComposerInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/AirflowTests.swift"
        let line = #line
        let platform = Platform("af", owner: "o@acme.io") {
            Environment(.dev, gcp: .project("acme-af-dev", region: "europe-west1"))
            BigQueryDataset("dags-data", location: "EU")
            GCPServiceAccount("airflow-worker")
            Airflow("core", on: .composer(serviceAccount: "airflow-workers"), version: "composer-1.20.12-airflow-2.4.3",
                    dags: "airflow-dags", webserver: .privateOnly, size: .xlarge, schedulers: 11, logLevel: .debug) {
                Allow(.read, on: "airflow-dags")
            }
            .overriding(in: .dev, size: .micro, keepLogsFor: .days(30))
            Airflow("open", on: .composer(serviceAccount: "dags-data"), version: "composer-2-airflow-3.0.1",
                    webserver: .allowList(["0.0.0.0/0", "10.0.0.1", "10.0.0.0/8", "10.0.0.0/8"]))
            Airflow("public", on: .composer(serviceAccount: "airflow-worker"), version: "2.10.3", webserver: .publicOnTheInternet)
            Airflow("empty", on: .composer(serviceAccount: "airflow-worker"), version: "composer-3-airflow-2", webserver: .allowList([]))
            Airflow("netless", on: .composer(serviceAccount: "airflow-worker", network: "projects/p/networks/data"),
                    version: "composer-3-airflow-2", webserver: .allowList(["203.0.113.0/24"]))
            Airflow("subnetless", on: .composer(serviceAccount: "airflow-worker", network: "data", subnetwork: "Composer Subnet"),
                    version: "composer-3-airflow-2", webserver: .allowList(["203.0.113.0/24"]))
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 5): error: airflow 'core' version 'composer-1.20.12-airflow-2.4.3' is Cloud Composer 1, which Google no longer updates: use Cloud Composer 3 (composer-3-airflow-2.10.5)",
            "\(file):\(line + 5): error: airflow 'core' on Cloud Composer takes no dags bucket: Composer keeps DAGs in the Cloud Storage bucket it creates",
            "\(file):\(line + 5): error: airflow 'core' on Cloud Composer: logLevel and keepLogsFor apply to MWAA's CloudWatch log groups; Cloud Composer writes to Cloud Logging",
            "\(file):\(line + 5): error: airflow 'core' on Cloud Composer needs webserver: .allowList([\"203.0.113.0/24\"]): Google serves its web server, so list the networks that may reach it",
            "\(file):\(line + 7): error: airflow 'core' on Cloud Composer runs as gcp service account 'airflow-workers': grant access there (GCPServiceAccount(\"airflow-workers\") { Allow(…) })",
            "\(file):\(line + 5): error: airflow 'core' size .xlarge is not a Cloud Composer environment size: use .small, .medium or .large",
            "\(file):\(line + 5): error: airflow 'core' schedulers must be 1 to 10 on Cloud Composer (got 11)",
            "\(file):\(line + 9): error: airflow 'core' in dev: keepLogsFor applies to MWAA's CloudWatch log groups; Cloud Composer writes to Cloud Logging",
            "\(file):\(line + 9): error: airflow 'core' in dev size .micro is not a Cloud Composer environment size: use .small, .medium or .large",
            "\(file):\(line + 10): error: airflow 'open' version 'composer-2-airflow-3.0.1' is not a Cloud Composer 2 or 3 image version (composer-3-airflow-X.Y.Z[-build.N] or composer-2.B.C-airflow-X.Y.Z)",
            "\(file):\(line + 10): error: airflow 'open' webserver allow list: '10.0.0.1' is not an IPv4 or IPv6 CIDR range (such as 203.0.113.0/24)",
            "\(file):\(line + 10): error: airflow 'open' webserver allow list allows every address ('0.0.0.0/0'): list only your networks",
            "\(file):\(line + 10): error: airflow 'open' webserver allow list lists a range twice",
            "\(file):\(line + 12): error: airflow 'public' version '2.10.3' is not a Cloud Composer 2 or 3 image version (composer-3-airflow-X.Y.Z[-build.N] or composer-2.B.C-airflow-X.Y.Z)",
            "\(file):\(line + 12): error: airflow 'public' on Cloud Composer cannot be open to the internet: list your networks in webserver: .allowList([\"203.0.113.0/24\"])",
            "\(file):\(line + 13): error: airflow 'empty' webserver allow list is empty: list the networks that may reach the web server",
            "\(file):\(line + 14): error: airflow 'netless' needs both network and subnetwork, or neither (the project's default network)",
            "\(file):\(line + 14): error: airflow 'netless' network 'projects/p/networks/data' is not a VPC network name or projects/PROJECT/global/networks/NAME",
            "\(file):\(line + 16): error: airflow 'subnetless' subnetwork 'Composer Subnet' is not a subnetwork name or projects/PROJECT/regions/REGION/subnetworks/NAME",
            "\(file):\(line + 5): error: no gcp service account named 'airflow-workers' in platform 'af'; did you mean 'airflow-worker'?",
            "\(file):\(line + 10): error: airflow 'open' serviceAccount 'dags-data' is a bigquery dataset, not a gcp service account: name a GCPServiceAccount",
        ])
    }

    @Test func imageVersionsAndRanges() {
        #expect(Airflow.composerMajor("composer-3-airflow-2.10.5-build.13") == 3)
        #expect(Airflow.composerMajor("composer-3-airflow-3.1.7-build.12") == 3)
        #expect(Airflow.composerMajor("composer-3-airflow-2") == 3)
        #expect(Airflow.composerMajor("composer-2.9.7-airflow-2.9.3") == 2)
        #expect(Airflow.composerMajor("composer-2-airflow-2") == 2)
        #expect(Airflow.composerMajor("composer-1.20.12-airflow-2.4.3") == 1)
        for bad in ["composer-2.9.7-airflow-2.9.3-build.1", "composer-3.1.0-airflow-2.10.5", "composer-3-airflow-1.10.15",
                    "composer-2-airflow-3.0.1", "composer-3-airflow-2.10.x", "composer-3-airflow-", "2.10.3", "composer-4-airflow-2"] {
            #expect(Airflow.composerMajor(bad) == nil, "\(bad)")
        }
        for good in ["203.0.113.0/24", "10.0.0.0/8", "2001:db8::/32", "::/0", "0.0.0.0/0"] { #expect(Airflow.isCIDR(good), "\(good)") }
        for bad in ["10.0.0.1", "10.0.0.0/33", "2001:db8::/129", "not/8", "10.0.0.0/", "2001:db8:::1/64"] { #expect(!Airflow.isCIDR(bad), "\(bad)") }
    }
}

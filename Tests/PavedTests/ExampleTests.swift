import AcmeData
import Foundation
import Paved
import PavedTesting
import Testing

/// The embedded example platform: goldens, determinism, least privilege, metadata.
@Suite struct ExampleTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/golden/acme-data")

    @Test func exampleSynthesizesWithoutDiagnostics() {
        #expect(PavedTesting.diagnostics(of: acme) == [])
    }

    @Test(arguments: ["dev/main.tf.json", "prod/main.tf.json", "manifest.json"])
    func exampleMatchesGolden(_ path: String) throws {
        let files = PavedTesting.render(acme).files
        let text = try #require(files[path])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent(path))
    }

    @Test func synthesisIsByteIdenticalAcrossRuns() {
        let first = PavedTesting.render(acme).files
        let second = PavedTesting.render(acme).files
        #expect(first == second)
        #expect(first.keys.sorted() == ["dev/main.tf.json", "manifest.json", "prod/main.tf.json"])
    }

    @Test func outputHasNoAbsolutePathsOrTimestamps() throws {
        for (path, text) in PavedTesting.render(acme).files {
            #expect(!text.contains("/work/"), "absolute path in \(path)")
            #expect(!text.contains("/Users/"), "absolute path in \(path)")
            #expect(!text.contains("2026-"), "date in \(path)")
        }
    }

    /// The statements of `data.aws_iam_policy_document.NAME` as (sid, effect, actions, resources).
    func statements(_ config: Configuration, _ name: String) -> [String] {
        guard let doc = config.resources.first(where: { $0.address == .data("aws_iam_policy_document", name) }),
              case .list(let statements)? = doc.arguments["statement"]
        else { return [] }
        return statements.map { statement in
            let json = statement.renderedJSON
            let actions = json["actions"]?.arrayValue?.compactMap(\.stringValue).joined(separator: ",") ?? ""
            let resources = json["resources"]?.arrayValue?.compactMap(\.stringValue).joined(separator: ",") ?? ""
            return "\(json["sid"]?.stringValue ?? "") \(json["effect"]?.stringValue ?? "") \(actions) ON \(resources)"
        }
    }

    @Test func ingestRoleHasExactlyTheActionsItNeeds() throws {
        let dev = try #require(PavedTesting.stack(acme, .dev))
        #expect(statements(dev, "ingest_permissions") == [
            "ReadSecretPartnerApiToken Allow secretsmanager:DescribeSecret,secretsmanager:GetSecretValue ON ${aws_secretsmanager_secret.partner_api_token.arn}",
            "DecryptSecretPartnerApiToken Allow kms:Decrypt ON ${aws_kms_key.secret_partner_api_token.arn}",
            "WriteRawEvents Allow s3:AbortMultipartUpload,s3:PutObject ON ${aws_s3_bucket.raw_events.arn}/*",
            "EncryptRawEvents Allow kms:Decrypt,kms:GenerateDataKey ON ${aws_kms_key.bucket_raw_events.arn}",
        ])
        #expect(statements(dev, "ingest_trust") == ["AssumeRole Allow sts:AssumeRole ON "])
        let trust = try #require(dev.resources.first { $0.address == .data("aws_iam_policy_document", "ingest_trust") })
        let principals = trust.arguments["statement"]?.renderedJSON.arrayValue?.first?["principals"]
        #expect(principals == .array([.object(["type": .string("Service"), "identifiers": .array([.string("glue.amazonaws.com")])])]))
    }

    /// The MWAA execution role: what MWAA itself needs (tested in AirflowTests), then exactly the
    /// grants its jobs declare, lowered as a Role's would be.
    @Test func airflowRoleHoldsExactlyItsJobsGrants() throws {
        let prod = try #require(PavedTesting.stack(acme, .prod))
        let all = statements(prod, "airflow_core_permissions")
        let jobs = Array(all.drop { !$0.hasPrefix("ListRawEvents ") })
        #expect(jobs == [
            "ListRawEvents Allow s3:ListBucket ON ${aws_s3_bucket.raw_events.arn}",
            "ReadRawEvents Allow s3:GetObject ON ${aws_s3_bucket.raw_events.arn}/*",
            "DecryptRawEvents Allow kms:Decrypt ON ${aws_kms_key.bucket_raw_events.arn}",
            "ListPartnerDrops Allow s3:ListBucket ON ${aws_s3_bucket.partner_drops.arn}",
            "ReadPartnerDrops Allow s3:GetObject ON ${aws_s3_bucket.partner_drops.arn}/*",
            "DecryptPartnerDrops Allow kms:Decrypt ON ${aws_kms_key.bucket_partner_drops.arn}",
            "WriteCurated Allow s3:AbortMultipartUpload,s3:PutObject ON ${aws_s3_bucket.curated.arn}/*",
            "EncryptCurated Allow kms:Decrypt,kms:GenerateDataKey ON ${aws_kms_key.bucket_curated.arn}",
            "ReadSecretSnowflakeEtlPassword Allow secretsmanager:DescribeSecret,secretsmanager:GetSecretValue ON ${aws_secretsmanager_secret.snowflake_etl_password.arn}",
            "DecryptSecretSnowflakeEtlPassword Allow kms:Decrypt ON ${aws_kms_key.secret_snowflake_etl_password.arn}",
        ])
        #expect(all.count == jobs.count + 10)
    }

    @Test func eksJobRoleReadsOnlyCurated() throws {
        let prod = try #require(PavedTesting.stack(acme, .prod))
        #expect(statements(prod, "orders_runner_permissions") == [
            "ListCurated Allow s3:ListBucket ON ${aws_s3_bucket.curated.arn}",
            "ReadCurated Allow s3:GetObject ON ${aws_s3_bucket.curated.arn}/*",
            "DecryptCurated Allow kms:Decrypt ON ${aws_kms_key.bucket_curated.arn}",
        ])
    }

    /// No identity policy allows a wildcard action or every resource, except where AWS offers nothing
    /// narrower for MWAA (named here one by one). Key policies are left out: their `*` resource is
    /// the key itself.
    @Test func noPolicyGrantsWildcards() throws {
        let exceptions: Set<String> = [
            "airflow_core_permissions/CheckAccountPublicAccessBlock",  // s3:GetAccountPublicAccessBlock has no resource type
            "airflow_core_permissions/PutMetrics",  // cloudwatch:PutMetricData has none; limited to AmazonMWAA by condition
            "airflow_core_permissions/UseEnvironmentKey",  // kms:GenerateDataKey* as MWAA documents it, on its own key
        ]
        for env in [EnvironmentName.dev, .prod] {
            let config = try #require(PavedTesting.stack(acme, env))
            let keyPolicies = Set(config.resources.filter { $0.address.type == "aws_kms_key" }.compactMap {
                $0.arguments["policy"]?.renderedJSON.stringValue
            })
            for resource in config.resources where resource.address.type == "aws_iam_policy_document" {
                guard !keyPolicies.contains("${data.aws_iam_policy_document.\(resource.address.name).json}") else { continue }
                for statement in resource.arguments["statement"]?.renderedJSON.arrayValue ?? [] where statement["effect"] == .string("Allow") {
                    let sid = statement["sid"]?.stringValue ?? ""
                    guard !exceptions.contains("\(resource.address.name)/\(sid)") else { continue }
                    let actions = statement["actions"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    let resources = statement["resources"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    #expect(!actions.contains { $0.contains("*") }, "\(resource.address) \(sid) allows \(actions)")
                    #expect(!resources.contains("*"), "\(resource.address) \(sid) allows all resources")
                }
            }
            #expect(keyPolicies == [
                "${data.aws_iam_policy_document.airflow_core_key.json}", "${data.aws_iam_policy_document.redshift_finance_key.json}",
            ])
        }
    }

    @Test func everyTaggableResourceCarriesTheMetadata() throws {
        let taggable: Set<String> = ["aws_s3_bucket", "aws_kms_key", "aws_secretsmanager_secret", "aws_iam_role"]
        let dev = try #require(PavedTesting.stack(acme, .dev))
        let tagged = dev.resources.filter { taggable.contains($0.address.type) }
        #expect(tagged.count == 20)
        for resource in tagged {
            let tags = try #require(resource.arguments["tags"]?.renderedJSON.objectValue, "\(resource.address) has no tags")
            for key in ["owner", "team", "tier", "data_classification", "cost_center", "environment", "platform", "managed_by"] {
                #expect(tags[key] != nil, "\(resource.address) lacks tag \(key)")
            }
            #expect(tags["environment"] == .string("dev"))
        }
        let raw = try #require(dev.resources.first { $0.address == .resource("aws_s3_bucket", "raw_events") })
        #expect(raw.arguments["tags"] == .object([
            "owner": "ingestion@acme.io", "team": "data-platform", "tier": "tier1", "data_classification": "confidential",
            "cost_center": "cc-4100", "environment": "dev", "platform": "acme-data", "managed_by": "paved",
        ]))
        let archive = try #require(dev.resources.first { $0.address == .resource("aws_s3_bucket", "finance_archive") })
        #expect(archive.arguments["tags"]?.renderedJSON["cost_center"] == .string("cc-7200"))
        #expect(archive.arguments["tags"]?.renderedJSON["data_classification"] == .string("restricted"))
    }

    @Test func secretValuesAreNeverDeclared() throws {
        for (path, text) in PavedTesting.render(acme).files {
            #expect(!text.contains("aws_secretsmanager_secret_version"), "\(path) declares a secret value")
            #expect(!text.contains("secret_string"), "\(path) contains a secret value")
        }
    }

    @Test func environmentsGetTheirOwnAccountRegionAndBackend() throws {
        let prod = try #require(PavedTesting.stack(acme, .prod))
        #expect(prod.providers == [
            ProviderConfiguration("aws", arguments: ["region": "eu-west-1", "allowed_account_ids": ["222222222222"]]),
            ProviderConfiguration("dagsterplus", arguments: ["organization": .variable("dagsterplus_organization")]),
            ProviderConfiguration("databricks", arguments: ["host": .variable("databricks_host")]),
            ProviderConfiguration("google", arguments: ["project": "acme-data-prod", "region": "europe-west1"]),
            ProviderConfiguration("prefect", arguments: [
                "account_id": .variable("prefect_account_id"), "workspace_id": .variable("prefect_workspace_id"),
                "endpoint": .variable("prefect_endpoint"),
            ]),
            ProviderConfiguration("snowflake", arguments: [
                "organization_name": .variable("snowflake_organization_name"), "account_name": .variable("snowflake_account_name"),
            ]),
            ProviderConfiguration("vault", arguments: [
                "address": .variable("vault_address"), "namespace": .variable("vault_namespace"),
            ]),
        ])
        #expect(prod.terraform.backend == .s3(bucket: "acme-terraform-state-prod", key: "acme-data/prod.tfstate", region: "eu-west-1"))
        #expect(prod.terraform.requiredProviders == [
            "aws": ProviderRequirement(source: "hashicorp/aws", version: "~> 6.25.0"),
            "dagsterplus": ProviderRequirement(source: "dagster-io/dagsterplus", version: "= 0.1.10"),
            "databricks": ProviderRequirement(source: "databricks/databricks", version: "~> 1.99.0"),
            "google": ProviderRequirement(source: "hashicorp/google", version: "~> 6.50.0"),
            "prefect": ProviderRequirement(source: "prefecthq/prefect", version: "~> 3.4.1"),
            "snowflake": ProviderRequirement(source: "snowflakedb/snowflake", version: "~> 2.11.0"),
            "vault": ProviderRequirement(source: "hashicorp/vault", version: "~> 5.6.0"),
        ])
        let rotation = try #require(prod.resources.first { $0.address.type == "aws_secretsmanager_secret_rotation" })
        #expect(rotation.arguments["rotation_lambda_arn"]
            == .string("arn:aws:lambda:eu-west-1:222222222222:function:snowflake-password-rotation"))
    }
}

import Foundation
import Paved
import PavedTesting
import Testing

/// Redshift Serverless: goldens, schema validity, policy-relevant settings, metadata, diagnostics.
@Suite struct RedshiftServerlessTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/golden/constructs")

    static let subnets = ["subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-2a3b4c5d"]

    /// The least a team writes: a workgroup with its network and one usage limit.
    static let minimal = Platform("rs", owner: "data@acme.io") {
        Environment(.dev, aws: .account("111111111111", region: "eu-west-1"), backend: .local(path: "dev.tfstate"))
        RedshiftServerless("analytics", maxCapacity: 32, subnetIDs: subnets, securityGroupIDs: ["sg-0123abcd"]) {
            UsageLimit(rpuHoursPerMonth: 500, breach: .deactivate)
        }
    }

    static let full = Platform(
        "acme-data", owner: "data-platform@acme.io", team: "data-platform", tier: .tier2, classification: .internal,
        costCenter: "cc-4100"
    ) {
        Environment(.dev, aws: .account("111111111111", region: "eu-west-1"), backend: .local(path: "dev.tfstate"))
        Environment(.prod, aws: .account("222222222222", region: "eu-west-1"), backend: .local(path: "prod.tfstate"))
        RedshiftServerless(
            "analytics", baseCapacity: 16, maxCapacity: 128, subnetIDs: subnets.reversed(),
            securityGroupIDs: ["sg-0123456789abcdef0", "sg-0123abcd"], adminUsername: "warehouse_admin", keepLogsFor: .days(731),
            owner: "analytics@acme.io", tier: .tier1, classification: .confidential
        ) {
            UsageLimit(rpuHoursPerMonth: 2000, breach: .deactivate)
            UsageLimit(rpuHoursPerMonth: 1500, breach: .emitMetric)
            UsageLimit(rpuHoursPerDay: 120, breach: .log)
        }
        .overriding(in: .dev, baseCapacity: 8, maxCapacity: 32, keepLogsFor: .days(90)) {
            UsageLimit(rpuHoursPerMonth: 200, breach: .deactivate)
        }
        RedshiftServerless("adhoc", maxCapacity: 8, subnetIDs: subnets, securityGroupIDs: ["sg-0123abcd"], costCenter: "cc-7200") {
            UsageLimit(rpuHoursPerWeek: 40, breach: .deactivate)
        }
    }

    @Test(arguments: [("minimal", "dev"), ("full", "dev"), ("full", "prod")])
    func matchesGolden(_ platform: String, _ env: String) throws {
        let rendered = PavedTesting.render(platform == "minimal" ? Self.minimal : Self.full)
        let text = try #require(rendered.files["\(env)/main.tf.json"])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent("redshift-serverless-\(platform)-\(env).tf.json"))
    }

    @Test func synthesizesWithoutDiagnostics() {
        #expect(PavedTesting.diagnostics(of: Self.minimal) == [])
        #expect(PavedTesting.diagnostics(of: Self.full) == [])
    }

    /// What the SEC-RSS and COST-RSS rules read: private, VPC-routed, capped, limited, CMK-encrypted,
    /// audit logs exported, and the admin password kept by Secrets Manager (never in the output).
    @Test func secureAndBoundedByDefault() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        func resource(_ type: String, _ name: String) -> Resource? {
            config.resources.first { $0.address == ResourceAddress.resource(type, name) }
        }
        let namespace = try #require(resource("aws_redshiftserverless_namespace", "analytics"))
        #expect(namespace.arguments["namespace_name"]?.renderedJSON == "acme-data-prod-analytics")
        #expect(namespace.arguments["kms_key_id"]?.renderedJSON == "${aws_kms_key.redshift_analytics.arn}")
        #expect(namespace.arguments["admin_password_secret_kms_key_id"]?.renderedJSON == "${aws_kms_key.redshift_analytics.arn}")
        #expect(namespace.arguments["manage_admin_password"]?.renderedJSON == .bool(true))
        #expect(namespace.arguments["log_exports"]?.renderedJSON == ["connectionlog", "useractivitylog", "userlog"])
        #expect(namespace.arguments["admin_user_password"] == nil && namespace.arguments["admin_user_password_wo"] == nil)
        #expect(namespace.arguments["admin_username"]?.renderedJSON == "warehouse_admin")
        #expect(namespace.arguments["db_name"]?.renderedJSON == "analytics")
        let key = try #require(resource("aws_kms_key", "redshift_analytics"))
        #expect(key.arguments["enable_key_rotation"]?.renderedJSON == .bool(true))

        let workgroup = try #require(resource("aws_redshiftserverless_workgroup", "analytics"))
        #expect(workgroup.arguments["publicly_accessible"]?.renderedJSON == .bool(false))
        #expect(workgroup.arguments["enhanced_vpc_routing"]?.renderedJSON == .bool(true))
        #expect(workgroup.arguments["base_capacity"]?.renderedJSON == .int(16))
        #expect(workgroup.arguments["max_capacity"]?.renderedJSON == .int(128))
        #expect(workgroup.arguments["namespace_name"]?.renderedJSON == "${aws_redshiftserverless_namespace.analytics.namespace_name}")
        #expect(workgroup.arguments["subnet_ids"]?.renderedJSON == ["subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-2a3b4c5d"])
        #expect(workgroup.arguments["security_group_ids"]?.renderedJSON == ["sg-0123456789abcdef0", "sg-0123abcd"])

        let limits = config.resources.filter { $0.address.type == "aws_redshiftserverless_usage_limit" }.map { r in
            let j = { (k: String) in r.arguments[k]?.renderedJSON.stringValue ?? "-" }
            var amount = "-"
            if case .int(let value)? = r.arguments["amount"]?.renderedJSON { amount = String(value) }
            return "\(r.address.name): \(j("usage_type")) \(amount) \(j("period")) \(j("breach_action")) on \(j("resource_arn"))"
        }.sorted()
        #expect(limits == [
            "adhoc_weekly_deactivate: serverless-compute 40 weekly deactivate on ${aws_redshiftserverless_workgroup.adhoc.arn}",
            "analytics_daily_log: serverless-compute 120 daily log on ${aws_redshiftserverless_workgroup.analytics.arn}",
            "analytics_monthly_deactivate: serverless-compute 2000 monthly deactivate on ${aws_redshiftserverless_workgroup.analytics.arn}",
            "analytics_monthly_emit_metric: serverless-compute 1500 monthly emit-metric on ${aws_redshiftserverless_workgroup.analytics.arn}",
        ])
        let text = try #require(PavedTesting.render(Self.full).files["prod/main.tf.json"])
        for word in ["admin_user_password", "\"password\"", "secret_string"] { #expect(!text.contains(word), "\(word) in output") }
        #expect(config.terraform.requiredProviders.keys.sorted() == ["aws"])
    }

    /// Tags come from the metadata (construct over platform) on the key, namespace and workgroup.
    @Test func metadataBecomesTags() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        func tags(_ type: String, _ name: String) -> JSON? {
            config.resources.first { $0.address == ResourceAddress.resource(type, name) }?.arguments["tags"]?.renderedJSON
        }
        let expected: JSON = [
            "owner": "analytics@acme.io", "team": "data-platform", "tier": "tier1", "data_classification": "confidential",
            "cost_center": "cc-4100", "environment": "prod", "platform": "acme-data", "managed_by": "paved",
        ]
        let namespaceTags = try #require(tags("aws_redshiftserverless_namespace", "analytics"))
        #expect(namespaceTags.objectValue?.keys.sorted() == expected.objectValue?.keys.sorted())
        #expect(namespaceTags == expected)
        #expect(tags("aws_redshiftserverless_workgroup", "analytics") == expected)
        #expect(tags("aws_kms_key", "redshift_analytics") == expected)
        #expect(tags("aws_cloudwatch_log_group", "redshift_analytics_userlog") == expected)
        #expect(tags("aws_redshiftserverless_workgroup", "adhoc")?.objectValue?["cost_center"] == "cc-7200")
        #expect(tags("aws_redshiftserverless_workgroup", "adhoc")?.objectValue?["owner"] == "data-platform@acme.io")
    }

    /// The exported audit logs go to log groups Paved creates first (named as Redshift Serverless
    /// names them), kept `keepLogsFor`, encrypted with the namespace's key, tagged; the key policy lets
    /// CloudWatch Logs use the key for exactly those three log groups.
    @Test func auditLogGroupsAreManaged() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        func resource(_ type: String, _ name: String) -> Resource? {
            config.resources.first { $0.address.type == type && $0.address.name == name }
        }
        let types = ["connectionlog", "useractivitylog", "userlog"]
        let groups = config.resources.filter { $0.address.type == "aws_cloudwatch_log_group" }.map(\.address.name).sorted()
        #expect(groups == ["adhoc_connectionlog", "adhoc_useractivitylog", "adhoc_userlog"].map { "redshift_\($0)" }
            + types.map { "redshift_analytics_\($0)" })
        let tags: JSON = [
            "owner": "analytics@acme.io", "team": "data-platform", "tier": "tier1", "data_classification": "confidential",
            "cost_center": "cc-4100", "environment": "prod", "platform": "acme-data", "managed_by": "paved",
        ]
        for type in types {
            let group = try #require(resource("aws_cloudwatch_log_group", "redshift_analytics_\(type)"))
            #expect(group.arguments["name"]?.renderedJSON == .string("/aws/redshift/acme-data-prod-analytics/\(type)"))
            #expect(group.arguments["retention_in_days"]?.renderedJSON == .int(731))
            #expect(group.arguments["kms_key_id"]?.renderedJSON == "${aws_kms_key.redshift_analytics.arn}")
            #expect(group.arguments["tags"]?.renderedJSON == tags)
            let adhoc = try #require(resource("aws_cloudwatch_log_group", "redshift_adhoc_\(type)"))
            #expect(adhoc.arguments["name"]?.renderedJSON == .string("/aws/redshift/acme-data-prod-adhoc/\(type)"))
            #expect(adhoc.arguments["retention_in_days"]?.renderedJSON == .int(365))
            #expect(adhoc.arguments["kms_key_id"]?.renderedJSON == "${aws_kms_key.redshift_adhoc.arn}")
        }
        let namespace = try #require(resource("aws_redshiftserverless_namespace", "analytics"))
        #expect(namespace.dependsOn.map(\.description) == types.map { "aws_cloudwatch_log_group.redshift_analytics_\($0)" })

        let key = try #require(resource("aws_kms_key", "redshift_analytics"))
        #expect(key.arguments["policy"]?.renderedJSON == "${data.aws_iam_policy_document.redshift_analytics_key.json}")
        let policy = try #require(resource("aws_iam_policy_document", "redshift_analytics_key"))
        let expected: JSON = [
            [
                "sid": "AccountAdministersKey", "effect": "Allow",
                "actions": [
                    "kms:CancelKeyDeletion", "kms:Create*", "kms:Decrypt", "kms:Delete*", "kms:Describe*", "kms:Disable*", "kms:Enable*",
                    "kms:Encrypt", "kms:GenerateDataKey*", "kms:Get*", "kms:List*", "kms:Put*", "kms:ReEncrypt*", "kms:RetireGrant",
                    "kms:Revoke*", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource",
                    "kms:Update*",
                ],
                "principals": [["type": "AWS", "identifiers": ["arn:aws:iam::222222222222:root"]]],
                "resources": ["*"],
            ],
            [
                "sid": "CloudWatchLogsEncryptsRedshiftAuditLogs", "effect": "Allow",
                "actions": ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
                "principals": [["type": "Service", "identifiers": ["logs.eu-west-1.amazonaws.com"]]],
                "resources": ["*"],
                "condition": [[
                    "test": "ArnLike", "variable": "kms:EncryptionContext:aws:logs:arn",
                    "values": [
                        "arn:aws:logs:eu-west-1:222222222222:log-group:/aws/redshift/acme-data-prod-analytics/connectionlog",
                        "arn:aws:logs:eu-west-1:222222222222:log-group:/aws/redshift/acme-data-prod-analytics/useractivitylog",
                        "arn:aws:logs:eu-west-1:222222222222:log-group:/aws/redshift/acme-data-prod-analytics/userlog",
                    ],
                ]],
            ],
        ]
        #expect(policy.arguments["statement"]?.renderedJSON == expected)

        let minimal = try #require(PavedTesting.stack(Self.minimal, .dev))
        let retentions = minimal.resources.filter { $0.address.type == "aws_cloudwatch_log_group" }.compactMap {
            $0.arguments["retention_in_days"]?.renderedJSON
        }
        #expect(retentions == [.int(365), .int(365), .int(365)])
    }

    @Test(.enabled(if: SchemaValidityTests.hasSharedSchema("aws.json")))
    func validAgainstTheFullAWSSchema() throws {
        #expect(try SchemaValidityTests.sharedSchemaFindings("aws.json", [Self.minimal, Self.full]) == [])
    }

    @Test func validAgainstTheBundledSchemas() throws {
        let schemas = try ProviderSchemas.bundled()
        for stack in Synthesizer().synthesize(Self.full).stacks {
            let found = SchemaValidator(schemas: schemas).validate(text: TerraformRenderer().renderBytes(stack.configuration), file: stack.path)
            #expect(found.map(\.description) == [])
        }
    }

    @Test func invalidInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/RedshiftServerlessTests.swift"
        let line = #line
        let platform = Platform("rs", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            RedshiftServerless("Analytics", baseCapacity: 12, maxCapacity: 8, subnetIDs: ["subnet-1", "subnet-0a1b2c3d", "subnet-0a1b2c3d"],
                               securityGroupIDs: [], adminUsername: "Admin")
            RedshiftServerless("spiky", maxCapacity: 16, subnetIDs: [], securityGroupIDs: ["sg-xyz"]) {
                UsageLimit(rpuHoursPerDay: 0, breach: .log)
                UsageLimit(rpuHoursPerMonth: 10, breach: .deactivate)
                UsageLimit(rpuHoursPerMonth: 20, breach: .deactivate)
            }
            RedshiftServerless("monthly", maxCapacity: 16, subnetIDs: Self.subnets, securityGroupIDs: ["sg-0123abcd"], keepLogsFor: .days(100)) {
                UsageLimit(rpuHoursPerMonth: 10, breach: .deactivate)
            }
            RedshiftServerless("hourly", maxCapacity: 16, subnetIDs: Self.subnets, securityGroupIDs: ["sg-0123abcd"], keepLogsFor: .hours(36)) {
                UsageLimit(rpuHoursPerMonth: 10, breach: .deactivate)
            }
        }
        let retentions = "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653"
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: redshift serverless name 'Analytics' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'analytics')",
            "\(file):\(line + 3): error: redshift serverless 'Analytics' baseCapacity must be 4, 8 to 512 RPUs in steps of 8, or 512 to 1024 in steps of 32 (got 12)",
            "\(file):\(line + 3): error: redshift serverless 'Analytics' maxCapacity must be at least baseCapacity (12) and at most 5632 RPUs, in steps of 8 (got 8)",
            "\(file):\(line + 3): error: redshift serverless 'Analytics' subnet 'subnet-1' is not a subnet ID (subnet- and 8 or 17 hex digits)",
            "\(file):\(line + 3): error: redshift serverless 'Analytics' needs securityGroupIDs: name the security groups that may reach the workgroup",
            "\(file):\(line + 3): error: redshift serverless 'Analytics' lists a subnet or security group twice",
            "\(file):\(line + 3): error: redshift serverless 'Analytics' adminUsername 'Admin' is invalid: use 1 to 128 lowercase letters, digits and underscores, starting with a letter",
            "\(file):\(line + 3): error: redshift serverless 'Analytics' has no usage limit: add { UsageLimit(rpuHoursPerMonth: 1000, breach: .deactivate) } so its RPU-hours are bounded",
            "\(file):\(line + 5): error: redshift serverless 'spiky' needs subnetIDs: the workgroup is reachable only inside your VPC",
            "\(file):\(line + 5): error: redshift serverless 'spiky' security group 'sg-xyz' is not a security group ID (sg- and 8 or 17 hex digits)",
            "\(file):\(line + 6): error: usage limit of redshift serverless 'spiky' must be a positive number of RPU-hours (got 0)",
            "\(file):\(line + 8): error: redshift serverless 'spiky' has two monthly usage limits that deactivate: keep one",
            "\(file):\(line + 10): error: redshift serverless 'monthly' keepLogsFor must be a CloudWatch Logs retention (\(retentions) days), got 100 days",
            "\(file):\(line + 13): error: redshift serverless 'hourly' keepLogsFor must be a CloudWatch Logs retention (\(retentions) days), got 36 hours",
        ])
    }
}

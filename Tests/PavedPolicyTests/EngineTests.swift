import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// The engine: inputs, locations, the condition language's semantics, connections.
@Suite struct EngineTests {
    static let pab = rule(
        id: "T-PAB", resource: "aws_s3_bucket",
        require: "{ referenced_by: { type: aws_s3_bucket_public_access_block, attribute: bucket, where: { attribute: block_public_acls, equals: true } } }",
        message: "no public access block")

    // MARK: Locations

    @Test func synthesizedStackInMemoryPointsAtTheSwiftLine() throws {
        let json: JSON = .object(["resource": .object(["aws_s3_bucket": .object(["raw_events": .object([
            "bucket": "acme-data-dev-raw-events",
            "//": .object(["construct": "acme-data/raw-events", "source": "AcmeData/Platform.swift:22"]),
        ])])])])
        var builder = PolicyInputBuilder()
        builder.addConfiguration(json, name: "dev/main.tf.json", environment: "dev", sourcePaths: ["AcmeData/Platform.swift": "Examples/AcmeData/Platform.swift"])
        guard case .success(let rules) = loadRules([("r.yaml", Self.pab)]) else { throw TestFailure("rules") }
        let found = PolicyEngine(rules: rules).findings(in: builder.build())
        #expect(found == [Finding(
            ruleID: "T-PAB", severity: .high, enforcement: .softMandatory, address: "aws_s3_bucket.raw_events",
            message: "no public access block", remediation: "Fix it.",
            location: FindingLocation(file: "AcmeData/Platform.swift", line: 22, path: "Examples/AcmeData/Platform.swift"),
            constructPath: "acme-data/raw-events", environment: "dev")])
        #expect(found.first?.location.description == "Examples/AcmeData/Platform.swift:22")
    }

    @Test func fileOnDiskPointsAtFilePointerAndLine() throws {
        let text = """
            {
              "resource": {
                "aws_kms_key": {
                  "data": {
                    "description": "data",
                    "enable_key_rotation": false
                  }
                }
              }
            }
            """
        let rotation = rule(resource: "aws_kms_key", require: "{ attribute: enable_key_rotation, equals: true }", message: "no rotation")
        let found = try findings(rules: [rotation], over: text, file: "out/dev/main.tf.json")
        #expect(found.map(\.location) == [FindingLocation(
            file: "out/dev/main.tf.json", line: 6, column: 9, jsonPointer: "/resource/aws_kms_key/data/enable_key_rotation",
            path: "out/dev/main.tf.json")])
    }

    @Test func synthesizedFileOnDiskPointsAtSwiftAndKeepsTheJSONLocation() throws {
        let text = """
            {
              "resource": {
                "aws_s3_bucket": {
                  "raw": {
                    "//": {"construct": "acme-data/raw", "source": "AcmeData/Platform.swift:31"},
                    "bucket": "acme-raw"
                  }
                }
              }
            }
            """
        let found = try findings(rules: [Self.pab], over: text, file: "out/prod/main.tf.json")
        #expect(found.first?.location == FindingLocation(file: "AcmeData/Platform.swift", line: 31))
        #expect(found.first?.jsonLocation?.description == "out/prod/main.tf.json:4")
        #expect(found.first?.jsonLocation?.jsonPointer == "/resource/aws_s3_bucket/raw")
        #expect(found.first?.constructPath == "acme-data/raw")
    }

    @Test func inMemoryResourcesWithoutProvenanceGetTheLinesSynthWouldWrite() throws {
        let json: JSON = .object(["resource": .object([
            "aws_kms_key": .object(["a": .object(["description": "a", "enable_key_rotation": true]), "b": .object(["description": "b"])]),
        ])])
        var builder = PolicyInputBuilder()
        builder.addConfiguration(json, name: "prod/main.tf.json", environment: "prod")
        let rotation = rule(resource: "aws_kms_key", require: "{ attribute: enable_key_rotation, equals: true }", message: "no rotation")
        guard case .success(let rules) = loadRules([("r.yaml", rotation)]) else { throw TestFailure("rules") }
        let found = PolicyEngine(rules: rules).findings(in: builder.build())
        // JSONWriter puts aws_kms_key.b at line 8: {, "resource", "aws_kms_key", "a" (3 lines), "b".
        #expect(found.map(\.location.description) == ["prod/main.tf.json:8"])
        #expect(found.first?.location.path == nil)
        #expect(found.first?.environment == "prod")
    }

    // MARK: Semantics

    @Test func comparisonsAreExistentialOverLists() throws {
        let text = #"{"resource": {"snowflake_network_policy": {"p": {"name": "P", "allowed_ip_list": ["10.0.0.0/8", "0.0.0.0/0"]}}}}"#
        let open = rule(resource: "snowflake_network_policy", require: "{ attribute: allowed_ip_list, not_equals: 0.0.0.0/0 }")
        #expect(summary(try findings(rules: [open], over: text)) == ["T-001 snowflake_network_policy.p main.tf.json:1: violation"])
        let every = rule(resource: "snowflake_network_policy", require: "{ attribute: allowed_ip_list, every: { matches: '^10\\.' } }")
        #expect(try findings(rules: [every], over: text).count == 1)
        let some = rule(resource: "snowflake_network_policy", require: "{ attribute: allowed_ip_list, some: { matches: '^10\\.' } }")
        #expect(try findings(rules: [some], over: text).isEmpty)
        let none = rule(resource: "snowflake_network_policy", require: "{ attribute: allowed_ip_list, none: { equals: 0.0.0.0/0 } }")
        #expect(try findings(rules: [none], over: text).count == 1)
    }

    @Test func everyOverNothingHolds() throws {
        let text = #"{"resource": {"aws_s3_bucket_lifecycle_configuration": {"l": {"bucket": "b"}}}}"#
        let every = rule(resource: "aws_s3_bucket_lifecycle_configuration", require: "{ attribute: rule, every: { attribute: status, equals: Enabled } }")
        #expect(try findings(rules: [every], over: text).isEmpty)
    }

    @Test func valuesCompareAsTerraformConvertsThem() throws {
        let text = #"{"resource": {"snowflake_schema": {"s": {"name": "S", "database": "D", "is_transient": "true", "data_retention_time_in_days": "0"}}}}"#
        let transient = rule(resource: "snowflake_schema", require: "{ attribute: is_transient, not_equals: true }")
        #expect(try findings(rules: [transient], over: text).count == 1)
        let retention = rule(resource: "snowflake_schema", require: "{ attribute: data_retention_time_in_days, at_least: 1 }")
        #expect(try findings(rules: [retention], over: text).count == 1)
        let zero = rule(resource: "snowflake_schema", require: "{ attribute: data_retention_time_in_days, equals: 0 }")
        #expect(try findings(rules: [zero], over: text).isEmpty)
    }

    @Test func durations() {
        #expect(Loose.parseDuration("7776000s") == 7_776_000)
        #expect(Loose.parseDuration("90d") == 7_776_000)
        #expect(Loose.parseDuration("1.5h") == 5400)
        #expect(Loose.parseDuration("30m") == 1800)
        #expect(Loose.parseDuration("3600") == 3600)
        #expect(Loose.parseDuration("-5s") == nil)
        #expect(Loose.parseDuration("soon") == nil)
    }

    @Test func metadataComesFromTagsLabelsAndDefaultTags() throws {
        let text = """
            {
              "provider": {"aws": [{"region": "eu-west-1", "default_tags": [{"tags": {"owner": "platform@acme.io", "tier": "tier3"}}]}]},
              "resource": {
                "aws_s3_bucket": {"raw": {"bucket": "raw", "tags": {"tier": "tier1", "data_classification": "restricted"}}},
                "google_bigquery_dataset": {"d": {"dataset_id": "d", "labels": {"owner": "bi", "tier": "tier2", "environment": "dev"}}},
                "databricks_sql_endpoint": {"w": {"name": "w", "cluster_size": "Small", "tags": [{"custom_tags": [{"key": "tier", "value": "tier1"}]}]}}
              }
            }
            """
        let input = try input(text)
        let byAddress = Dictionary(uniqueKeysWithValues: input.resources.map { ($0.address, $0) })
        #expect(byAddress["aws_s3_bucket.raw"]?.metadata.tier == "tier1")
        #expect(byAddress["aws_s3_bucket.raw"]?.metadata.owner == "platform@acme.io")
        #expect(byAddress["aws_s3_bucket.raw"]?.metadata.classification == "restricted")
        #expect(byAddress["google_bigquery_dataset.d"]?.environment == "dev")
        #expect(byAddress["google_bigquery_dataset.d"]?.metadata.owner == "bi")
        #expect(byAddress["databricks_sql_endpoint.w"]?.metadata.tier == "tier1")
    }

    @Test func globAndDataSelectors() throws {
        let text = """
            {
              "resource": {
                "google_storage_bucket_iam_member": {"a": {"bucket": "b", "role": "r", "member": "allUsers"}},
                "google_project_iam_member": {"b": {"project": "p", "role": "r", "member": "user:x@acme.io"}}
              },
              "data": {"aws_iam_policy_document": {"d": {"statement": [{"actions": ["s3:GetObject"]}]}}}
            }
            """
        let members = rule(resource: "'google_*_iam_member'", require: "{ attribute: member, not_equals: allUsers }")
        #expect(summary(try findings(rules: [members], over: text)) == ["T-001 google_storage_bucket_iam_member.a main.tf.json:3: violation"])
        let documents = rule(resource: "data.aws_iam_policy_document", require: "{ attribute: statement.actions, equals: '*' }")
        #expect(summary(try findings(rules: [documents], over: text)) == ["T-001 data.aws_iam_policy_document.d main.tf.json:6: violation"])
    }

    @Test func referencesFollowToTheReferencedResource() throws {
        let text = """
            {
              "resource": {
                "aws_kms_key": {"good": {"enable_key_rotation": true}, "stale": {"enable_key_rotation": false}},
                "aws_secretsmanager_secret": {
                  "a": {"name": "a", "kms_key_id": "${aws_kms_key.good.arn}"},
                  "b": {"name": "b", "kms_key_id": "${aws_kms_key.stale.arn}"},
                  "c": {"name": "c", "kms_key_id": "arn:aws:kms:eu-west-1:111111111111:key/external"}
                }
              }
            }
            """
        let rotating = rule(
            resource: "aws_secretsmanager_secret",
            require: "{ references: { attribute: kms_key_id, type: aws_kms_key, where: { attribute: enable_key_rotation, equals: true } } }")
        #expect(try findings(rules: [rotating], over: text).map(\.address) == ["aws_secretsmanager_secret.b", "aws_secretsmanager_secret.c"])
    }

    @Test func referencesResolveOnlyWithinOneRootModule() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paved-scope-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (env, withBlock) in [("dev", true), ("prod", false)] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(env), withIntermediateDirectories: true)
            var resources = #""aws_s3_bucket": {"raw": {"bucket": "raw"}}"#
            if withBlock {
                resources += #", "aws_s3_bucket_public_access_block": {"raw": {"bucket": "${aws_s3_bucket.raw.id}", "block_public_acls": true}}"#
            }
            try "{\"resource\": {\(resources)}}".write(to: dir.appendingPathComponent("\(env)/main.tf.json"), atomically: true, encoding: .utf8)
        }
        var builder = PolicyInputBuilder()
        builder.addPaths([dir.path])
        guard case .success(let rules) = loadRules([("r.yaml", Self.pab)]) else { throw TestFailure("rules") }
        let found = PolicyEngine(rules: rules).findings(in: builder.build())
        #expect(found.map { $0.location.file.hasSuffix("prod/main.tf.json") } == [true])
    }

    @Test func interpolationScanning() {
        var found: [String] = []
        References.forEachAddress(
            in: #"${aws_s3_bucket.raw.arn}/* ${data.aws_iam_policy_document.x.json} ${var.name} ${jsonencode({a = aws_kms_key.k[0].arn, s = "aws_fake.x"})} ${module.m.out}"#,
            modulePath: "") { found.append($0) }
        #expect(found == ["aws_s3_bucket.raw", "data.aws_iam_policy_document.x", "aws_kms_key.k"])
        var inModule: [String] = []
        References.forEachAddress(in: "${aws_s3_bucket.curated.id}", modulePath: "module.lake") { inModule.append($0) }
        #expect(inModule == ["module.lake.aws_s3_bucket.curated"])
    }

    // MARK: Input errors

    @Test func malformedJSONIsAnErrorWithLineAndColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paved-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("main.tf.json")
        try "{\n  \"resource\": {\n    \"aws_s3_bucket\": {,}\n  }\n}\n".write(to: file, atomically: true, encoding: .utf8)
        var builder = PolicyInputBuilder()
        builder.addPaths([file.path])
        let diagnostics = builder.build().diagnostics
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.location?.line == 3)
        #expect(diagnostics.first?.location?.column == 23)
    }

    @Test func malformedBlocksAreErrorsAtTheirLine() throws {
        let text = """
            {
              "resource": {
                "aws_s3_bucket": {
                  "raw": "not a block"
                }
              }
            }
            """
        let diagnostics = try input(text).diagnostics.map(\.description)
        #expect(diagnostics == ["main.tf.json:4:7: error: aws_s3_bucket.raw must be an object, found string (at /resource/aws_s3_bucket/raw)"])
    }

    @Test func missingPathIsAnError() {
        var builder = PolicyInputBuilder()
        builder.addPaths(["does/not/exist"])
        #expect(builder.build().diagnostics.map(\.description) == ["does/not/exist:1: error: no such file or directory"])
    }

    // MARK: Reports and the gate

    @Test func reportsAreSortedBySeverityRuleAndAddress() throws {
        let text = #"{"resource": {"aws_kms_key": {"b": {}, "a": {}}, "aws_s3_bucket": {"z": {"bucket": "z"}}}}"#
        let low = rule(id: "T-LOW", resource: "aws_kms_key", require: "{ attribute: enable_key_rotation, equals: true }")
            .replacingOccurrences(of: "severity: high", with: "severity: low")
        guard case .success(let rules) = loadRules([("a.yaml", low), ("b.yaml", Self.pab)]) else { throw TestFailure("rules") }
        let report = PolicyEngine(rules: rules).evaluate(try input(text), options: EvaluationOptions(today: date("2026-01-15")))
        #expect(report.findings.map { "\($0.ruleID) \($0.address)" } == ["T-PAB aws_s3_bucket.z", "T-LOW aws_kms_key.a", "T-LOW aws_kms_key.b"])
        #expect(report.failing(at: .high).map(\.address) == ["aws_s3_bucket.z"])
        #expect(report.failing(at: .low).count == 3)
    }

    @Test func gateBlocksOnUnwaivedHardMandatoryFindings() throws {
        var bucket = Resource(.resource("aws_s3_bucket", "raw"), arguments: ["bucket": "acme-raw"])
        bucket.provenance = Provenance(constructPath: "acme/raw", location: SourceLocation(file: "Acme/Platform.swift", line: 9))
        let configuration = Configuration(resources: [bucket])
        let gate = PolicyGate(rules: try RuleSet.builtin().only(["SEC-S3-001", "COST-S3-001"]), today: date("2026-01-15"))
        let result = gate.check(stacks: [PolicyGate.Stack(environment: "dev", path: "dev/main.tf.json", configuration: configuration)])
        #expect(result.blocked)
        #expect(result.messages == [
            "Acme/Platform.swift:9: error: [SEC-S3-001] aws_s3_bucket.raw (dev): S3 bucket has no aws_s3_bucket_public_access_block with all four flags true",
            "Acme/Platform.swift:9: warning: [COST-S3-001] aws_s3_bucket.raw (dev): S3 bucket has no enabled lifecycle rule, so objects and old versions are kept (and billed) forever",
            "policy: 2 findings, 1 hard-mandatory (synth stops; fix or waive them)",
        ])
        var waived = gate
        waived.waivers = [Waiver(
            ruleID: "SEC-S3-001", scope: .pattern("aws_s3_bucket.*"), reason: "Public website bucket reviewed by security in SEC-4411.",
            owner: "web@acme.io", expires: date("2026-03-31"), location: SourceLocation(file: "waivers.yaml", line: 2))]
        #expect(!waived.check(stacks: [PolicyGate.Stack(environment: "dev", path: "dev/main.tf.json", configuration: configuration)]).blocked)
    }

    @Test func noSecretValueReachesAnyReport() throws {
        let text = """
            {
              "resource": {
                "snowflake_user": {"legacy": {"name": "LEGACY", "password": "hunter2-Sup3rSecret"}},
                "aws_redshiftserverless_namespace": {"dw": {"namespace_name": "dw", "admin_user_password": "hunter2-Sup3rSecret"}}
              }
            }
            """
        let report = PolicyEngine(rules: try RuleSet.builtin()).evaluate(try input(text), options: EvaluationOptions(today: date("2026-01-15")))
        #expect(report.findings.contains { $0.ruleID == "SEC-SF-003" })
        #expect(report.findings.contains { $0.ruleID == "SEC-RSS-004" })
        for format in ReportFormat.allCases {
            let rendered = Reporter.render(report, format: format, options: ReportOptions(toolVersion: "test"))
            #expect(!rendered.contains("hunter2"), "\(format) leaks the secret")
        }
    }
}

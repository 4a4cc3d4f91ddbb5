import Paved
import PavedTesting
import Testing

/// Bad DSL input: each problem is an exact message at the user's Swift line; nothing crashes.
@Suite struct DSLDiagnosticTests {
    let file = "PavedTests/DSLDiagnosticTests.swift"
    let dev = Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))

    @Test func invalidConstructNames() {
        let line = #line
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Bucket("Raw_Events")
            Secret("db//password")
            Role("-etl", assumedBy: .service(.glue))
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: bucket name 'Raw_Events' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'raw-events')",
            "\(file):\(line + 4): error: secret name 'db//password' is invalid: use lowercase letters, digits, dashes and slashes, start with a letter, at most 48 characters (e.g. 'db/password')",
            "\(file):\(line + 5): error: role name '-etl' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'etl')",
        ])
    }

    @Test func duplicateNamesPointAtBothDeclarations() {
        let line = #line
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Bucket("events")
            Secret("events")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 4): error: name 'events' is already used by the bucket at \(file):\(line + 3); names are unique within a platform",
        ])
    }

    @Test func unknownAccessTargetSuggestsTheClosestName() {
        let line = #line
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Bucket("raw-events")
            Role("etl", assumedBy: .service(.glue)) {
                Allow(.read, on: "raw-event")
                Allow(.readSecret, on: "raw-events")
                Allow(actions: ["s3:GetObject", "getobject"], on: [])
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 7): error: Allow(actions:on:) needs at least one resource ARN (write \"*\" explicitly if you mean it)",
            "\(file):\(line + 7): error: 'getobject' is not an IAM action (service:Action, such as s3:GetObject)",
            "\(file):\(line + 5): error: no construct named 'raw-event' in platform 'acme'; did you mean 'raw-events'?",
            "\(file):\(line + 6): error: cannot grant .readSecret on bucket 'raw-events': use .read or .write",
        ])
    }

    @Test func retentionThatS3WouldReject() {
        let line = #line
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Bucket("logs") {
                Retention(expireAfter: .days(20), transitions: [.after(.days(10), to: .standardIA), .after(.days(30), to: .glacier)])
            }
            Bucket("tmp") {
                Retention(expireAfter: .hours(6))
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 4): error: retention transition to STANDARD_IA after 10 days is too early: S3 needs at least 30 days",
            "\(file):\(line + 4): error: retention expires objects after 20 days, before or when they move to GLACIER after 30 days: expiration must come after every transition",
            "\(file):\(line + 7): error: retention expiration must be a whole number of days, at least 1 (got 6 hours)",
        ])
    }

    @Test func environmentProblems() {
        let line = #line
        let platform = Platform("acme", owner: "o@acme.io") {
            Environment(.dev, aws: .account("1234", region: "Europe"))
            Environment(.dev)
            Bucket("raw")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 2): error: environment 'dev': AWS account ID '1234' must be 12 digits",
            "\(file):\(line + 2): error: environment 'dev': 'Europe' is not an AWS region (such as eu-west-1)",
            "\(file):\(line + 3): error: environment 'dev' is declared twice; first at \(file):\(line + 2)",
            "\(file):\(line + 4): error: bucket 'raw' needs an AWS account, but environment 'dev' (\(file):\(line + 3)) has none: add aws: .account(\"123456789012\", region: \"eu-west-1\")",
        ])
    }

    @Test func platformWithoutEnvironments() {
        let line = #line
        let platform = Platform("Acme Data", owner: "o@acme.io") {
            Bucket("raw")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 1): error: platform name 'Acme Data' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 24 characters",
            "\(file):\(line + 1): error: platform 'acme' has no environment: add Environment(.dev, aws: .account(\"123456789012\", region: \"eu-west-1\"))".replacingOccurrences(of: "'acme'", with: "'Acme Data'"),
        ])
    }

    @Test func namesThatCollideAfterSanitizingAreDuplicateAddresses() {
        let line = #line
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Secret("db/password")
            Secret("db-password")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 4): error: duplicate address aws_kms_alias.secret_db_password; first declared at \(file):\(line + 3)",
            "\(file):\(line + 4): error: duplicate address aws_kms_key.secret_db_password; first declared at \(file):\(line + 3)",
            "\(file):\(line + 4): error: duplicate address aws_secretsmanager_secret.db_password; first declared at \(file):\(line + 3)",
        ])
    }

    @Test func physicalNamesTooLongForAWS() {
        let line = #line
        let platform = Platform("acme-data-platform-core", owner: "o@acme.io") {
            Environment("integration", aws: .account("111111111111", region: "eu-west-1"))
            Bucket("customer-events-with-a-very-long-name")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: bucket name 'acme-data-platform-core-integration-customer-events-with-a-very-long-name' is 73 characters; S3 allows 63: shorten the platform or bucket name",
        ])
    }

    @Test func waiversNeedReasonOwnerAndDate() {
        let line = #line
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Bucket("landing")
                .waive("AWS-S3-LOGGING", reason: "todo", owner: "", expires: "2027-02-30")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 4): error: waiver of AWS-S3-LOGGING needs a real reason (at least 20 characters and 4 words saying why), got 'todo'",
            "\(file):\(line + 4): error: waiver of AWS-S3-LOGGING needs an owner (a person or team to ask), got ''",
            "\(file):\(line + 4): error: waiver of AWS-S3-LOGGING has expiry '2027-02-30', which is not a date (YYYY-MM-DD)",
        ])
    }

    @Test func waiversAreWrittenBesideTheResources() throws {
        let line = #line
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Bucket("landing")
                .waive("AWS-S3-LOGGING", reason: "Partner drop zone, logged by the partner's own trail", owner: "ingest@acme.io", expires: "2027-03-31")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [])
        let config = try #require(PavedTesting.stack(platform, .dev))
        let bucket = try #require(config.resources.first { $0.address == .resource("aws_s3_bucket", "landing") })
        #expect(TerraformRenderer().body(of: bucket)["//"]?["waivers"] == .array([.object([
            "rule": "AWS-S3-LOGGING", "reason": "Partner drop zone, logged by the partner's own trail",
            "owner": "ingest@acme.io", "expires": "2027-03-31", "source": .string("\(file):\(line + 4)"),
        ])]))
    }

    @Test func sameGrantTwiceIsWrittenOnce() throws {
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Bucket("raw")
            Role("etl", assumedBy: .service(.glue)) {
                Allow(.read, on: "raw")
                Allow(.read, on: "raw")
            }
        }
        let config = try #require(PavedTesting.stack(platform, .dev))
        let doc = try #require(config.resources.first { $0.address == .data("aws_iam_policy_document", "etl_permissions") })
        #expect(doc.arguments["statement"]?.renderedJSON.arrayValue?.compactMap { $0["sid"]?.stringValue } == ["ListRaw", "ReadRaw", "DecryptRaw"])
    }

    @Test func explicitWildcardIsPossibleAndVisible() throws {
        let platform = Platform("acme", owner: "o@acme.io") {
            dev
            Role("auditor", assumedBy: .arn("arn:aws:iam::999999999999:role/audit")) {
                Allow(actions: ["s3:ListAllMyBuckets"], on: ["*"])
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [])
        let config = try #require(PavedTesting.stack(platform, .dev))
        let doc = try #require(config.resources.first { $0.address == .data("aws_iam_policy_document", "auditor_permissions") })
        #expect(doc.arguments["statement"]?.renderedJSON.arrayValue?.first?["resources"] == .array([.string("*")]))
    }
}

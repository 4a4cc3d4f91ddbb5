@testable import Paved
import PavedTerraform
import Testing

/// Policy documents are written without the generated binding in between: the same values as
/// the binding writes, statement by statement and block by block.
@Suite struct IAMStatementTests {
    let bucket = AWSS3Bucket.Ref("raw")

    var statements: [IAMStatement] {
        [
            IAMStatement(sid: "Read", actions: ["s3:GetObject", "s3:ListBucket"], resources: [bucket.arn, "\(bucket.arn)/*"]),
            IAMStatement(sid: "Empty", actions: []),
            SynthesisContext.denyInsecureTransport(bucket: bucket),
            IAMStatement(
                sid: "Trust", actions: ["sts:AssumeRole"],
                principals: [.init(type: "Service", identifiers: ["glue.amazonaws.com"]), .init(type: "AWS", identifiers: ["*", "\(bucket.arn)"])],
                conditions: [.init("StringEquals", "aws:SourceAccount", ["111111111111"]), .init("ArnLike", "aws:SourceArn", ["\(bucket.arn)", "x"])]),
            IAMStatement(sid: "Deny", allow: false, actions: ["kms:*"], resources: ["*"]),
        ]
    }

    @Test func statementsAreTheBindingsObjects() {
        for statement in statements {
            #expect(statement.object == statement.block.terraformObject, "\(statement.sid)")
        }
    }

    @Test func policyDocumentsAreTheBindingsBlocks() {
        let queue = Queue("q")
        let platform = Platform("acme", owner: "o@acme.io") { Environment(.dev, aws: .account("111111111111", region: "eu-west-1")) }
        var direct = SynthesisContext(platform: platform, environment: platform.environments[0], constructs: [:])
        var binding = direct
        for (i, list) in [statements, [], Array(statements.prefix(1))].enumerated() {
            let ref = direct.addPolicyDocument("doc\(i)", list, for: queue, part: "policy")
            let expected = binding.add("doc\(i)", DataAWSIAMPolicyDocument(statement: list.map(\.block)), for: queue, part: "policy")
            #expect(ref.json == expected.json)
        }
        let made = direct.takeResources().resources, expected = binding.takeResources().resources
        #expect(made.count == 3)
        #expect(made == expected)
    }

    @Test func statementIDsAreTheNamesWords() {
        let cases = [
            ("raw-events", "RawEvents"), ("", ""), ("a1-b", "A1B"), ("9lives", "9lives"), ("--", ""), ("Already", "Already"),
            ("unit-1234/token-extra", "Unit1234TokenExtra"), ("été-x", "TX"), ("a_b", "AB"),
        ]
        for (name, id) in cases { #expect(StatementID.from(name) == id, "\(name)") }
    }

    @Test func aTypeBelongsToTheProviderItStartsWith() {
        let cases = [
            ("aws_kms_key", "aws", true), ("aws", "aws", false), ("awsx_y", "aws", false), ("aws_", "aws", true),
            ("google_storage_bucket", "aws", false), ("x", "", false), ("databricks_secret_scope", "databricks", true),
            ("databricksx_secret_scope", "databricks", false), ("aws_kms_key", "google", false),
        ]
        for (type, provider, belongs) in cases { #expect(SynthesisContext.type(type, isOf: provider) == belongs, "\(type) \(provider)") }
    }
}

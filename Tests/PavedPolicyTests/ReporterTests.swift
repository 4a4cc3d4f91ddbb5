import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// Reporters: one scenario rendered in every format and compared with golden files, and the SARIF
/// output validated against the official SARIF 2.1.0 JSON schema.
@Suite struct ReporterTests {
    static let options = ReportOptions(failOn: .high, toolVersion: "0.0.0-test")

    /// A synthesized dev stack in memory (Swift locations, a DSL waiver), a prod file on disk, an
    /// expired waiver from a file, and a baseline that already holds one finding.
    static func scenario() throws -> PolicyReport {
        let stack = try JSONParser().parse("""
            {"resource": {"aws_s3_bucket": {
              "raw_events": {"//": {"construct": "acme-data/raw-events", "source": "AcmeData/Platform.swift:22"}, "bucket": "acme-data-dev-raw-events"},
              "site": {"//": {"construct": "acme-data/site", "source": "AcmeData/Platform.swift:40",
                "waivers": [{"rule": "SEC-S3-001", "reason": "Static website bucket; its content is public by design (SEC-4411).", "owner": "web@acme.io", "expires": "2026-06-30"}]},
                "bucket": "acme-data-dev-site"}
            }}}
            """)
        var builder = PolicyInputBuilder()
        builder.addConfiguration(stack, name: "dev/main.tf.json", environment: "dev", sourcePaths: ["AcmeData/Platform.swift": "Examples/AcmeData/Platform.swift"])
        builder.addDocument(try JSONDocument(parsing: try TestPaths.text("Inputs/report/main.tf.json"), file: "out/prod/main.tf.json"))
        let input = builder.build()
        #expect(input.diagnostics.isEmpty)
        let rules = try RuleSet.builtin().only(["SEC-S3-001", "SEC-KMS-001", "COST-SF-001", "COST-SF-003", "GOV-TT-002"])
        let waivers = try WaiverFile.parse(try TestPaths.text("Inputs/report/waivers.yaml"), file: "policies/waivers.yaml")
        let engine = PolicyEngine(rules: rules)
        let today = date("2026-01-15")
        let first = engine.evaluate(input, options: EvaluationOptions(today: today, waivers: waivers))
        let baseline = Baseline(findings: first.findings.filter { $0.ruleID == "COST-SF-003" })
        return engine.evaluate(input, options: EvaluationOptions(today: today, waivers: waivers, baseline: baseline))
    }

    @Test func scenarioFindings() throws {
        let report = try Self.scenario()
        #expect(report.findings.map { "\($0.severity) \($0.ruleID) \($0.subject) \($0.location)" } == [
            "critical SEC-S3-001 aws_s3_bucket.raw_events (dev) Examples/AcmeData/Platform.swift:22",
            "high SEC-KMS-001 aws_kms_key.legacy out/prod/main.tf.json:6",
            "medium COST-SF-001 snowflake_warehouse.adhoc out/prod/main.tf.json:17",
            "low GOV-TT-002 snowflake_schema.scratch out/prod/main.tf.json:12",
            "low PAVED-WAIVER-EXPIRED snowflake_warehouse.adhoc policies/waivers.yaml:2",
        ])
        #expect(report.waived.map(\.finding.subject) == ["aws_s3_bucket.site (dev)"])
        #expect(report.baselined.map(\.ruleID) == ["COST-SF-003"])
        #expect(report.failing(at: .high).map(\.ruleID) == ["SEC-S3-001", "SEC-KMS-001"])
    }

    @Test(arguments: [
        (ReportFormat.text, "report.txt"), (.json, "report.json"), (.sarif, "report.sarif"), (.junit, "report.junit.xml"),
        (.github, "report.github.txt"), (.markdown, "report.md"),
    ])
    func golden(format: ReportFormat, file: String) throws {
        try assertGolden(Reporter.render(try Self.scenario(), format: format, options: Self.options), file)
    }

    @Test func sarifIsValidAgainstTheOfficialSchema() throws {
        let schema = try JSONParser().parse(try TestPaths.text("sarif-schema-2.1.0.json"))
        let validator = JSONSchemaValidator(root: schema)
        let sarif = try JSONParser().parse(Reporter.render(try Self.scenario(), format: .sarif, options: Self.options))
        #expect(validator.validate(sarif) == [])
        #expect(sarif["runs"]?.arrayValue?.first?["results"]?.arrayValue?.count == 6)
    }

    /// Every built-in rule's violating fixtures, together, as SARIF: valid, with a result per finding.
    @Test func sarifOfEveryBuiltinRuleIsValid() throws {
        var builder = PolicyInputBuilder()
        for fixture in PolicyTestRunner.discover(under: TestPaths.policies.path) where fixture.kind == .violating {
            builder.addDocument(try JSONDocument.load(contentsOfFile: fixture.path))
        }
        let report = PolicyEngine(rules: try RuleSet.builtin()).evaluate(builder.build(), options: EvaluationOptions(today: date("2026-01-15")))
        #expect(report.findings.count > 100)
        let schema = try JSONParser().parse(try TestPaths.text("sarif-schema-2.1.0.json"))
        let sarif = try JSONParser().parse(Reporter.render(report, format: .sarif, options: Self.options))
        #expect(JSONSchemaValidator(root: schema).validate(sarif) == [])
        let driverRules = sarif["runs"]?.arrayValue?.first?["tool"]?["driver"]?["rules"]?.arrayValue ?? []
        #expect(driverRules.count == report.rules.count)
    }

    /// The validator itself rejects what the schema forbids (so a passing check means something).
    @Test func schemaValidatorRejectsInvalidSARIF() throws {
        let schema = try JSONParser().parse(try TestPaths.text("sarif-schema-2.1.0.json"))
        let broken = try JSONParser().parse("""
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "paved"}},
              "results": [{"ruleId": "X", "level": "fatal", "message": {"text": "m"},
                "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}
            """)
        let errors = JSONSchemaValidator(root: schema).validate(broken)
        #expect(errors.contains("/runs/0/results/0/level: \"fatal\" is not one of the allowed values") || errors.contains { $0.hasPrefix("/runs/0/results/0/level") })
        #expect(errors.contains { $0.hasPrefix("/runs/0/results/0/locations/0/physicalLocation/region/startLine") })
        let noVersion = try JSONParser().parse(#"{"runs": []}"#)
        #expect(JSONSchemaValidator(root: schema).validate(noVersion) == [": missing required property 'version'"])
    }

    @Test func escaping() {
        #expect(GitHubReporter.data("50% done\nnext") == "50%25 done%0Anext")
        #expect(GitHubReporter.property("a:b,c") == "a%3Ab%2Cc")
        #expect(MarkdownReporter.cell("a | b\nc") == "a \\| b c")
        #expect(JUnitReporter.escape("<a href=\"x\">&'\u{1}") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;")
        #expect(SARIFReporter.uri("Examples/My Platform/Platform.swift") == "Examples/My%20Platform/Platform.swift")
    }
}

import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// Waivers: the file format, DSL waivers, validation errors at file:line, and expiry against a fixed clock.
@Suite struct WaiverTests {
    static let config = """
        {
          "resource": {
            "aws_s3_bucket": {
              "legacy_exports": {"bucket": "acme-legacy-exports"},
              "raw": {"bucket": "acme-raw"}
            }
          }
        }
        """

    static let waivers = """
        waivers:
          - rule: SEC-S3-001
            scope: aws_s3_bucket.legacy_*
            reason: Read-only exports for the partner portal; replaced by the data share in PLAT-812.
            owner: data-platform@acme.io
            expires: 2026-01-31
        """

    func evaluate(today: String, waivers: [Waiver], config: String = WaiverTests.config) throws -> PolicyReport {
        let rules = try RuleSet.builtin().only(["SEC-S3-001"])
        return PolicyEngine(rules: rules).evaluate(try input(config), options: EvaluationOptions(today: date(today), waivers: waivers))
    }

    @Test func parsesAWaiversFile() throws {
        let list = try WaiverFile.parse(Self.waivers, file: "waivers.yaml")
        #expect(list == [Waiver(
            ruleID: "SEC-S3-001", scope: .pattern("aws_s3_bucket.legacy_*"),
            reason: "Read-only exports for the partner portal; replaced by the data share in PLAT-812.",
            owner: "data-platform@acme.io", expires: date("2026-01-31"), location: SourceLocation(file: "waivers.yaml", line: 2))])
    }

    @Test func waiverAppliesThroughItsExpiryDate() throws {
        let report = try evaluate(today: "2026-01-31", waivers: try WaiverFile.parse(Self.waivers, file: "waivers.yaml"))
        #expect(report.findings.map(\.address) == ["aws_s3_bucket.raw"])
        #expect(report.waived.map(\.finding.address) == ["aws_s3_bucket.legacy_exports"])
        #expect(report.waived.first?.waiver.reason == "Read-only exports for the partner portal; replaced by the data share in PLAT-812.")
    }

    @Test func expiredWaiverNoLongerWaivesAndIsReported() throws {
        let report = try evaluate(today: "2026-02-01", waivers: try WaiverFile.parse(Self.waivers, file: "waivers.yaml"))
        #expect(report.waived.isEmpty)
        #expect(summary(report.findings) == [
            "SEC-S3-001 aws_s3_bucket.legacy_exports main.tf.json:4: S3 bucket has no aws_s3_bucket_public_access_block with all four flags true",
            "SEC-S3-001 aws_s3_bucket.raw main.tf.json:5: S3 bucket has no aws_s3_bucket_public_access_block with all four flags true",
            "PAVED-WAIVER-EXPIRED aws_s3_bucket.legacy_* waivers.yaml:2: waiver for SEC-S3-001 expired on 2026-01-31 (owner: data-platform@acme.io); it no longer waives anything",
        ])
        #expect(report.rules.contains { $0.id == "PAVED-WAIVER-EXPIRED" })
    }

    @Test func dslWaiversComeWithTheResource() throws {
        let config = """
            {
              "resource": {
                "aws_s3_bucket": {
                  "site": {
                    "//": {
                      "construct": "acme/site", "source": "Acme/Platform.swift:40",
                      "waivers": [{"rule": "SEC-S3-001", "reason": "Static website bucket; content is public by design (SEC-4411).", "owner": "web@acme.io", "expires": "2026-06-30"}]
                    },
                    "bucket": "acme-site"
                  }
                }
              }
            }
            """
        let report = try evaluate(today: "2026-01-15", waivers: [], config: config)
        #expect(report.findings.isEmpty)
        #expect(report.waived.map { "\($0.finding.address) \($0.waiver.location) \($0.waiver.owner)" } == ["aws_s3_bucket.site Acme/Platform.swift:40 web@acme.io"])
        let later = try evaluate(today: "2026-07-01", waivers: [], config: config)
        #expect(later.findings.map(\.ruleID) == ["SEC-S3-001", "PAVED-WAIVER-EXPIRED"])
        #expect(later.findings.last?.location.description == "Acme/Platform.swift:40")
    }

    @Test func malformedDSLWaiversAreErrorsAtTheSwiftLine() throws {
        let config = """
            {"resource": {"aws_s3_bucket": {"site": {
              "//": {"source": "Acme/Platform.swift:40", "waivers": [
                {"rule": "SEC-S3-001", "reason": "ok", "owner": "web@acme.io", "expires": "2026-06-31"},
                {"rule": "SEC-S3-001", "owner": "web@acme.io"}
              ]},
              "bucket": "acme-site"}}}}
            """
        #expect(try input(config).diagnostics.map(\.description) == [
            "Acme/Platform.swift:40: error: aws_s3_bucket.site: waiver reason 'ok' is too vague: say why the finding is acceptable (at least 20 characters and 4 words)",
            "Acme/Platform.swift:40: error: aws_s3_bucket.site: waiver for SEC-S3-001 expires '2026-06-31', which is not a valid date (YYYY-MM-DD)",
            "Acme/Platform.swift:40: error: aws_s3_bucket.site: waiver is missing reason, expires (every waiver has rule, reason, owner and expires)",
        ])
    }

    @Test func unknownRuleInAWaiverIsAnErrorAtItsLine() throws {
        let text = Self.waivers.replacingOccurrences(of: "SEC-S3-001", with: "SEC-S3-01")
        let report = try evaluate(today: "2026-01-15", waivers: try WaiverFile.parse(text, file: "waivers.yaml"))
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "waivers.yaml:2: error: waiver names unknown rule 'SEC-S3-01' (did you mean 'SEC-S3-001'?)",
        ])
    }

    @Test func badWaiverFilesAreErrorsAtTheirLines() {
        let text = """
            waivers:
              - rule: SEC-S3-001
                scope: aws_s3_bucket.raw
                reason: TODO
                owner: ""
                expires: 2026-02-30
              - rule: SEC-KMS-001
                scope: aws_kms_key.raw
                reason: Rotation is handled by the HSM-backed key store, see KMS-22 for the audit trail.
                owner: security@acme.io
              - rule: SEC-KMS-001
                scope: aws_kms_key.raw
                reasons: typo
            """
        do {
            _ = try WaiverFile.parse(text, file: "waivers.yaml")
            Issue.record("parsed")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "waivers.yaml:4:13: error: waiver reason 'TODO' is too vague: say why the finding is acceptable (at least 20 characters and 4 words)",
                "waivers.yaml:5:12: error: a waiver needs an owner: the person or team accountable for it (an email or a team name)",
                "waivers.yaml:6:14: error: expires '2026-02-30' is not a valid date: write YYYY-MM-DD, such as 2026-06-30",
                "waivers.yaml:7:5: error: the waiver is missing expires (every waiver has rule, scope, reason, owner and expires)",
                "waivers.yaml:13:5: error: a waiver: unknown key 'reasons' (did you mean 'reason'?); expected one of: rule, scope, environment, reason, owner, expires",
                "waivers.yaml:11:5: error: the waiver is missing reason, owner, expires (every waiver has rule, scope, reason, owner and expires)",
            ])
        }
    }

    @Test func environmentScopedWaiver() throws {
        var builder = PolicyInputBuilder()
        let json = try JSONParser().parse(Self.config)
        builder.addConfiguration(json, name: "dev/main.tf.json", environment: "dev")
        builder.addConfiguration(json, name: "prod/main.tf.json", environment: "prod")
        let waiver = Waiver(
            ruleID: "SEC-S3-001", scope: .pattern("*"), environment: "dev", reason: "Development sandbox without customer data (PLAT-9).",
            owner: "data-platform@acme.io", expires: date("2026-12-31"), location: SourceLocation(file: "waivers.yaml", line: 2))
        let report = PolicyEngine(rules: try RuleSet.builtin().only(["SEC-S3-001"]))
            .evaluate(builder.build(), options: EvaluationOptions(today: date("2026-01-15"), waivers: [waiver]))
        #expect(report.findings.map(\.subject) == ["aws_s3_bucket.legacy_exports (prod)", "aws_s3_bucket.raw (prod)"])
        #expect(report.waived.map(\.finding.subject) == ["aws_s3_bucket.legacy_exports (dev)", "aws_s3_bucket.raw (dev)"])
    }

    @Test func unusedWaiverIsAWarning() throws {
        let waiver = Waiver(
            ruleID: "SEC-S3-001", scope: .pattern("aws_s3_bucket.gone"), reason: "Bucket scheduled for deletion in PLAT-77.",
            owner: "data-platform@acme.io", expires: date("2026-12-31"), location: SourceLocation(file: "waivers.yaml", line: 8))
        let report = try evaluate(today: "2026-01-15", waivers: [waiver])
        #expect(report.diagnostics.map(\.description) == [
            "waivers.yaml:8: warning: waiver for SEC-S3-001 on aws_s3_bucket.gone matched no finding; remove it if the finding is fixed",
        ])
        #expect(report.unusedWaivers == [waiver])
    }

    @Test func civilDates() {
        #expect(CivilDate(parsing: "2024-02-29") != nil)
        #expect(CivilDate(parsing: "2025-02-29") == nil)
        #expect(CivilDate(parsing: "2025-13-01") == nil)
        #expect(CivilDate(parsing: "2025-1-01") == nil)
        #expect(CivilDate(parsing: "20250101") == nil)
        #expect(date("2026-01-31") < date("2026-02-01"))
        #expect(date("2026-03-01").dayNumber - date("2026-02-01").dayNumber == 28)
        #expect(date("1970-01-01").dayNumber == 0)
    }

    @Test func globs() {
        #expect(Glob.matches("aws_s3_bucket.legacy_*", "aws_s3_bucket.legacy_exports"))
        #expect(!Glob.matches("aws_s3_bucket.legacy_*", "aws_s3_bucket.raw"))
        #expect(Glob.matches("module.*.aws_s3_bucket.?aw", "module.lake.aws_s3_bucket.raw"))
        #expect(Glob.matches("a*", "a*b"))
        #expect(Glob.matches("*", ""))
    }
}

import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// Baselines: record today's findings, report only new ones.
@Suite struct BaselineTests {
    static let before = #"{"resource": {"aws_s3_bucket": {"raw": {"bucket": "raw"}}}}"#
    static let after = #"{"resource": {"aws_s3_bucket": {"new": {"bucket": "new"}, "raw": {"bucket": "raw", "force_destroy": false}}}}"#

    func report(_ text: String, baseline: Baseline? = nil) throws -> PolicyReport {
        PolicyEngine(rules: try RuleSet.builtin().only(["SEC-S3-001"]))
            .evaluate(try input(text), options: EvaluationOptions(today: date("2026-01-15"), baseline: baseline))
    }

    @Test func onlyNewFindingsAreReported() throws {
        let baseline = Baseline(findings: try report(Self.before).findings)
        let text = baseline.render()
        #expect(text == """
            {
              "findings": [
                {
                  "address": "aws_s3_bucket.raw",
                  "fingerprint": "\(try report(Self.before).findings[0].fingerprint)",
                  "rule": "SEC-S3-001"
                }
              ],
              "tool": "paved",
              "version": 1
            }

            """)
        let reread = try Baseline.parse(text, file: "baseline.json")
        #expect(reread == baseline)
        // The file moved lines (force_destroy added); the old finding is still recognised.
        let next = try report(Self.after, baseline: reread)
        #expect(next.findings.map(\.address) == ["aws_s3_bucket.new"])
        #expect(next.baselined.map(\.address) == ["aws_s3_bucket.raw"])
    }

    @Test func fingerprintsAreStable() throws {
        let f = try report(Self.before).findings[0]
        #expect(f.identity == "SEC-S3-001|aws_s3_bucket.raw|file:main.tf.json|S3 bucket has no aws_s3_bucket_public_access_block with all four flags true")
        #expect(f.fingerprint == StableHash.hex(f.identity))
        #expect(StableHash.hex("") == "cbf29ce484222325")
        #expect(StableHash.hex("a") == "af63dc4c8601ec8c")
    }

    @Test func malformedBaselineIsAnErrorWithItsLine() {
        for (text, message) in [
            ("{\"version\": 2}", "baseline.json:1:2: error: not a Paved baseline: expected \"version\": 1 (write one with --write-baseline) (at /version)"),
            ("{\n  \"version\": 1,\n  \"findings\": [\n    {\"rule\": \"X\"}\n  ]\n}", "baseline.json:4:5: error: each baseline entry has rule, address and fingerprint strings (at /findings/0)"),
            ("{\"version\": 1,", "baseline.json:1:1: error: unclosed object"),
        ] {
            do {
                _ = try Baseline.parse(text, file: "baseline.json")
                Issue.record("parsed \(text)")
            } catch {
                #expect(error.diagnostics.first?.description.hasPrefix(message) == true, "\(error.diagnostics)")
            }
        }
    }
}

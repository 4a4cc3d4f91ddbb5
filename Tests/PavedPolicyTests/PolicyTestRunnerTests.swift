import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// `paved policy test` on a team's own rule directory, and where rules are discovered.
@Suite struct PolicyTestRunnerTests {
    /// A temporary rule directory: one custom rule with fixtures (one of them wrong).
    func teamDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paved-team-\(UUID().uuidString)")
        let tests = dir.appendingPathComponent("acme/tests/ACME-001")
        try FileManager.default.createDirectory(at: tests.appendingPathComponent("passing"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: tests.appendingPathComponent("violating"), withIntermediateDirectories: true)
        try rule(id: "ACME-001", resource: "aws_s3_bucket", require: "{ attribute: bucket, matches: '^acme-' }", message: "bucket name lacks the acme- prefix")
            .write(to: dir.appendingPathComponent("acme/ACME-001.yaml"), atomically: true, encoding: .utf8)
        try #"{"resource": {"aws_s3_bucket": {"a": {"bucket": "acme-a"}}}}"#
            .write(to: tests.appendingPathComponent("passing/named.tf.json"), atomically: true, encoding: .utf8)
        try """
            {
              "//": {"expect": [{"address": "aws_s3_bucket.b", "line": 3, "message": "bucket name lacks the acme- prefix"}]},
              "resource": {"aws_s3_bucket": {"b": {"bucket": "b"}}}
            }
            """.write(to: tests.appendingPathComponent("violating/unnamed.tf.json"), atomically: true, encoding: .utf8)
        try """
            {
              "//": {"expect": [{"address": "aws_s3_bucket.c", "line": 9, "message": "bucket name lacks the acme- prefix"}]},
              "resource": {"aws_s3_bucket": {"c": {"bucket": "c"}, "d": {"bucket": "d"}}}
            }
            """.write(to: tests.appendingPathComponent("violating/wrong-expectation.tf.json"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func runsFixturesAndReportsMismatches() throws {
        let dir = try teamDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = try RuleSet.builtin().overriding(with: try RuleSet.load(directory: dir.path))
        let fixtures = PolicyTestRunner.discover(under: dir.path)
        #expect(fixtures.map { "\($0.ruleID) \($0.kind)" } == ["ACME-001 passing", "ACME-001 violating", "ACME-001 violating"])
        let result = PolicyTestRunner(rules: rules, today: date("2026-01-15")).run(fixtures)
        #expect(!result.passed)
        #expect(result.cases.map(\.passed) == [true, true, false])
        #expect(result.cases[2].problems == [
            "expected: [ACME-001] aws_s3_bucket.c line 9: bucket name lacks the acme- prefix",
            "unexpected: [ACME-001] aws_s3_bucket.c line 3: bucket name lacks the acme- prefix",
            "unexpected: [ACME-001] aws_s3_bucket.d line 3: bucket name lacks the acme- prefix",
        ])
        let text = result.render()
        #expect(text.hasPrefix("FAIL ACME-001 \(dir.path)/acme/tests/ACME-001/violating/wrong-expectation.tf.json\n  expected:"))
        #expect(text.hasSuffix("FAIL: 2/3 fixtures passed, 1 failed\n"))
    }

    @Test func fixtureMistakesAreReported() throws {
        let dir = try teamDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let violating = dir.appendingPathComponent("acme/tests/ACME-001/violating/no-expectations.tf.json")
        try #"{"resource": {"aws_s3_bucket": {"e": {"bucket": "e"}}}}"#.write(to: violating, atomically: true, encoding: .utf8)
        let unknown = dir.appendingPathComponent("acme/tests/ACME-01/passing")
        try FileManager.default.createDirectory(at: unknown, withIntermediateDirectories: true)
        try "{}".write(to: unknown.appendingPathComponent("x.tf.json"), atomically: true, encoding: .utf8)
        let rules = try RuleSet.builtin().overriding(with: try RuleSet.load(directory: dir.path))
        let result = PolicyTestRunner(rules: rules).run(PolicyTestRunner.discover(under: dir.path))
        let problems = result.cases.filter { !$0.passed }.map { $0.problems.joined(separator: " | ") }
        #expect(problems.contains("no rule ACME-01 (did you mean 'ACME-001'?)"))
        #expect(problems.contains { $0.contains("a violating fixture lists its expected findings") })
    }

    @Test func projectDirectoriesHonourTheEnvironmentThenSearchUpward() throws {
        #expect(PolicyDiscovery.projectDirectories(from: "/", environment: ["PAVED_POLICIES": "a:b"]) == ["a", "b"])
        #expect(PolicyDiscovery.projectDirectories(from: "/", environment: ["PAVED_POLICIES": ""]) == [])
        let sub = TestPaths.root.appendingPathComponent("Sources/PavedPolicy").path
        #expect(PolicyDiscovery.projectDirectories(from: sub, environment: [:]) == [TestPaths.policies.path])
        #expect(PolicyDiscovery.projectDirectories(from: TestPaths.root.path, environment: [:]) == ["policies"])
    }

    @Test func projectRulesOverrideBuiltinsByID() throws {
        let rules = try PolicyDiscovery.ruleSet(from: TestPaths.root.path, environment: [:])
        #expect(rules.rules.count == (try RuleSet.builtin()).rules.count)
        #expect(rules.rule(id: "SEC-S3-001")?.metadata.source?.file == "policies/security/SEC-S3-001.yaml")
    }

    @Test func swiftSourceIndexFindsFilesByFileID() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("paved-src-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for path in ["Examples/AcmeData/Platform.swift", "Sources/Infra/Platform.swift", "Sources/Infra/Buckets.swift", ".build/x/Buckets.swift"] {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "".write(to: url, atomically: true, encoding: .utf8)
        }
        let index = SwiftSourceIndex(root: dir.path)
        #expect(index.path(forFileID: "AcmeData/Platform.swift") == "Examples/AcmeData/Platform.swift")
        #expect(index.path(forFileID: "Infra/Platform.swift") == "Sources/Infra/Platform.swift")
        #expect(index.path(forFileID: "Infra/Buckets.swift") == "Sources/Infra/Buckets.swift")
        #expect(index.path(forFileID: "Other/Platform.swift") == nil)
        #expect(index.path(forFileID: "Missing/Nope.swift") == nil)
    }
}

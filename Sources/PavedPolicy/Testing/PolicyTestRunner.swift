import Foundation
import PavedTerraform

/// `paved policy test`: runs rule fixtures, as `opa test` runs policy tests.
///
/// Fixtures live beside the rules: `<dir>/**/tests/<RULE-ID>/passing/*.json` must give no finding
/// of that rule, and `<dir>/**/tests/<RULE-ID>/violating/*.json` must give exactly the findings
/// listed in the fixture's root comment:
///
/// ```json
/// { "//": { "expect": [ { "address": "aws_s3_bucket.open", "line": 4,
///                          "message": "S3 bucket has no public access block …" } ] },
///   "resource": { … } }
/// ```
///
/// `rule` defaults to the folder's rule id. A fixture is a Terraform JSON configuration or a plan.
public struct PolicyTestRunner: Sendable {
    public var rules: RuleSet
    /// The date waivers in fixtures expire against.
    public var today: CivilDate

    public init(rules: RuleSet, today: CivilDate = .today()) {
        self.rules = rules
        self.today = today
    }

    /// A fixture file and what it must give.
    public struct Fixture: Sendable, Hashable {
        public enum Kind: String, Sendable { case passing, violating }
        public var ruleID: String
        public var kind: Kind
        /// The path as displayed (relative to where the search started).
        public var path: String
    }

    /// Every fixture under `directory`, sorted by rule, kind and path.
    public static func discover(under directory: String) -> [Fixture] {
        let fm = FileManager.default
        var out: [Fixture] = []
        var pending = [directory]
        while let dir = pending.popLast() {
            guard let names = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
                if name == "tests" {
                    out += fixtures(inTestsFolder: path)
                } else {
                    pending.append(path)
                }
            }
        }
        return out.sorted { ($0.ruleID, $0.kind.rawValue, $0.path) < ($1.ruleID, $1.kind.rawValue, $1.path) }
    }

    private static func fixtures(inTestsFolder tests: String) -> [Fixture] {
        let fm = FileManager.default
        var out: [Fixture] = []
        for rule in ((try? fm.contentsOfDirectory(atPath: tests)) ?? []).sorted() where !rule.hasPrefix(".") {
            for kind in [Fixture.Kind.passing, .violating] {
                let dir = "\(tests)/\(rule)/\(kind.rawValue)"
                for name in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() where name.hasSuffix(".json") {
                    out.append(Fixture(ruleID: rule, kind: kind, path: PolicyInputBuilder.displayName("\(dir)/\(name)")))
                }
            }
        }
        return out
    }

    /// The outcome of one fixture.
    public struct CaseResult: Sendable {
        public var fixture: Fixture
        /// Empty when the fixture passed; otherwise what went wrong, one line each.
        public var problems: [String]
        public var passed: Bool { problems.isEmpty }
    }

    /// The outcome of a run.
    public struct Result: Sendable {
        public var cases: [CaseResult]
        /// Rules of the set with no passing or no violating fixture.
        public var rulesMissingFixtures: [(id: String, missing: [String])]
        public var passed: Bool { cases.allSatisfy(\.passed) }

        /// `opa test` style: failures in detail, then a summary line.
        public func render(verbose: Bool = false) -> String {
            var lines: [String] = []
            for c in cases where verbose || !c.passed {
                lines.append("\(c.passed ? "PASS" : "FAIL") \(c.fixture.ruleID) \(c.fixture.path)")
                for problem in c.problems { lines.append("  \(problem)") }
            }
            for (id, missing) in rulesMissingFixtures {
                lines.append("note: \(id) has no \(missing.joined(separator: " or ")) fixture")
            }
            let failed = cases.count { !$0.passed }
            if !lines.isEmpty { lines.append(String(repeating: "-", count: 60)) }
            lines.append("\(failed == 0 ? "PASS" : "FAIL"): \(cases.count - failed)/\(cases.count) fixtures passed\(failed > 0 ? ", \(failed) failed" : "")")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// Runs the fixtures; a fixture for a rule the set does not have fails.
    public func run(_ fixtures: [Fixture]) -> Result {
        var cases: [CaseResult] = []
        for fixture in fixtures {
            cases.append(CaseResult(fixture: fixture, problems: problems(of: fixture)))
        }
        var missing: [(String, [String])] = []
        for rule in rules.rules {
            var gaps: [String] = []
            for kind in [Fixture.Kind.passing, .violating] where !fixtures.contains(where: { $0.ruleID == rule.metadata.id && $0.kind == kind }) {
                gaps.append(kind.rawValue)
            }
            if !gaps.isEmpty { missing.append((rule.metadata.id, gaps)) }
        }
        return Result(cases: cases, rulesMissingFixtures: missing)
    }

    private func problems(of fixture: Fixture) -> [String] {
        guard rules.rule(id: fixture.ruleID) != nil else {
            return ["no rule \(fixture.ruleID)\(Suggestions.hint(rules.suggestions(for: fixture.ruleID)))"]
        }
        let document: JSONDocument
        do {
            document = try JSONDocument.load(contentsOfFile: fixture.path)
        } catch let error as JSONParseError {
            return [error.description]
        } catch {
            return ["\(fixture.path): \(error)"]
        }
        var builder = PolicyInputBuilder()
        builder.addDocument(document)
        let input = builder.build()
        var problems = input.diagnostics.filter { $0.severity == .error }.map(\.description)

        let expected: [Expectation]
        switch Expectation.read(document, defaultRule: fixture.ruleID) {
        case .success(let list): expected = list
        case .failure(let error): return problems + [error.description]
        }
        if fixture.kind == .passing && !expected.isEmpty {
            problems.append("\(fixture.path): a passing fixture expects no findings; move it to violating/ or remove \"expect\"")
        }
        if fixture.kind == .violating && expected.isEmpty {
            problems.append("\(fixture.path): a violating fixture lists its expected findings in \"//\": {\"expect\": [...]}")
        }

        let engine = PolicyEngine(rules: rules.only([fixture.ruleID]))
        let report = engine.evaluate(input, options: EvaluationOptions(today: today))
        problems += report.diagnostics.filter { $0.severity == .error }.map(\.description)
        let actual = report.findings.filter { $0.ruleID == fixture.ruleID }.map(Expectation.init(finding:))
        for e in expected where !actual.contains(e) {
            problems.append("expected: \(e)")
        }
        for a in actual where !expected.contains(a) {
            problems.append("unexpected: \(a)")
        }
        return problems
    }

    /// One expected finding.
    struct Expectation: Equatable, CustomStringConvertible {
        var rule: String
        var address: String
        var message: String
        var line: Int

        init(rule: String, address: String, message: String, line: Int) {
            self.rule = rule
            self.address = address
            self.message = message
            self.line = line
        }

        init(finding: Finding) {
            self.init(rule: finding.ruleID, address: finding.address, message: finding.message, line: finding.location.line)
        }

        var description: String { "[\(rule)] \(address) line \(line): \(message)" }

        struct ReadError: Error, CustomStringConvertible {
            var description: String
        }

        static func read(_ document: JSONDocument, defaultRule: String) -> Swift.Result<[Expectation], ReadError> {
            guard let list = document.root["//"]?["expect"] else { return .success([]) }
            guard case .array(let entries) = list else {
                return .failure(ReadError(description: "\(document.nearestLocation(at: "/~1~1/expect")): error: \"expect\" must be a list"))
            }
            var out: [Expectation] = []
            for (i, entry) in entries.enumerated() {
                guard let address = entry["address"]?.stringValue, let message = entry["message"]?.stringValue,
                      case .int(let line) = entry["line"] ?? .null
                else {
                    let at = document.nearestLocation(at: "/~1~1/expect/\(i)")
                    return .failure(ReadError(description: "\(at): error: an expected finding has address, message and line (and optionally rule)"))
                }
                out.append(Expectation(rule: entry["rule"]?.stringValue ?? defaultRule, address: address, message: message, line: line))
            }
            return .success(out)
        }
    }
}

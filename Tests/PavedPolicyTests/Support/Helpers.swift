import Foundation
import PavedTerraform
@testable import PavedPolicy

/// Parses rule-file texts the way `--policies DIR` loads them, returning the rules or the
/// diagnostics as `file:line:column: error: message` lines.
func loadRules(_ files: [(String, String)]) -> Loaded {
    do throws(DiagnosticsError) {
        return .success(try RuleSet.parse(files: files.map { ($0.0, $0.1, "custom") }))
    } catch {
        return .failure(error.diagnostics.map(\.description))
    }
}

enum Loaded {
    case success(RuleSet)
    case failure([String])
}

/// The diagnostics of one rule file (empty when it loads).
func ruleErrors(_ text: String, file: String = "rules/custom.yaml") -> [String] {
    switch loadRules([(file, text)]) {
    case .success: return []
    case .failure(let lines): return lines
    }
}

/// An input from Terraform JSON text, parsed with positions as a file named `file`.
func input(_ text: String, file: String = "main.tf.json") throws -> PolicyInput {
    var builder = PolicyInputBuilder()
    builder.addDocument(try JSONDocument(parsing: text, file: file))
    return builder.build()
}

/// The findings of `rules` (rule-file texts) over a Terraform JSON text.
func findings(rules ruleTexts: [String], over text: String, file: String = "main.tf.json") throws -> [Finding] {
    let files = ruleTexts.enumerated().map { ("rules/r\($0.offset).yaml", $0.element) }
    guard case .success(let rules) = loadRules(files) else {
        throw TestFailure("rules do not load: \(loadRules(files))")
    }
    return PolicyEngine(rules: rules).findings(in: try input(text, file: file))
}

/// `RULE address line: message` per finding, for compact assertions.
func summary(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.ruleID) \($0.address) \($0.location.file):\($0.location.line): \($0.message)" }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func date(_ text: String) -> CivilDate {
    CivilDate(parsing: text) ?? CivilDate(year: 1970, month: 1, day: 1)!
}

/// A minimal rule file around a condition (indented by the caller as YAML under `require:`).
func rule(id: String = "T-001", resource: String, require: String, where whereClause: String? = nil, message: String = "violation") -> String {
    var text = """
        id: \(id)
        title: Test rule
        severity: high
        enforcement: soft-mandatory
        resource: \(resource)

        """
    if let whereClause { text += "where: \(whereClause)\n" }
    text += """
        require: \(require)
        message: \(message)
        rationale: Because tests need a reason.
        remediation: Fix it.

        """
    return text
}

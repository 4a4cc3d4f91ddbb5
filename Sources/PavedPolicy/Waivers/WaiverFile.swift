import Foundation
import PavedTerraform
import Yams

/// Reads a waivers file:
///
/// ```yaml
/// waivers:
///   - rule: SEC-S3-004
///     scope: aws_s3_bucket.legacy_*        # an address, or a pattern with * and ?
///     environment: dev                     # optional: only this environment
///     reason: Migrated to the new bucket in PLAT-1234; access is logged by CloudTrail data events until then.
///     owner: data-platform@acme.io
///     expires: 2026-06-30
/// ```
///
/// Every field but `environment` is required; a missing field, a vague reason, or a date that
/// does not exist is an error at its line. Unknown rule ids are reported by ``PolicyEngine/validate(_:)``.
public enum WaiverFile {
    static let keys = ["rule", "scope", "environment", "reason", "owner", "expires"]

    /// Parses the text of a waivers file.
    ///
    /// - Throws: ``DiagnosticsError`` with every problem, each at its file:line.
    public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> [Waiver] {
        var reader = YAMLReader(file: file)
        var waivers: [Waiver] = []
        if let root = reader.compose(text), let pairs = reader.mapping(root, what: "a waivers file", allowed: ["waivers"]) {
            if pairs.isEmpty { reader.error(root, "a waivers file has a 'waivers:' list") }
            for (_, _, list) in pairs {
                guard case .sequence(let sequence) = list else {
                    reader.error(list, "waivers must be a list")
                    continue
                }
                for node in sequence {
                    if let waiver = parseWaiver(node, &reader) { waivers.append(waiver) }
                }
            }
        }
        let errors = reader.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticsError(reader.diagnostics) }
        return waivers
    }

    private static func parseWaiver(_ node: Node, _ reader: inout YAMLReader) -> Waiver? {
        guard let pairs = reader.mapping(node, what: "a waiver", allowed: keys) else { return nil }
        var fields: [String: Node] = [:]
        for (key, _, value) in pairs { fields[key] = value }
        let missing = ["rule", "scope", "reason", "owner", "expires"].filter { fields[$0] == nil }
        if !missing.isEmpty {
            reader.error(node, "the waiver is missing \(missing.joined(separator: ", ")) (every waiver has rule, scope, reason, owner and expires)")
            return nil
        }
        guard let ruleNode = fields["rule"], let scopeNode = fields["scope"], let reasonNode = fields["reason"],
              let ownerNode = fields["owner"], let expiresNode = fields["expires"],
              let rule = reader.text(ruleNode, what: "rule"), let scope = reader.text(scopeNode, what: "scope"),
              let reason = reader.string(reasonNode, what: "reason"), let owner = reader.string(ownerNode, what: "owner"),
              let expiresText = reader.text(expiresNode, what: "expires")
        else { return nil }
        var ok = true
        for problem in Waiver.problems(reason: reason, owner: owner) {
            reader.error(problem.contains("owner") && !problem.contains("reason") ? ownerNode : reasonNode, problem)
            ok = false
        }
        guard let expires = CivilDate(parsing: expiresText) else {
            reader.error(expiresNode, "expires '\(expiresText)' is not a valid date: write YYYY-MM-DD, such as 2026-06-30")
            return nil
        }
        let environment = fields["environment"].flatMap { reader.text($0, what: "environment") }
        guard ok else { return nil }
        return Waiver(
            ruleID: rule, scope: .pattern(scope), environment: environment,
            reason: reason.trimmingCharacters(in: .whitespacesAndNewlines), owner: owner, expires: expires,
            location: reader.location(node).withoutColumn)
    }
}

extension SourceLocation {
    /// The same place without a column (waivers and rules are reported by line).
    var withoutColumn: SourceLocation { SourceLocation(file: file, line: line, filePath: filePath) }
}

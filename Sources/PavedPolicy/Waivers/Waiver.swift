import Foundation
import PavedTerraform

/// An accepted finding: which rule, on which resources, why, who owns the decision, and until when.
///
/// Declared beside the resource in the DSL (it then applies to that resource) or in a waivers file
/// with a scope (an address or a pattern). An expired waiver waives nothing and is reported.
public struct Waiver: Sendable, Hashable {
    /// What the waiver applies to.
    public enum Scope: Sendable, Hashable, CustomStringConvertible {
        /// The resource it was declared beside (DSL waivers): its address and construct.
        case resource(address: String)
        /// Resources whose address matches the pattern (`*` any characters, `?` one character).
        case pattern(String)

        public var description: String {
            switch self {
            case .resource(let address): address
            case .pattern(let pattern): pattern
            }
        }
    }

    public var ruleID: String
    public var scope: Scope
    /// Only findings in this environment, when set.
    public var environment: String?
    public var reason: String
    public var owner: String
    /// The last day the waiver applies.
    public var expires: CivilDate
    /// Where the waiver is declared: the waivers file line, or the Swift line of the DSL resource.
    public var location: SourceLocation

    public init(
        ruleID: String, scope: Scope, environment: String? = nil, reason: String, owner: String, expires: CivilDate,
        location: SourceLocation
    ) {
        self.ruleID = ruleID
        self.scope = scope
        self.environment = environment
        self.reason = reason
        self.owner = owner
        self.expires = expires
        self.location = location
    }

    /// True when the waiver has expired on `today` (it applies through its expiry date).
    public func isExpired(on today: CivilDate) -> Bool { expires < today }

    /// True when the waiver covers `finding` (ignoring expiry).
    public func covers(_ finding: Finding) -> Bool {
        guard finding.ruleID == ruleID else { return false }
        if let environment, finding.environment != environment { return false }
        switch scope {
        case .resource(let address): return finding.address == address
        case .pattern(let pattern): return Glob.matches(pattern, finding.address)
        }
    }

    /// Words that do not explain anything on their own.
    static let vagueReasons: Set<String> = [
        "todo", "tbd", "n/a", "na", "none", "temp", "temporary", "wip", "fix later", "will fix", "later", "ignore",
        "ignored", "false positive", "not needed", "ok", "fine", "accepted", "known", "legacy", "test", "testing",
    ]

    /// Checks the fields every waiver needs; returns the problems (empty when valid).
    ///
    /// A reason must say why the finding is acceptable: at least 20 characters and 4 words, and more
    /// than a placeholder such as "TODO" or "false positive".
    static func problems(reason: String, owner: String) -> [String] {
        var out: [String] = []
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        if trimmed.isEmpty {
            out.append("a waiver needs a reason: say why the finding is acceptable")
        } else if Self.vagueReasons.contains(trimmed.lowercased().trimmingCharacters(in: .punctuationCharacters))
            || trimmed.count < 20 || words.count < 4
        {
            out.append(
                "waiver reason '\(trimmed)' is too vague: say why the finding is acceptable (at least 20 characters and 4 words)")
        }
        if owner.trimmingCharacters(in: .whitespaces).isEmpty {
            out.append("a waiver needs an owner: the person or team accountable for it (an email or a team name)")
        }
        return out
    }
}

/// Shell-style patterns for addresses: `*` any run of characters, `?` one character.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        if !pattern.contains("*") && !pattern.contains("?") { return pattern == text }
        let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
        var pi = 0, ti = 0
        var star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

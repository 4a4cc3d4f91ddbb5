import Foundation
import PavedTerraform

/// A condition of the rule language, parsed from YAML (see policies/README.md).
indirect enum Condition: Sendable {
    case constant(Bool)
    case all([Condition])
    case any([Condition])
    case not(Condition)
    /// A comparison of the values at an attribute path (or of a metadata field).
    case test(Subject, Predicate, at: SourceLocation)
    /// `some:` / `every:` / `none:` over the values at a path, each becoming the current value.
    case quantified(AttributePath, Quantifier, Condition, at: SourceLocation)
    /// Holds when a resource picked by `selector` references this one through `attribute`
    /// and satisfies `where`.
    case referencedBy(TypeSelector, AttributePath, Condition?, at: SourceLocation)
    /// Holds when this resource's `attribute` references a resource (picked by `selector`, when
    /// given) that satisfies `where`.
    case references(AttributePath, TypeSelector?, Condition?, at: SourceLocation)
}

enum Subject: Sendable {
    case attribute(AttributePath)
    case metadata(MetadataKey)
}

enum Quantifier: String, Sendable {
    case some, every, none
}

/// A comparison. A test holds when at least one value at its path satisfies it (`exists: false`
/// holds when there is none); the `not_…` spellings are `not:` around the positive form.
enum Predicate: Sendable {
    case equals(JSON)
    case oneOf([JSON])
    case matches(Pattern)
    case atLeast(Double)
    case atMost(Double)
    case greaterThan(Double)
    case lessThan(Double)
    case durationAtLeast(Double)
    case durationAtMost(Double)
    case exists

    /// True when `value` satisfies the comparison (``exists`` is handled by the caller).
    func holds(for value: JSON) -> Bool {
        switch self {
        case .equals(let expected): return Loose.equal(value, expected)
        case .oneOf(let options): return options.contains { Loose.equal(value, $0) }
        case .matches(let pattern): return Loose.text(value).map(pattern.matches) ?? false
        case .atLeast(let bound): return Loose.number(value).map { $0 >= bound } ?? false
        case .atMost(let bound): return Loose.number(value).map { $0 <= bound } ?? false
        case .greaterThan(let bound): return Loose.number(value).map { $0 > bound } ?? false
        case .lessThan(let bound): return Loose.number(value).map { $0 < bound } ?? false
        case .durationAtLeast(let bound): return Loose.duration(value).map { $0 >= bound } ?? false
        case .durationAtMost(let bound): return Loose.duration(value).map { $0 <= bound } ?? false
        case .exists: return true
        }
    }
}

/// A compiled regular expression (NSRegularExpression is immutable and safe to share).
struct Pattern: @unchecked Sendable {
    let source: String
    let regex: NSRegularExpression

    init(_ source: String) throws {
        self.source = source
        self.regex = try NSRegularExpression(pattern: source)
    }

    /// True when the pattern matches somewhere in `text` (anchor it with ^…$ to match all of it).
    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// Comparisons as Terraform converts values: `"true"` equals `true`, `"60"` equals `60`.
enum Loose {
    static func equal(_ a: JSON, _ b: JSON) -> Bool {
        if a == b { return true }
        switch (a, b) {
        case (.int, .double), (.double, .int):
            return a.numberValue == b.numberValue
        case (.string(let s), .bool(let v)), (.bool(let v), .string(let s)):
            return s == (v ? "true" : "false")
        case (.string(let s), .int), (.string(let s), .double):
            return Double(s) == b.numberValue
        case (.int, .string(let s)), (.double, .string(let s)):
            return Double(s) == a.numberValue
        default:
            return false
        }
    }

    static func number(_ value: JSON) -> Double? {
        switch value {
        case .int(let i): Double(i)
        case .double(let d): d
        case .string(let s): Double(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    static func text(_ value: JSON) -> String? {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    /// Seconds in a duration: a number (seconds), or `7776000s`, `90d`, `24h`, `30m`, `1.5s`.
    static func duration(_ value: JSON) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s): return parseDuration(s)
        default: return nil
        }
    }

    static func parseDuration(_ text: String) -> Double? {
        let s = text.trimmingCharacters(in: .whitespaces)
        guard let last = s.last else { return nil }
        let unit: Double
        switch last {
        case "s": unit = 1
        case "m": unit = 60
        case "h": unit = 3600
        case "d": unit = 86_400
        default: return Double(s)
        }
        guard let n = Double(s.dropLast()), n >= 0 else { return nil }
        return n * unit
    }
}

import Foundation

/// Something declared in a platform that lowers into Terraform resources: a bucket, a secret, a role…
///
/// Paved's constructs conform, and so can a team's own: implement ``lower(into:)`` and add
/// resources through the ``SynthesisContext``.
public protocol Construct: Sendable {
    /// What the construct is, for messages: `bucket`, `secret`, `role`.
    var kind: String { get }
    /// The name the user gave it; unique within the platform.
    var name: String { get }
    /// Owner, tier, classification and cost center set on this construct (unset fields inherit).
    var metadata: Metadata { get }
    /// The DSL call that declared it.
    var location: SourceLocation { get }
    /// Policy waivers declared on it with ``waive(_:reason:owner:expires:file:filePath:line:)``.
    var waivers: [Waiver] { get set }
    /// Problems with the construct's own inputs, independent of any environment.
    func validate() -> [Diagnostic]
    /// Adds this construct's resources for one environment.
    func lower(into context: inout SynthesisContext)
    /// This construct as an ``AccessTarget``, or nil. ``AccessTarget`` gives it: a role looks up
    /// every grant's target through it, where a dynamic cast costs thousands of instructions.
    var accessTarget: (any AccessTarget)? { get }
    /// Errors for overrides of environments that `declared` does not hold, in environment order;
    /// none unless the construct is ``EnvironmentOverriding``, which gives it.
    func undeclaredOverrides(_ declared: [EnvironmentName]) -> [Diagnostic]
}

extension Construct {
    public var metadata: Metadata { Metadata() }
    public func validate() -> [Diagnostic] { [] }
    public var accessTarget: (any AccessTarget)? { nil }
    public func undeclaredOverrides(_ declared: [EnvironmentName]) -> [Diagnostic] { [] }

    /// Waives policy rule `rule` for this construct's resources, with a reason, an owner and an expiry.
    ///
    /// ```swift
    /// Bucket("landing").waive("AWS-S3-010", reason: "Partner drops files here before ingestion scans them",
    ///                         owner: "ingestion@acme.io", expires: "2027-03-31")
    /// ```
    /// The waiver is written into the synthesized output next to each resource, so reviewers see it;
    /// once expired it no longer waives, and the check reports it.
    public func waive(
        _ rule: String, reason: String, owner: String, expires: String,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) -> Self {
        var copy = self
        copy.waivers.append(Waiver(
            rule: rule, reason: reason, owner: owner, expires: expires,
            location: SourceLocation(fileID: file, filePath: filePath, line: line)))
        return copy
    }
}

/// A policy waiver declared in the DSL beside the construct it applies to.
public typealias Waiver = Provenance.Waiver

extension Waiver {
    /// Problems with the waiver itself: an empty rule, a trivial reason, a bad date.
    func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if rule.isEmpty { out.append(.error("waiver needs a rule id", at: location)) }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let trivial = ["todo", "tbd", "n/a", "na", "none", "temp", "temporary", "fix later", "wip"]
        let words = trimmed.split(whereSeparator: { $0.isWhitespace }).count
        if trimmed.count < 20 || words < 4 || trivial.contains(trimmed.lowercased()) {
            out.append(.error("waiver of \(rule) needs a real reason (at least 20 characters and 4 words saying why), got '\(reason)'", at: location))
        }
        if !owner.contains("@") && owner.count < 3 {
            out.append(.error("waiver of \(rule) needs an owner (a person or team to ask), got '\(owner)'", at: location))
        }
        if !Self.isDate(expires) {
            out.append(.error("waiver of \(rule) has expiry '\(expires)', which is not a date (YYYY-MM-DD)", at: location))
        }
        return out
    }

    /// True for a real calendar date written `YYYY-MM-DD`.
    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }
}

/// A construct that other constructs can be granted access to with an ``AccessIntent``.
public protocol AccessTarget: Construct {
    /// The intents this target understands, for messages.
    var supportedIntents: [AccessIntent] { get }
    /// The IAM statements that grant `intent` on this target in `context`'s environment.
    func iamStatements(for intent: AccessIntent, context: SynthesisContext) -> [IAMStatement]
}

extension AccessTarget {
    public var accessTarget: (any AccessTarget)? { self }
}

/// What a principal may do with a target. One vocabulary; each target lowers it to its own system.
public enum AccessIntent: String, Sendable, Equatable, CaseIterable {
    /// Read objects or rows.
    case read
    /// Write objects or rows (no delete, no admin).
    case write
    /// Read a secret's value.
    case readSecret
    /// Use a compute resource (run queries on a Snowflake warehouse), without changing it.
    case use
    /// Own what is inside: write, and create schemas, tables and views (DDL) in a Snowflake database.
    case own
}

/// Rules for the names users give constructs.
public enum NameRule {
    /// Lowercase letters, digits and dashes; starts with a letter; does not end with a dash.
    public static func isKebab(_ name: String, allowSlash: Bool = false) -> Bool {
        // Byte by byte: every allowed character is one ASCII byte, and any other byte (a non-ASCII
        // character) fails, so this is the same rule on characters, without grapheme breaking.
        var name = name
        return name.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, bytes.count <= 48 else { return false }
            guard first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
            guard last != UInt8(ascii: "-"), last != UInt8(ascii: "/") else { return false }
            var previous = first
            for byte in bytes {
                let ok = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || (allowSlash && byte == UInt8(ascii: "/"))
                if !ok { return false }
                if byte == UInt8(ascii: "/") && previous == UInt8(ascii: "/") { return false }
                previous = byte
            }
            return true
        }
    }

    /// A diagnostic when `name` breaks the rule, or nil.
    static func check(_ name: String, kind: String, allowSlash: Bool = false, at location: SourceLocation) -> Diagnostic? {
        if isKebab(name, allowSlash: allowSlash) { return nil }
        let allowed = allowSlash ? "lowercase letters, digits, dashes and slashes" : "lowercase letters, digits and dashes"
        return .error(
            "\(kind) name '\(name)' is invalid: use \(allowed), start with a letter, at most 48 characters (e.g. '\(suggestion(name, allowSlash: allowSlash))')",
            at: location)
    }

    static func suggestion(_ name: String, allowSlash: Bool) -> String {
        var out = ""
        for ch in name.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) }
            else if allowSlash && ch == "/" {
                while out.hasSuffix("-") { out.removeLast() }
                if !out.hasSuffix("/") && !out.isEmpty { out.append("/") }
            }
            else if !out.hasSuffix("-") && !out.hasSuffix("/") && !out.isEmpty { out.append("-") }
        }
        while out.hasSuffix("-") || out.hasSuffix("/") { out.removeLast() }
        while let f = out.first, !f.isLetter { out.removeFirst() }
        return out.isEmpty ? "my-\(allowSlash ? "secret" : "name")" : String(out.prefix(48))
    }
}

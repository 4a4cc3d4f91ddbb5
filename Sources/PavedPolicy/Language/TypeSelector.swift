/// Which resources a rule looks at: `aws_s3_bucket`, `data.aws_iam_policy_document`,
/// `google_*_iam_member`, `*` (every managed resource).
public struct TypeSelector: Sendable, Hashable, CustomStringConvertible {
    struct Pattern: Sendable, Hashable {
        var mode: PolicyResource.Mode
        /// A type name, or a pattern with `*` and `?`.
        var type: String

        var isGlob: Bool { type.contains("*") || type.contains("?") }
    }

    let patterns: [Pattern]

    /// A selector from patterns as written in rule files.
    public init(_ texts: [String]) {
        patterns = texts.map { text in
            if text.hasPrefix("data.") { return Pattern(mode: .data, type: String(text.dropFirst(5))) }
            return Pattern(mode: .managed, type: text)
        }
    }

    public var description: String {
        patterns.map { ($0.mode == .data ? "data." : "") + $0.type }.joined(separator: ", ")
    }

    /// The (type, mode) pairs of `types` that the selector picks.
    func matches(in types: [String]) -> [(type: String, mode: PolicyResource.Mode)] {
        var out: [(String, PolicyResource.Mode)] = []
        for pattern in patterns {
            if pattern.isGlob {
                for type in types where Glob.matches(pattern.type, type) { out.append((type, pattern.mode)) }
            } else {
                out.append((pattern.type, pattern.mode))
            }
        }
        return out
    }

    /// True when the selector picks a resource of `type` in `mode`.
    func accepts(type: String, mode: PolicyResource.Mode) -> Bool {
        patterns.contains { $0.mode == mode && Glob.matches($0.type, type) }
    }
}

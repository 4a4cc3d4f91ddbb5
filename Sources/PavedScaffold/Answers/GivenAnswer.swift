import Foundation
import Yams

/// A value given for a parameter before it is checked: from `--set name=value` (text) or from
/// an answers file (YAML, with its line).
public struct GivenAnswer: Equatable, Sendable {
    /// The raw value.
    public enum Raw: Equatable, Sendable {
        /// Text from `--set`; converted by the parameter's type (`1`, `true`, `a,b`).
        case text(String)
        /// A YAML scalar; `plain` is false when it was quoted (a quoted `"3"` is not an integer).
        case scalar(String, plain: Bool)
        /// A YAML list of scalars.
        case list([String])
        /// Any other YAML value (a mapping, a nested list), described for messages.
        case unsupported(String)
    }

    /// The parameter name.
    public var name: String
    /// The raw value.
    public var raw: Raw
    /// Where it came from: `nil` for a flag, or the answers file.
    public var file: String?
    /// The line in `file`.
    public var line: Int?

    /// Creates a given answer.
    public init(name: String, raw: Raw, file: String? = nil, line: Int? = nil) {
        self.name = name
        self.raw = raw
        self.file = file
        self.line = line
    }

    /// Parses `--set name=value` flags.
    public static func fromFlags(_ flags: [String]) throws(ScaffoldError) -> [GivenAnswer] {
        var answers: [GivenAnswer] = []
        var problems: [ScaffoldDiagnostic] = []
        for flag in flags {
            guard let eq = flag.firstIndex(of: "="), eq != flag.startIndex else {
                problems.append(ScaffoldDiagnostic("--set \(flag): expected name=value"))
                continue
            }
            answers.append(GivenAnswer(name: String(flag[..<eq]), raw: .text(String(flag[flag.index(after: eq)...]))))
        }
        guard problems.isEmpty else { throw ScaffoldError(.invalidInput, problems) }
        return answers
    }

    /// Parses an answers file: a mapping of parameter names to values, or a recorded
    /// `.paved/answers.yml` (whose `answers:` mapping is used).
    public static func fromFile(_ text: String, file: String) throws(ScaffoldError) -> [GivenAnswer] {
        var doc = YAMLDocument(file: file)
        guard let root = doc.compose(text) else { throw ScaffoldError(.invalidInput, doc.diagnostics) }
        guard case .mapping(var mapping) = root else {
            throw ScaffoldError(
                .invalidInput, [ScaffoldDiagnostic(file: file, line: root.mark?.line, "an answers file must be a mapping of parameter names to values")])
        }
        if let nested = mapping["answers"] {
            guard case .mapping(let inner) = nested else {
                throw ScaffoldError(
                    .invalidInput, [ScaffoldDiagnostic(file: file, line: nested.mark?.line, "'answers' must be a mapping")])
            }
            mapping = inner
        }
        var answers: [GivenAnswer] = []
        for (key, value) in mapping {
            guard case .scalar(let k) = key else {
                doc.error(key, "keys must be parameter names")
                continue
            }
            answers.append(GivenAnswer(name: k.string, raw: raw(value), file: file, line: key.mark?.line))
        }
        guard doc.diagnostics.isEmpty else { throw ScaffoldError(.invalidInput, doc.diagnostics) }
        return answers
    }

    static func raw(_ node: Node) -> Raw {
        switch node {
        case .scalar(let s): return .scalar(s.string, plain: s.style == .plain)
        case .sequence(let seq):
            var items: [String] = []
            for item in seq {
                guard case .scalar(let s) = item else { return .unsupported("a nested list") }
                items.append(s.string)
            }
            return .list(items)
        case .mapping: return .unsupported("a mapping")
        case .alias: return .unsupported("an alias")
        }
    }
}

import Foundation
import PavedTerraform
import Yams

/// Reads a composed YAML tree, collecting errors with file:line:column instead of stopping.
struct YAMLReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// Composes `text`; a syntax error becomes one diagnostic at its line and column.
    mutating func compose(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                diagnostics.append(.error("the file is empty", at: SourceLocation(file: file, line: 1)))
                return nil
            }
            return node
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, file: file))
        } catch {
            diagnostics.append(.error("not valid YAML: \(error)", at: SourceLocation(file: file, line: 1)))
        }
        return nil
    }

    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return .error("not valid YAML: \(detail)", at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))",
                at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        default:
            return .error("not valid YAML: \(error)", at: SourceLocation(file: file, line: 1))
        }
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 1) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    mutating func error(_ node: Node?, _ message: String) {
        diagnostics.append(.error(message, at: location(node)))
    }

    mutating func warning(_ node: Node?, _ message: String) {
        diagnostics.append(.warning(message, at: location(node)))
    }

    /// The pairs of a mapping with string keys, in order; reports keys not in `allowed`.
    mutating func mapping(_ node: Node, what: String, allowed: [String]) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping (key: value lines), found \(Self.kind(node))")
            return nil
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error(keyNode, "\(what): keys must be plain names")
                continue
            }
            if !allowed.isEmpty, !allowed.contains(scalar.string) {
                error(
                    keyNode,
                    "\(what): unknown key '\(scalar.string)'\(Suggestions.hint(Suggestions.closest(to: scalar.string, in: allowed))); expected one of: \(allowed.joined(separator: ", "))")
                continue
            }
            pairs.append((scalar.string, keyNode, value))
        }
        return pairs
    }

    /// A string scalar (any scalar style), or nil with an error.
    mutating func string(_ node: Node, what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(node, "\(what) must be a string, found \(Self.kind(node))")
            return nil
        }
        return scalar.string
    }

    /// A non-empty string after trimming.
    mutating func text(_ node: Node, what: String) -> String? {
        guard let s = string(node, what: what) else { return nil }
        let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            error(node, "\(what) must not be empty")
            return nil
        }
        return trimmed
    }

    /// A string, or a sequence of strings.
    mutating func strings(_ node: Node, what: String) -> [String]? {
        switch node {
        case .scalar(let scalar): return [scalar.string]
        case .sequence(let sequence):
            var out: [String] = []
            for element in sequence {
                guard let s = string(element, what: "each entry of \(what)") else { return nil }
                out.append(s)
            }
            if out.isEmpty {
                error(node, "\(what) must not be empty")
                return nil
            }
            return out
        default:
            error(node, "\(what) must be a string or a list of strings, found \(Self.kind(node))")
            return nil
        }
    }

    /// A plain `true`/`false`.
    mutating func bool(_ node: Node, what: String) -> Bool? {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            switch scalar.string {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        error(node, "\(what) must be true or false")
        return nil
    }

    /// A number (plain scalar).
    mutating func number(_ node: Node, what: String) -> Double? {
        if case .scalar(let scalar) = node, scalar.style == .plain, let value = Double(scalar.string.replacingOccurrences(of: "_", with: "")) {
            return value
        }
        error(node, "\(what) must be a number")
        return nil
    }

    /// A scalar as a JSON value: plain `true`/`false`/numbers/`null` are typed, anything else (and
    /// anything quoted) is a string.
    mutating func value(_ node: Node, what: String) -> JSON? {
        guard case .scalar(let scalar) = node else {
            error(node, "\(what) must be a single value (a string, number or true/false), found \(Self.kind(node))")
            return nil
        }
        return Self.json(scalar)
    }

    static func json(_ scalar: Node.Scalar) -> JSON {
        let s = scalar.string
        guard scalar.style == .plain else { return .string(s) }
        switch s {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "null", "~": return .null
        default: break
        }
        if let i = Int(s) { return .int(i) }
        if let d = Double(s), s.contains(where: { $0.isNumber }) { return .double(d) }
        return .string(s)
    }

    static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

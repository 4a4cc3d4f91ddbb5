import Yams

/// Helpers to read a composed YAML tree while keeping line numbers for messages.
struct YAMLDocument {
    let file: String
    var diagnostics: [ScaffoldDiagnostic] = []

    init(file: String) {
        self.file = file
    }

    /// Composes `text`; a syntax error becomes one diagnostic with its line and column.
    mutating func compose(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                error(nil, "the file is empty")
                return nil
            }
            return node
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, file: file))
            return nil
        } catch {
            self.error(nil, "not valid YAML: \(error)")
            return nil
        }
    }

    static func diagnostic(for error: YamlError, file: String) -> ScaffoldDiagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return ScaffoldDiagnostic(file: file, line: mark.line, column: mark.column, "not valid YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScaffoldDiagnostic(
                file: file, line: context.mark.line, column: context.mark.column,
                "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return ScaffoldDiagnostic(file: file, "not valid YAML: \(problem)")
        default:
            return ScaffoldDiagnostic(file: file, "not valid YAML: \(error)")
        }
    }

    mutating func error(_ node: Node?, _ message: String) {
        diagnostics.append(ScaffoldDiagnostic(file: file, line: node?.mark?.line, column: node?.mark?.column, message))
    }

    /// The pairs of a mapping, with string keys; reports keys not in `allowed`.
    mutating func mapping(_ node: Node, what: String, allowed: [String]) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping")
            return nil
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error(keyNode, "\(what): keys must be plain names")
                continue
            }
            if !allowed.isEmpty, !allowed.contains(scalar.string) {
                error(keyNode, "\(what): unknown key '\(scalar.string)' (expected one of: \(allowed.joined(separator: ", ")))")
                continue
            }
            pairs.append((scalar.string, keyNode, value))
        }
        return pairs
    }

    mutating func string(_ node: Node, what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(node, "\(what) must be a string")
            return nil
        }
        return scalar.string
    }

    mutating func integer(_ node: Node, what: String) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
            error(node, "\(what) must be an integer")
            return nil
        }
        return value
    }

    mutating func boolean(_ node: Node, what: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Self.bool(scalar.string) else {
            error(node, "\(what) must be true or false")
            return nil
        }
        return value
    }

    mutating func strings(_ node: Node, what: String) -> [String]? {
        guard case .sequence(let sequence) = node else {
            error(node, "\(what) must be a list")
            return nil
        }
        var result: [String] = []
        for item in sequence {
            if let s = string(item, what: "each item of \(what)") { result.append(s) }
        }
        return result
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// A scalar or list node as a value of `type`, or a message saying why it is not one.
    static func value(_ node: Node, as type: ParameterType) -> Result<AnswerValue, TypeMismatch> {
        switch (type, node) {
        case (.string, .scalar(let s)), (.choice, .scalar(let s)):
            if s.style == .plain, s.string == "~" || s.string == "null" || s.string.isEmpty, type == .choice {
                return .failure(TypeMismatch(expected: "one of the choices", found: "null"))
            }
            return .success(.string(s.string))
        case (.integer, .scalar(let s)):
            guard s.style == .plain, let i = Int(s.string) else {
                return .failure(TypeMismatch(expected: "an integer", found: Self.describe(node)))
            }
            return .success(.integer(i))
        case (.boolean, .scalar(let s)):
            guard s.style == .plain, let b = bool(s.string) else {
                return .failure(TypeMismatch(expected: "true or false", found: Self.describe(node)))
            }
            return .success(.boolean(b))
        case (.list, .sequence(let seq)):
            var items: [String] = []
            for item in seq {
                guard case .scalar(let s) = item else {
                    return .failure(TypeMismatch(expected: "a list of strings", found: "a nested " + Self.describe(item)))
                }
                items.append(s.string)
            }
            return .success(.list(items))
        case (.list, _):
            return .failure(TypeMismatch(expected: "a list", found: Self.describe(node)))
        default:
            return .failure(TypeMismatch(expected: type == .integer ? "an integer" : "a \(type.rawValue)", found: Self.describe(node)))
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "\"\(s.string)\""
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .alias: return "alias"
        }
    }
}

struct TypeMismatch: Error {
    var expected: String
    var found: String
}

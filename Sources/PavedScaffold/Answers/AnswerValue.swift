import Mustache

/// A typed parameter value.
public enum AnswerValue: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A `string` or `choice` value.
    case string(String)
    /// An `integer` value.
    case integer(Int)
    /// A `boolean` value.
    case boolean(Bool)
    /// A `list` value (a list of strings).
    case list([String])

    /// How the value reads in messages: strings quoted, lists in brackets.
    public var description: String {
        switch self {
        case .string(let s): return "\"\(s)\""
        case .integer(let i): return String(i)
        case .boolean(let b): return b ? "true" : "false"
        case .list(let items): return "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
    }

    /// The value as a Mustache context object. An empty string is falsy in sections (`{{#x}}`
    /// skips, `{{^x}}` renders), so optional text parameters can fall back to a default.
    var mustacheValue: Any {
        switch self {
        case .string(let s): return s.isEmpty ? EmptyText() : s
        case .integer(let i): return i
        case .boolean(let b): return b
        case .list(let items): return items
        }
    }
}

/// An empty string as Mustache sees it: renders as nothing and is false in sections.
struct EmptyText: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

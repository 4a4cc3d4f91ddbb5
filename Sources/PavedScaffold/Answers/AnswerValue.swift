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

    /// The value as a Mustache context object (text is wrapped at render time so that an empty
    /// string is false in sections and transforms work).
    var mustacheValue: Any {
        switch self {
        case .string(let s): return s
        case .integer(let i): return i
        case .boolean(let b): return b
        case .list(let items): return items
        }
    }
}

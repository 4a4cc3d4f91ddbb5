/// A `when` condition: a small boolean expression over parameter values.
///
/// Grammar (keywords and symbols are interchangeable):
///
/// ```
/// expr    := or
/// or      := and (("||" | "or") and)*
/// and     := not (("&&" | "and") not)*
/// not     := ("!" | "not") not | compare
/// compare := operand (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in") operand)?
/// operand := IDENT | "string" | 'string' | INT | true | false | "[" operand ("," operand)* "]" | "(" expr ")"
/// ```
///
/// Examples: `warehouse == "snowflake"`, `tier <= 2 and enable_alerts`, `"pii" in tags`,
/// `not (warehouse in ["duckdb", "postgres"])`. A parameter that is inactive (its own `when` is
/// false) has no value: it compares unequal to everything and is false.
public indirect enum TemplateCondition: Equatable, Sendable, CustomStringConvertible {
    /// A parameter reference.
    case parameter(String)
    /// A literal value.
    case literal(AnswerValue)
    /// A list literal.
    case listLiteral([TemplateCondition])
    /// `!x`.
    case not(TemplateCondition)
    /// `a && b`.
    case and(TemplateCondition, TemplateCondition)
    /// `a || b`.
    case or(TemplateCondition, TemplateCondition)
    /// A comparison.
    case compare(TemplateCondition, Operator, TemplateCondition)

    /// Comparison operators.
    public enum Operator: String, Equatable, Sendable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case contains = "in"
        case notContains = "not in"
    }

    public var description: String {
        switch self {
        case .parameter(let name): return name
        case .literal(let value): return value.description
        case .listLiteral(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .not(let inner): return "not (\(inner))"
        case .and(let a, let b): return "(\(a) and \(b))"
        case .or(let a, let b): return "(\(a) or \(b))"
        case .compare(let a, let op, let b): return "\(a) \(op.rawValue) \(b)"
        }
    }

    /// Every parameter name the condition reads.
    public var parameterNames: [String] {
        switch self {
        case .parameter(let name): return [name]
        case .literal: return []
        case .listLiteral(let items): return items.flatMap(\.parameterNames)
        case .not(let inner): return inner.parameterNames
        case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b): return a.parameterNames + b.parameterNames
        }
    }

    /// String literals compared (with `==`, `!=`, `in`) against a parameter, for checking them
    /// against a `choice` parameter's choices: (parameter, literal).
    var comparedLiterals: [(String, String)] {
        switch self {
        case .compare(.parameter(let p), let op, let other), .compare(let other, let op, .parameter(let p)):
            guard op == .equal || op == .notEqual || op == .contains || op == .notContains else { return [] }
            switch other {
            case .literal(.string(let s)): return [(p, s)]
            case .listLiteral(let items):
                return items.compactMap { if case .literal(.string(let s)) = $0 { return (p, s) } else { return nil } }
            default: return []
            }
        case .not(let inner): return inner.comparedLiterals
        case .and(let a, let b), .or(let a, let b): return a.comparedLiterals + b.comparedLiterals
        default: return []
        }
    }

    // MARK: Evaluation

    private enum Evaluated: Equatable {
        case value(AnswerValue)
        case list([Evaluated])
        case missing

        var truthy: Bool {
            switch self {
            case .missing: return false
            case .list(let items): return !items.isEmpty
            case .value(.boolean(let b)): return b
            case .value(.integer(let i)): return i != 0
            case .value(.string(let s)): return !s.isEmpty
            case .value(.list(let items)): return !items.isEmpty
            }
        }

        var elements: [Evaluated]? {
            switch self {
            case .list(let items): return items
            case .value(.list(let items)): return items.map { .value(.string($0)) }
            default: return nil
            }
        }
    }

    /// Evaluates the condition against `values` (active parameters only).
    public func evaluate(_ values: [String: AnswerValue]) -> Bool {
        evaluated(values).truthy
    }

    private func evaluated(_ values: [String: AnswerValue]) -> Evaluated {
        switch self {
        case .parameter(let name): return values[name].map(Evaluated.value) ?? .missing
        case .literal(let value): return .value(value)
        case .listLiteral(let items): return .list(items.map { $0.evaluated(values) })
        case .not(let inner): return .value(.boolean(!inner.evaluated(values).truthy))
        case .and(let a, let b): return .value(.boolean(a.evaluated(values).truthy && b.evaluated(values).truthy))
        case .or(let a, let b): return .value(.boolean(a.evaluated(values).truthy || b.evaluated(values).truthy))
        case .compare(let a, let op, let b):
            let left = a.evaluated(values)
            let right = b.evaluated(values)
            return .value(.boolean(Self.compare(left, op, right)))
        }
    }

    private static func compare(_ left: Evaluated, _ op: Operator, _ right: Evaluated) -> Bool {
        switch op {
        case .equal: return left != .missing && right != .missing && left == right
        case .notEqual: return !(left != .missing && right != .missing && left == right)
        case .contains: return right.elements?.contains(left) ?? false
        case .notContains: return !(right.elements?.contains(left) ?? false)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard case .value(.integer(let l)) = left, case .value(.integer(let r)) = right else { return false }
            switch op {
            case .less: return l < r
            case .lessOrEqual: return l <= r
            case .greater: return l > r
            default: return l >= r
            }
        }
    }

    // MARK: Parsing

    /// Parses a condition; on failure the error says what was expected and at which character
    /// (1-based) of the expression.
    public static func parse(_ text: String) throws(ConditionSyntaxError) -> TemplateCondition {
        var parser = ConditionParser(tokens: try ConditionParser.tokenize(text), source: text)
        let condition = try parser.parseOr()
        if let extra = parser.peek {
            throw ConditionSyntaxError(offset: extra.offset, message: "unexpected '\(extra.text)'")
        }
        return condition
    }
}

/// A `when` expression that does not parse.
public struct ConditionSyntaxError: Error, Equatable, Sendable {
    /// 1-based character position in the expression.
    public var offset: Int
    /// What went wrong.
    public var message: String
}

private struct ConditionParser {
    enum Kind: Equatable { case identifier, string, integer, symbol }
    struct Token { var kind: Kind; var text: String; var offset: Int }

    var tokens: [Token]
    var position = 0
    let source: String

    var peek: Token? { position < tokens.count ? tokens[position] : nil }

    static func tokenize(_ text: String) throws(ConditionSyntaxError) -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" { i += 1; continue }
            let start = i
            if c.isLetter || c == "_" {
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
                tokens.append(Token(kind: .identifier, text: String(chars[start..<i]), offset: start + 1))
            } else if c.isNumber || (c == "-" && i + 1 < chars.count && chars[i + 1].isNumber) {
                i += 1
                while i < chars.count, chars[i].isNumber { i += 1 }
                tokens.append(Token(kind: .integer, text: String(chars[start..<i]), offset: start + 1))
            } else if c == "\"" || c == "'" {
                i += 1
                var value = ""
                while i < chars.count, chars[i] != c {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    value.append(chars[i])
                    i += 1
                }
                guard i < chars.count else {
                    throw ConditionSyntaxError(offset: start + 1, message: "unterminated string")
                }
                i += 1
                tokens.append(Token(kind: .string, text: value, offset: start + 1))
            } else {
                let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
                if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
                    tokens.append(Token(kind: .symbol, text: two, offset: start + 1))
                    i += 2
                } else if "<>!()[],".contains(c) {
                    tokens.append(Token(kind: .symbol, text: String(c), offset: start + 1))
                    i += 1
                } else {
                    throw ConditionSyntaxError(offset: start + 1, message: "unexpected character '\(c)'")
                }
            }
        }
        return tokens
    }

    mutating func take(_ text: String) -> Bool {
        if let t = peek, t.text == text, t.kind == .symbol || t.kind == .identifier {
            position += 1
            return true
        }
        return false
    }

    mutating func parseOr() throws(ConditionSyntaxError) -> TemplateCondition {
        var left = try parseAnd()
        while take("||") || take("or") { left = .or(left, try parseAnd()) }
        return left
    }

    mutating func parseAnd() throws(ConditionSyntaxError) -> TemplateCondition {
        var left = try parseNot()
        while take("&&") || take("and") { left = .and(left, try parseNot()) }
        return left
    }

    mutating func parseNot() throws(ConditionSyntaxError) -> TemplateCondition {
        if take("!") || take("not") { return .not(try parseNot()) }
        return try parseCompare()
    }

    mutating func parseCompare() throws(ConditionSyntaxError) -> TemplateCondition {
        let left = try parseOperand()
        let operators: [(String, TemplateCondition.Operator)] = [
            ("==", .equal), ("!=", .notEqual), ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("<", .less),
            (">", .greater), ("in", .contains),
        ]
        for (text, op) in operators where take(text) {
            return .compare(left, op, try parseOperand())
        }
        if let t = peek, t.text == "not", position + 1 < tokens.count, tokens[position + 1].text == "in" {
            position += 2
            return .compare(left, .notContains, try parseOperand())
        }
        return left
    }

    mutating func parseOperand() throws(ConditionSyntaxError) -> TemplateCondition {
        guard let token = peek else {
            throw ConditionSyntaxError(offset: source.count + 1, message: "expected a value at the end")
        }
        position += 1
        switch token.kind {
        case .string: return .literal(.string(token.text))
        case .integer:
            guard let n = Int(token.text) else {
                throw ConditionSyntaxError(offset: token.offset, message: "integer '\(token.text)' is too large")
            }
            return .literal(.integer(n))
        case .identifier:
            switch token.text {
            case "true": return .literal(.boolean(true))
            case "false": return .literal(.boolean(false))
            case "and", "or", "not", "in":
                throw ConditionSyntaxError(offset: token.offset, message: "expected a value, found '\(token.text)'")
            default: return .parameter(token.text)
            }
        case .symbol:
            if token.text == "(" {
                let inner = try parseOr()
                guard take(")") else {
                    throw ConditionSyntaxError(offset: peek?.offset ?? source.count + 1, message: "expected ')'")
                }
                return inner
            }
            if token.text == "[" {
                var items: [TemplateCondition] = []
                if take("]") { return .listLiteral([]) }
                repeat { items.append(try parseOperand()) } while take(",")
                guard take("]") else {
                    throw ConditionSyntaxError(offset: peek?.offset ?? source.count + 1, message: "expected ']'")
                }
                return .listLiteral(items)
            }
            throw ConditionSyntaxError(offset: token.offset, message: "expected a value, found '\(token.text)'")
        }
    }
}

/// Reads the expressions inside Terraform JSON string values, far enough to find references.
///
/// In Terraform's JSON syntax every string is a template: `${ … }` interpolates an expression,
/// `%{ … }` is a directive, and `$${` / `%%{` are the literal text `${` / `%{`. This is not a full
/// HCL parser: it finds the expressions, and in them the traversals (`aws_s3_bucket.raw.arn`,
/// `data.aws_region.current.name`, `aws_s3_bucket.logs[0].id`) that name resources.
enum TemplateScanner {
    enum Kind: Equatable {
        /// No interpolation or directive: a literal string.
        case literal
        /// Exactly one `${ … }` and nothing else: the value is the expression's, of any type.
        case wholeExpression
        /// Literal text mixed with interpolations or directives: a string.
        case template
    }

    /// The kind of `string`, and the text of each expression in it.
    static func analyze(_ string: String) -> (kind: Kind, expressions: [ArraySlice<UInt8>]) {
        let utf8 = string.utf8
        // Fast path: most strings hold neither `$` nor `%`.
        guard utf8.contains(where: { $0 == dollar || $0 == percent }) else { return (.literal, []) }
        let bytes = Array(utf8)
        var expressions: [ArraySlice<UInt8>] = []
        var interpolations = 0
        var directives = 0
        var hasLiteral = false
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == dollar || c == percent {
                if i + 2 < bytes.count, bytes[i + 1] == c, bytes[i + 2] == openBrace {
                    hasLiteral = true  // `$${` or `%%{`: literal text.
                    i += 3
                    continue
                }
                if i + 1 < bytes.count, bytes[i + 1] == openBrace, let close = matchingBrace(bytes, from: i + 2) {
                    var start = i + 2
                    var end = close
                    // Strip-markers: `${~ x ~}`.
                    if start < end, bytes[start] == tilde { start += 1 }
                    if end > start, bytes[end - 1] == tilde { end -= 1 }
                    expressions.append(bytes[start..<end])
                    if c == dollar { interpolations += 1 } else { directives += 1 }
                    i = close + 1
                    continue
                }
            }
            hasLiteral = true
            i += 1
        }
        if expressions.isEmpty { return (.literal, []) }
        if interpolations == 1, directives == 0, !hasLiteral { return (.wholeExpression, expressions) }
        return (.template, expressions)
    }

    /// The index of the `}` closing an interpolation whose content starts at `start`, skipping
    /// nested braces and quoted strings; nil when it is never closed.
    static func matchingBrace(_ bytes: [UInt8], from start: Int) -> Int? {
        var depth = 1
        var j = start
        while j < bytes.count {
            switch bytes[j] {
            case quote:
                j = skipQuoted(bytes, from: j)
                continue
            case openBrace:
                depth += 1
            case closeBrace:
                depth -= 1
                if depth == 0 { return j }
            default:
                break
            }
            j += 1
        }
        return nil
    }

    /// The index after the quoted string starting at `start` (a `"`).
    static func skipQuoted<C: RandomAccessCollection>(_ bytes: C, from start: C.Index) -> C.Index
    where C.Element == UInt8 {
        var j = bytes.index(after: start)
        while j < bytes.endIndex {
            let c = bytes[j]
            if c == backslash {
                j = bytes.index(j, offsetBy: 2, limitedBy: bytes.endIndex) ?? bytes.endIndex
                continue
            }
            if c == quote { return bytes.index(after: j) }
            j = bytes.index(after: j)
        }
        return bytes.endIndex
    }

    /// The traversals in an expression: each identifier not preceded by `.` with the attribute,
    /// index and splat steps after it. Quoted strings are skipped; function names are not
    /// traversals.
    static func traversals(in expression: ArraySlice<UInt8>) -> [Traversal] {
        var result: [Traversal] = []
        var i = expression.startIndex
        let end = expression.endIndex
        while i < end {
            let c = expression[i]
            if c == quote {
                i = skipQuoted(expression, from: i)
                continue
            }
            guard isIdentifierStart(c) else { i += 1; continue }
            if i > expression.startIndex {
                let before = expression[i - 1]
                if isIdentifierByte(before) || before == dot {
                    // Inside an identifier or number, or an attribute of something else.
                    while i < end, isIdentifierByte(expression[i]) { i += 1 }
                    continue
                }
            }
            var j = i
            while j < end, isIdentifierByte(expression[j]) { j += 1 }
            var traversal = Traversal(root: String(decoding: expression[i..<j], as: UTF8.self))
            steps: while j < end {
                switch expression[j] {
                case dot:
                    let next = j + 1
                    if next < end, expression[next] == star {
                        traversal.steps.append(.splat)
                        j = next + 1
                    } else if next < end, isIdentifierStart(expression[next]) {
                        var k = next
                        while k < end, isIdentifierByte(expression[k]) { k += 1 }
                        traversal.steps.append(.attribute(String(decoding: expression[next..<k], as: UTF8.self)))
                        j = k
                    } else if next < end, isDigit(expression[next]) {
                        var k = next
                        while k < end, isDigit(expression[k]) { k += 1 }
                        traversal.steps.append(.index)
                        j = k
                    } else {
                        break steps
                    }
                case openBracket:
                    guard let close = matchingBracket(expression, from: j + 1) else { break steps }
                    let inside = expression[(j + 1)..<close].filter { $0 != space }
                    traversal.steps.append(inside == [star] ? .splat : .index)
                    j = close + 1
                default:
                    break steps
                }
            }
            if j < end, expression[j] == openParen, traversal.steps.isEmpty {
                // A function call: its name is not a reference.
            } else {
                result.append(traversal)
            }
            i = j
        }
        return result
    }

    /// A bare traversal such as a `depends_on` entry (`aws_s3_bucket.raw`), or `${…}` around one.
    static func bareTraversal(_ string: String) -> Traversal? {
        var bytes = Array(string.utf8)[...]
        if bytes.starts(with: [dollar, openBrace]), bytes.last == closeBrace {
            bytes = bytes.dropFirst(2).dropLast()
        }
        let trimmed = bytes.drop(while: { $0 == space }).reversed().drop(while: { $0 == space }).reversed()
        let slice = ArraySlice(trimmed)
        let found = traversals(in: slice)
        guard found.count == 1, let first = found.first else { return nil }
        return first
    }

    static func matchingBracket(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        var depth = 1
        var j = start
        while j < bytes.endIndex {
            switch bytes[j] {
            case quote:
                j = skipQuoted(bytes, from: j)
                continue
            case openBracket: depth += 1
            case closeBracket:
                depth -= 1
                if depth == 0 { return j }
            default: break
            }
            j += 1
        }
        return nil
    }

    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_")
    }

    /// HCL identifiers may contain dashes.
    static func isIdentifierByte(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || isDigit(c) || c == UInt8(ascii: "-")
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    private static let dollar = UInt8(ascii: "$")
    private static let percent = UInt8(ascii: "%")
    private static let openBrace = UInt8(ascii: "{")
    private static let closeBrace = UInt8(ascii: "}")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")
    private static let openParen = UInt8(ascii: "(")
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let tilde = UInt8(ascii: "~")
    private static let dot = UInt8(ascii: ".")
    private static let star = UInt8(ascii: "*")
    private static let space = UInt8(ascii: " ")
}

/// A traversal in an expression: a root name and the steps after it.
struct Traversal: Equatable {
    enum Step: Equatable {
        case attribute(String)
        case index
        case splat
    }

    var root: String
    var steps: [Step] = []

    /// The attribute names of the steps, in order, ignoring indices and splats.
    var attributeNames: [String] {
        steps.compactMap { if case .attribute(let name) = $0 { return name } else { return nil } }
    }
}

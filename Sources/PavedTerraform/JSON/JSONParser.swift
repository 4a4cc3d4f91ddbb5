/// Parses UTF-8 JSON text (RFC 8259) into ``JSON``, recording where every value starts.
///
/// Foundation's parser gives no positions, so Paved has its own: every value gets its line and
/// column, keyed by its RFC 6901 pointer in the resulting ``JSONDocument``, so later stages can
/// say `main.tf.json:42 (at /resource/aws_s3_bucket/raw/versioning)`.
///
/// Malformed input is a ``JSONParseError`` with line, column and a message, never a crash:
///
///     let doc = try JSONParser().parseDocument(Array(text.utf8), file: "main.tf.json")
///     doc.position(at: "/resource/aws_s3_bucket/raw")?.line // 4
///
/// The parser is strict: no comments, no trailing commas, no duplicate keys in an object (Paved
/// never writes one, and a silently dropped duplicate would hide configuration from the
/// validator), valid UTF-8 only, unpaired UTF-16 surrogate escapes rejected. A leading UTF-8 byte
/// order mark is skipped. Numbers without a fraction or exponent that fit in `Int` become
/// ``JSON/int(_:)``; all others become ``JSON/double(_:)``.
///
/// Nesting is capped at ``maxDepth`` levels (an error, not a stack overflow, on hostile input).
public struct JSONParser: Sendable {
    /// The nesting depth allowed by default: far deeper than any Terraform configuration.
    public static let defaultMaxDepth = 512

    /// Arrays and objects nested deeper than this are an error.
    public var maxDepth: Int

    public init(maxDepth: Int = JSONParser.defaultMaxDepth) {
        self.maxDepth = max(1, maxDepth)
    }

    /// Parses `bytes` into a document that knows the position of every value.
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 JSON text.
    ///   - file: the name used in positions and errors (a display path such as `out/main.tf.json`).
    /// - Throws: ``JSONParseError`` for malformed input, with its line and column.
    public func parseDocument(_ bytes: [UInt8], file: String) throws(JSONParseError) -> JSONDocument {
        let result: Result<JSONDocument, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var state = ParserState(bytes: buffer, file: file, maxDepth: maxDepth, recordPositions: true)
            do throws(JSONParseError) {
                let root = try state.parseTopLevel()
                state.buildLookupTables()
                let document = JSONDocument(
                    file: file, root: root,
                    index: JSONPositionIndex(
                        nodes: state.nodes, keys: state.keys,
                        objectTables: state.objectTables, arrayTables: state.arrayTables))
                return .success(document)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses `text` into a document that knows the position of every value.
    public func parseDocument(_ text: String, file: String) throws(JSONParseError) -> JSONDocument {
        try parseDocument(Array(text.utf8), file: file)
    }

    /// Parses `bytes` into a value, without recording positions (a little faster).
    ///
    /// - Parameter file: the name used in errors.
    public func parse(_ bytes: [UInt8], file: String = "<input>") throws(JSONParseError) -> JSON {
        let result: Result<JSON, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var state = ParserState(bytes: buffer, file: file, maxDepth: maxDepth, recordPositions: false)
            do throws(JSONParseError) {
                return .success(try state.parseTopLevel())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses `text` into a value, without recording positions.
    public func parse(_ text: String, file: String = "<input>") throws(JSONParseError) -> JSON {
        try parse(Array(text.utf8), file: file)
    }
}

/// Malformed JSON: where, and what is wrong.
///
/// Its description is `file:line:column: error: message`, the form compilers and editors use.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file name given to the parser.
    public var file: String
    /// 1-based line of the offending byte.
    public var line: Int
    /// 1-based column (in Unicode scalars) of the offending byte.
    public var column: Int
    /// What is wrong, for example `expected ',' or '}' after an object member, found ']'`.
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Where the problem is, as a ``SourceLocation`` with a column.
    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// The error as a ``Diagnostic``.
    public var diagnostic: Diagnostic { .error(message, at: location) }

    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

// MARK: - Implementation

/// One parsed value in document order (pre-order): where it starts and where its subtree ends.
struct JSONNodeRecord: Sendable {
    /// 1-based line where the value starts; for an object member, where its key starts.
    var line: UInt32
    /// 1-based column, in Unicode scalars.
    var column: UInt32
    /// Byte offset of the same place.
    var offset: UInt32
    /// The index of the first node after this value's subtree.
    var end: UInt32
    /// Index into the lookup tables of large containers, or -1.
    var table: Int32
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")
private let newline = UInt8(ascii: "\n")

/// Containers with more children than this get a lookup table, so pointer lookups stay fast.
private let lookupTableThreshold = 8

private struct ParserState: ~Copyable {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    let maxDepth: Int
    let recordPositions: Bool

    var index = 0
    var line = 1
    /// Byte offset where the current line starts.
    var lineStart = 0
    /// UTF-8 continuation bytes seen on the current line (so columns count scalars, not bytes).
    var lineContinuationBytes = 0
    var depth = 0

    var nodes: [JSONNodeRecord] = []
    var keys: [String] = []
    var objectTables: [[String: Int32]] = []
    var arrayTables: [[Int32]] = []

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, maxDepth: Int, recordPositions: Bool) {
        self.bytes = bytes
        self.file = file
        self.maxDepth = maxDepth
        self.recordPositions = recordPositions
        if recordPositions {
            // A rough guess at the number of values; it only saves a few reallocations.
            let estimate = max(16, bytes.count / 40)
            nodes.reserveCapacity(estimate)
            keys.reserveCapacity(estimate)
        }
    }

    // MARK: Top level

    mutating func parseTopLevel() throws(JSONParseError) -> JSON {
        // Node indices are stored in 32 bits.
        guard bytes.count < Int(Int32.max) else {
            throw JSONParseError(file: file, line: 1, column: 1, message: "input is larger than 2 GiB")
        }
        // Skip a UTF-8 byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
            lineStart = 3
        }
        skipWhitespace()
        if index >= bytes.count {
            throw error(at: index, "empty input, expected a JSON value")
        }
        let value = try parseValue(key: "", start: nil)
        skipWhitespace()
        if index < bytes.count {
            throw error(at: index, "unexpected \(describe(at: index)) after the top-level value")
        }
        return value
    }

    // MARK: Values

    /// Parses the value at `index` (after whitespace). `start` is the position to record for it
    /// (its key's, for object members), or nil to record where the value itself starts.
    mutating func parseValue(key: String, start: JSONNodeRecord?) throws(JSONParseError) -> JSON {
        guard index < bytes.count else {
            throw error(at: index, "unexpected end of input, expected a value")
        }
        let nodeIndex = nodes.count
        if recordPositions {
            var record = start ?? currentRecord()
            record.end = UInt32(nodeIndex + 1)
            nodes.append(record)
            keys.append(key)
        }
        let value: JSON
        switch bytes[index] {
        case UInt8(ascii: "{"): value = try parseObject(nodeIndex: nodeIndex)
        case UInt8(ascii: "["): value = try parseArray(nodeIndex: nodeIndex)
        case quote: value = .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = try parseNumber()
        case UInt8(ascii: "t"): try parseLiteral("true"); value = .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); value = .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); value = .null
        default:
            throw error(at: index, "expected a value, found \(describe(at: index))")
        }
        if recordPositions {
            nodes[nodeIndex].end = UInt32(nodes.count)
        }
        return value
    }

    mutating func parseObject(nodeIndex: Int) throws(JSONParseError) -> JSON {
        let open = index
        try enterContainer(at: open)
        index += 1
        var members: [String: JSON] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            guard index < bytes.count else {
                throw error(at: open, "unclosed object: end of input before its closing '}'")
            }
            guard bytes[index] == quote else {
                throw error(at: index, "expected a string key in object, found \(describe(at: index))")
            }
            let keyStart = index
            let keyRecord = recordPositions ? currentRecord() : nil
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error(at: index, "expected ':' after object key \"\(key)\", found \(describe(at: index))")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(key: key, start: keyRecord)
            if members.updateValue(value, forKey: key) != nil {
                throw error(at: keyStart, "duplicate key \"\(key)\" in object")
            }
            skipWhitespace()
            guard index < bytes.count else {
                throw error(at: open, "unclosed object: end of input before its closing '}'")
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    throw error(at: index, "trailing comma before '}' in object")
                }
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                if recordPositions, members.count > lookupTableThreshold {
                    pendingObjectTables.append(Int32(nodeIndex))
                }
                return .object(members)
            default:
                throw error(at: index, "expected ',' or '}' after an object member, found \(describe(at: index))")
            }
        }
    }

    mutating func parseArray(nodeIndex: Int) throws(JSONParseError) -> JSON {
        let open = index
        try enterContainer(at: open)
        index += 1
        var elements: [JSON] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            guard index < bytes.count else {
                throw error(at: open, "unclosed array: end of input before its closing ']'")
            }
            elements.append(try parseValue(key: "", start: nil))
            skipWhitespace()
            guard index < bytes.count else {
                throw error(at: open, "unclosed array: end of input before its closing ']'")
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    throw error(at: index, "trailing comma before ']' in array")
                }
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                if recordPositions, elements.count > lookupTableThreshold {
                    pendingArrayTables.append(Int32(nodeIndex))
                }
                return .array(elements)
            default:
                throw error(at: index, "expected ',' or ']' after an array element, found \(describe(at: index))")
            }
        }
    }

    /// Large containers, whose lookup tables are built once parsing is done.
    var pendingObjectTables: [Int32] = []
    var pendingArrayTables: [Int32] = []

    mutating func buildLookupTables() {
        for nodeIndex in pendingObjectTables.map(Int.init) {
            var table: [String: Int32] = [:]
            var child = nodeIndex + 1
            let end = Int(nodes[nodeIndex].end)
            while child < end {
                table[keys[child]] = Int32(child)
                child = Int(nodes[child].end)
            }
            nodes[nodeIndex].table = Int32(objectTables.count)
            objectTables.append(table)
        }
        for nodeIndex in pendingArrayTables.map(Int.init) {
            var table: [Int32] = []
            var child = nodeIndex + 1
            let end = Int(nodes[nodeIndex].end)
            while child < end {
                table.append(Int32(child))
                child = Int(nodes[child].end)
            }
            nodes[nodeIndex].table = Int32(arrayTables.count)
            arrayTables.append(table)
        }
    }

    mutating func enterContainer(at offset: Int) throws(JSONParseError) {
        depth += 1
        if depth > maxDepth {
            throw error(at: offset, "nesting is deeper than \(maxDepth) levels")
        }
    }

    mutating func parseLiteral(_ word: StaticString) throws(JSONParseError) {
        let length = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected -> Bool in
            guard index + length <= bytes.count else { return false }
            for k in 0..<length where bytes[index + k] != expected[k] { return false }
            return true
        }
        guard matches else {
            throw error(at: index, "invalid literal, expected '\(word)'")
        }
        if index + length < bytes.count, isIdentifierByte(bytes[index + length]) {
            throw error(at: index, "invalid literal, expected '\(word)'")
        }
        index += length
    }

    // MARK: Numbers

    mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw error(at: start, "invalid number: '-' must be followed by a digit")
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error(at: start, "invalid number: leading zeros are not allowed")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(at: index, "invalid number: expected a digit after '.'")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error(at: index, "invalid number: expected a digit in the exponent")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, isIdentifierByte(bytes[index]) || bytes[index] == UInt8(ascii: ".") {
            throw error(at: index, "invalid number: unexpected \(describe(at: index))")
        }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
        if isInteger, let int = Self.parseInt(slice) {
            return .int(int)
        }
        let text = String(decoding: slice, as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw error(at: start, "number \(text) is out of range")
        }
        return .double(double)
    }

    /// The integer in `digits` (an optional '-' then digits), or nil when it overflows `Int`.
    static func parseInt(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        var negative = false
        var k = 0
        if digits[0] == UInt8(ascii: "-") { negative = true; k = 1 }
        var value = 0
        while k < digits.count {
            let digit = Int(digits[k] &- UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative
                ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = next
            k += 1
        }
        return value
    }

    // MARK: Strings

    /// Parses the string starting at the opening quote at `index`.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = index
        var k = index + 1
        var ascii = true
        // Fast path: no escapes.
        while k < bytes.count {
            let byte = bytes[k]
            if byte == quote {
                let slice = UnsafeBufferPointer(rebasing: bytes[(open + 1)..<k])
                if !ascii { try validateUTF8(slice, startingAt: open + 1) }
                index = k + 1
                return String(decoding: slice, as: UTF8.self)
            }
            if byte == backslash { return try parseEscapedString(open: open) }
            if byte < 0x20 { throw controlCharacterError(at: k) }
            if byte >= 0x80 { ascii = false }
            k += 1
        }
        throw error(at: open, "unclosed string: end of input before its closing quote")
    }

    /// The slow path for strings with escapes.
    mutating func parseEscapedString(open: Int) throws(JSONParseError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var k = open + 1
        var runStart = k
        while k < bytes.count {
            let byte = bytes[k]
            if byte == quote || byte == backslash {
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<k])
                try validateUTF8(run, startingAt: runStart)
                out.append(contentsOf: run)
                if byte == quote {
                    index = k + 1
                    return String(decoding: out, as: UTF8.self)
                }
                // An escape.
                guard k + 1 < bytes.count else { break }
                let escape = bytes[k + 1]
                switch escape {
                case quote: out.append(quote)
                case backslash: out.append(backslash)
                case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    let (scalar, length) = try parseUnicodeEscape(at: k)
                    appendUTF8(scalar, to: &out)
                    k += length
                    runStart = k
                    continue
                default:
                    throw error(at: k, "invalid escape sequence '\\\(describeByte(escape))' in string")
                }
                k += 2
                runStart = k
                continue
            }
            if byte < 0x20 { throw controlCharacterError(at: k) }
            k += 1
        }
        throw error(at: open, "unclosed string: end of input before its closing quote")
    }

    /// Parses `\uXXXX` (and a following low surrogate escape) at `k`: the scalar and bytes used.
    func parseUnicodeEscape(at k: Int) throws(JSONParseError) -> (UInt32, Int) {
        let high = try hex4(at: k)
        if high >= 0xD800, high <= 0xDBFF {
            guard k + 7 < bytes.count, bytes[k + 6] == backslash, bytes[k + 7] == UInt8(ascii: "u") else {
                throw error(at: k, "unpaired UTF-16 surrogate '\\u\(hexString(high))' in string")
            }
            let low = try hex4(at: k + 6)
            guard low >= 0xDC00, low <= 0xDFFF else {
                throw error(at: k, "unpaired UTF-16 surrogate '\\u\(hexString(high))' in string")
            }
            return (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), 12)
        }
        if high >= 0xDC00, high <= 0xDFFF {
            throw error(at: k, "unpaired UTF-16 surrogate '\\u\(hexString(high))' in string")
        }
        return (high, 6)
    }

    /// The value of the four hex digits after `\u` at `k`.
    func hex4(at k: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for offset in 2..<6 {
            guard k + offset < bytes.count else {
                throw error(at: k, "invalid escape sequence: '\\u' must be followed by four hex digits")
            }
            let byte = bytes[k + offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default:
                throw error(at: k, "invalid escape sequence: '\\u' must be followed by four hex digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Checks that `run` (raw string bytes starting at byte offset `base`) is valid UTF-8, and
    /// counts its continuation bytes so later columns on this line count scalars.
    mutating func validateUTF8(_ run: UnsafeBufferPointer<UInt8>, startingAt base: Int) throws(JSONParseError) {
        var k = 0
        while k < run.count {
            let lead = run[k]
            if lead < 0x80 { k += 1; continue }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
            default: throw error(at: base + k, "invalid UTF-8 in string")
            }
            guard k + length <= run.count else { throw error(at: base + k, "invalid UTF-8 in string") }
            for c in 1..<length {
                let byte = run[k + c]
                guard byte & 0xC0 == 0x80 else { throw error(at: base + k, "invalid UTF-8 in string") }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) {
                throw error(at: base + k, "invalid UTF-8 in string")
            }
            lineContinuationBytes += length - 1
            k += length
        }
    }

    // MARK: Whitespace and positions

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case newline:
                index += 1
                line += 1
                lineStart = index
                lineContinuationBytes = 0
            default:
                return
            }
        }
    }

    /// A record for the value starting at `index` (its `end` and `table` are filled in later).
    func currentRecord() -> JSONNodeRecord {
        JSONNodeRecord(
            line: UInt32(line), column: UInt32(index - lineStart - lineContinuationBytes + 1),
            offset: UInt32(index), end: 0, table: -1)
    }

    /// An error at byte `offset`. The column counts scalars.
    func error(at offset: Int, _ message: String) -> JSONParseError {
        var errorLine = line
        var start = lineStart
        if offset < lineStart {
            // An earlier line (an unclosed container): count from the beginning. Errors only.
            errorLine = 1
            start = 0
            for k in 0..<offset where bytes[k] == newline {
                errorLine += 1
                start = k + 1
            }
        }
        var column = 1
        var k = start
        while k < offset, k < bytes.count {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return JSONParseError(file: file, line: errorLine, column: column, message: message)
    }

    func controlCharacterError(at offset: Int) -> JSONParseError {
        let name = bytes[offset] == newline
            ? "a line break" : "control character U+\(hexString(UInt32(bytes[offset])))"
        return error(at: offset, "\(name) in a string must be escaped")
    }

    /// `'x'`, `end of input`, or `byte 0x80`, for messages.
    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        return "'\(describeByte(bytes[offset]))'"
    }

    func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x20, byte < 0x7F { return String(UnicodeScalar(byte)) }
        return "\\u{\(String(byte, radix: 16, uppercase: true))}"
    }

    func hexString(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || isDigit(byte) || byte == UInt8(ascii: "_")
    }
}

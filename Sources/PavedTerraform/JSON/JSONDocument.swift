import Foundation

/// A parsed JSON file: its value, and where every value in it starts.
///
/// Positions are looked up by RFC 6901 pointer. For an object member the position is where its
/// key starts (the line a reader looks for); for array elements and the root it is where the
/// value starts.
///
///     let doc = try JSONDocument.load(contentsOfFile: "out/dev/main.tf.json")
///     doc.position(at: "/resource/aws_s3_bucket/raw")    // line 12, column 7
///     doc.location(at: "/resource/aws_s3_bucket/raw")    // out/dev/main.tf.json:12:7
///
/// Lookups cost O(depth): large objects and arrays carry a lookup table.
public struct JSONDocument: Sendable {
    /// The name given when parsing, used in locations and messages.
    public var file: String
    /// The parsed value.
    public var root: JSON

    let index: JSONPositionIndex

    init(file: String, root: JSON, index: JSONPositionIndex) {
        self.file = file
        self.root = root
        self.index = index
    }

    /// Parses `bytes` (UTF-8 JSON) into a document; `file` names it in positions and errors.
    ///
    /// - Throws: ``JSONParseError`` with line and column when the text is not valid JSON.
    public init(parsing bytes: [UInt8], file: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        self = try JSONParser(maxDepth: maxDepth).parseDocument(bytes, file: file)
    }

    /// Parses `text` into a document; `file` names it in positions and errors.
    public init(parsing text: String, file: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        self = try JSONParser(maxDepth: maxDepth).parseDocument(Array(text.utf8), file: file)
    }

    /// Reads and parses the file at `path`.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - displayName: the name to use in positions and messages; defaults to `path`.
    /// - Throws: ``JSONFileError`` when the file cannot be read, ``JSONParseError`` when it is not
    ///   valid JSON.
    public static func load(contentsOfFile path: String, displayName: String? = nil) throws -> JSONDocument {
        let bytes = try JSONFileError.read(path, displayName: displayName)
        return try JSONDocument(parsing: bytes, file: displayName ?? path)
    }

    /// Where the value at `pointer` starts, or nil when no value is there (or the pointer is malformed).
    public func position(at pointer: String) -> JSONPosition? {
        guard let tokens = JSONPointer.tokens(pointer) else { return nil }
        return position(at: tokens)
    }

    /// Where the value at the (unescaped) `tokens` starts, or nil when no value is there.
    public func position(at tokens: [String]) -> JSONPosition? {
        guard let node = index.node(at: tokens, in: root) else { return nil }
        let record = index.nodes[node]
        return JSONPosition(line: Int(record.line), column: Int(record.column), offset: Int(record.offset))
    }

    /// The line where the value at `pointer` starts, or nil.
    public func line(at pointer: String) -> Int? { position(at: pointer)?.line }

    /// `file:line:column` of the value at `pointer`, or nil.
    public func location(at pointer: String) -> SourceLocation? {
        guard let position = position(at: pointer) else { return nil }
        return SourceLocation(file: file, line: position.line, column: position.column)
    }

    /// `file:line:column` of the value at `pointer`; when nothing is there, of its nearest
    /// existing ancestor (so a "missing attribute" finding points at the enclosing block).
    public func nearestLocation(at pointer: String) -> SourceLocation {
        guard var tokens = JSONPointer.tokens(pointer) else { return SourceLocation(file: file, line: 1, column: 1) }
        while true {
            if let position = position(at: tokens) {
                return SourceLocation(file: file, line: position.line, column: position.column)
            }
            if tokens.isEmpty { return SourceLocation(file: file, line: 1, column: 1) }
            tokens.removeLast()
        }
    }

    /// The value at `pointer`, or nil.
    public func value(at pointer: String) -> JSON? {
        guard let tokens = JSONPointer.tokens(pointer) else { return nil }
        var current = root
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let elements):
                guard let i = JSONPointer.arrayIndex(token), i < elements.count else { return nil }
                current = elements[i]
            default:
                return nil
            }
        }
        return current
    }

    /// The number of values in the document (every object, array, string, number, bool and null).
    public var valueCount: Int { index.nodes.count }
}

/// Where a JSON value starts in its text.
public struct JSONPosition: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int
    /// 0-based byte offset.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A JSON file that could not be read.
public struct JSONFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path as given (or its display name).
    public var file: String
    /// Why, for example `no such file`.
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): error: cannot read file: \(reason)" }

    /// The error as a ``Diagnostic``.
    public var diagnostic: Diagnostic { .error("cannot read file: \(reason)", at: SourceLocation(file: file, line: 1)) }

    /// The bytes of the file at `path`.
    static func read(_ path: String, displayName: String?) throws(JSONFileError) -> [UInt8] {
        let name = displayName ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw JSONFileError(file: name, reason: "no such file")
        }
        if isDirectory.boolValue { throw JSONFileError(file: name, reason: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JSONFileError(file: name, reason: "permission denied or unreadable")
        }
        return [UInt8](data)
    }
}

/// The positions of every value of a document, in document order, with lookup tables for
/// large containers.
struct JSONPositionIndex: Sendable {
    var nodes: [JSONNodeRecord]
    /// The member key of each node ("" for array elements and the root).
    var keys: [String]
    var objectTables: [[String: Int32]]
    var arrayTables: [[Int32]]

    /// No positions: every lookup gives nil.
    static let none = JSONPositionIndex(nodes: [], keys: [], objectTables: [], arrayTables: [])

    /// The node index of the value at `tokens`, walking `root` alongside to know each kind.
    func node(at tokens: [String], in root: JSON) -> Int? {
        guard !nodes.isEmpty else { return nil }
        var node = 0
        var value = root
        for token in tokens {
            let record = nodes[node]
            switch value {
            case .object(let members):
                guard let next = members[token] else { return nil }
                if record.table >= 0 {
                    guard let child = objectTables[Int(record.table)][token] else { return nil }
                    node = Int(child)
                } else {
                    var child = node + 1
                    while child < Int(record.end), keys[child] != token { child = Int(nodes[child].end) }
                    guard child < Int(record.end) else { return nil }
                    node = child
                }
                value = next
            case .array(let elements):
                guard let i = JSONPointer.arrayIndex(token), i < elements.count else { return nil }
                if record.table >= 0 {
                    node = Int(arrayTables[Int(record.table)][i])
                } else {
                    var child = node + 1
                    for _ in 0..<i { child = Int(nodes[child].end) }
                    node = child
                }
                value = elements[i]
            default:
                return nil
            }
        }
        return node
    }
}

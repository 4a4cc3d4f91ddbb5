/// Where something was declared: the user's Swift `file:line` for DSL values, or a file on disk.
///
/// `file` is what users read in messages and what Paved writes into output: for DSL values it is
/// `#fileID` (`Module/File.swift`), never an absolute path, so output is the same on every machine.
/// `filePath` (from `#filePath`) is kept for tools that need a real path (SARIF); it is never rendered.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?
    public var filePath: String?

    public init(file: String, line: Int, column: Int? = nil, filePath: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.filePath = filePath
    }

    /// The location of a DSL call: pass the defaulted `#fileID`, `#filePath`, `#line` through.
    public init(fileID: StaticString, filePath: StaticString, line: UInt) {
        self.init(file: "\(fileID)", line: Int(line), filePath: "\(filePath)")
    }

    /// `File.swift:12` (or `file:12:3` when a column is known).
    public var description: String {
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }

    public static func == (a: SourceLocation, b: SourceLocation) -> Bool {
        a.file == b.file && a.line == b.line && a.column == b.column
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(column)
    }
}

/// A problem found in user input, with where it was declared.
///
/// Stages never stop at the first problem: they return every diagnostic they find, and the CLI
/// prints them all as `File.swift:12: error: message`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// For problems in JSON files: the RFC 6901 pointer of the offending value.
    public var jsonPointer: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil, jsonPointer: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.jsonPointer = jsonPointer
    }

    public static func error(_ message: String, at location: SourceLocation? = nil, jsonPointer: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, jsonPointer: jsonPointer)
    }

    public static func warning(_ message: String, at location: SourceLocation? = nil, jsonPointer: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, jsonPointer: jsonPointer)
    }

    /// `File.swift:12: error: message` — the form compilers use, so editors can jump to it.
    public var description: String {
        var prefix = ""
        if let location { prefix = "\(location): " }
        var suffix = ""
        if let jsonPointer { suffix = " (at \(jsonPointer.isEmpty ? "/" : jsonPointer))" }
        return "\(prefix)\(severity.rawValue): \(message)\(suffix)"
    }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// Thrown by a stage that cannot produce output: carries every diagnostic it found.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

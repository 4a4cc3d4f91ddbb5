/// One problem found in a template, an answers file or a request, with where it was found.
///
/// `description` reads like a compiler message: `template.yaml:12:5: error: parameter 'tier': ...`.
public struct ScaffoldDiagnostic: Equatable, Sendable, CustomStringConvertible {
    /// The file the problem is in, as the user named it (or relative to the templates folder).
    public var file: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// What is wrong, naming the parameter or path and the rule it breaks.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            location += ": "
        }
        return "\(location)error: \(message)"
    }
}

/// Everything that can go wrong in scaffolding, as one error carrying every problem found.
///
/// Validation never stops at the first problem: a manifest, an answers file and a set of answers
/// are checked completely and all problems are reported together, in a stable order.
public struct ScaffoldError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure, for callers that choose an exit code.
    public enum Kind: Equatable, Sendable {
        /// Bad input: a manifest, answers, a path, a flag. The user can fix it.
        case invalidInput
        /// A three-way update left conflicts (the repository is in `git merge`'s conflict state).
        case conflicts
        /// The file system or libgit2 failed.
        case io
    }

    /// The kind of failure.
    public var kind: Kind
    /// The problems, in the order found.
    public var diagnostics: [ScaffoldDiagnostic]

    /// Creates an error from diagnostics.
    public init(_ kind: Kind = .invalidInput, _ diagnostics: [ScaffoldDiagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }

    /// Creates an error with a single message.
    public init(_ kind: Kind = .invalidInput, file: String? = nil, line: Int? = nil, _ message: String) {
        self.init(kind, [ScaffoldDiagnostic(file: file, line: line, message)])
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

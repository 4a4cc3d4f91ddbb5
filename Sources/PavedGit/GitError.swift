import Clibgit2

/// A libgit2 call that failed, turned into a value with a readable message.
///
/// `operation` says what Paved was doing ("create the commit"), `message` is libgit2's own text,
/// and `code`/`errorClass` are libgit2's numbers for callers that need to tell cases apart.
public struct GitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What Paved was doing, phrased to follow "could not", e.g. "initialise the repository at /x".
    public let operation: String
    /// libgit2's return code (`GIT_ENOTFOUND`, `GIT_EEXISTS`, ...), or -1 for generic failures.
    public let code: Int32
    /// libgit2's error class (`GIT_ERROR_OS`, `GIT_ERROR_REFERENCE`, ...), 0 when unknown.
    public let errorClass: Int32
    /// libgit2's message, or a generic one when libgit2 gave none.
    public let message: String

    /// Creates an error by hand (used for conditions Paved itself detects).
    public init(operation: String, code: Int32 = -1, errorClass: Int32 = 0, message: String) {
        self.operation = operation
        self.code = code
        self.errorClass = errorClass
        self.message = message
    }

    public var description: String {
        "could not \(operation): \(message)"
    }
}

/// Reads libgit2's thread-local last error right after a failing call. Never `await` between the
/// call and this check: the error is per thread.
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(GitError) {
    guard result < 0 else { return }
    throw lastError(code: result, operation: operation())
}

func lastError(code: Int32, operation: String) -> GitError {
    if let last = git_error_last(), let text = last.pointee.message {
        let message = String(cString: text).trimmingTrailingNewlines()
        return GitError(operation: operation, code: code, errorClass: last.pointee.klass, message: message)
    }
    return GitError(operation: operation, code: code, message: "libgit2 error \(code)")
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}

import Clibgit2

/// Who made a commit or tag, and when.
public struct Signature: Equatable, Sendable {
    /// The person's name, e.g. "Ada Lovelace".
    public var name: String
    /// The e-mail address, without angle brackets.
    public var email: String
    /// Seconds since 1970-01-01T00:00:00Z.
    public var time: Int64
    /// The time-zone offset from UTC in minutes (e.g. 120 for +02:00).
    public var offsetMinutes: Int32

    /// Creates a signature.
    public init(name: String, email: String, time: Int64, offsetMinutes: Int32 = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// Calls `body` with a libgit2 signature built from this value, freed afterwards.
    func withGitSignature<T>(_ body: (UnsafeMutablePointer<git_signature>) throws -> T) throws -> T {
        var sig: UnsafeMutablePointer<git_signature>?
        try check(
            git_signature_new(&sig, name, email, git_time_t(time), offsetMinutes),
            "use the signature \"\(name) <\(email)>\"")
        guard let sig else {
            throw GitError(operation: "use the signature \"\(name) <\(email)>\"", message: "libgit2 returned no signature")
        }
        defer { git_signature_free(sig) }
        return try body(sig)
    }
}

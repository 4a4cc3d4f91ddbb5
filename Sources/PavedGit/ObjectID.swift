import Clibgit2

/// A git object id (SHA-1), as 20 raw bytes; `description` is the 40-digit hex form.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    /// The 20 raw bytes.
    public let bytes: [UInt8]

    init(_ oid: git_oid) {
        var oid = oid
        self.bytes = withUnsafeBytes(of: &oid.id) { Array($0) }
    }

    /// Parses a 40-digit hex id; `nil` when `hex` is not one.
    public init?(hex: String) {
        var oid = git_oid()
        guard hex.utf8.count == 40, git_oid_fromstr(&oid, hex) == 0 else { return nil }
        self.init(oid)
    }

    var raw: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { dst in
            for (i, byte) in bytes.enumerated() where i < dst.count { dst[i] = byte }
        }
        return oid
    }

    public var description: String {
        let digits: [Character] = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(40)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return out
    }
}

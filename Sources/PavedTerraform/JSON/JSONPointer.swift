/// RFC 6901 JSON pointers: `/resource/aws_s3_bucket/raw/versioning`, `/output/0`.
///
/// A pointer is a string of `/`-prefixed reference tokens; inside a token `~` is written `~0` and
/// `/` is written `~1`. The empty string points at the whole document.
public enum JSONPointer {
    /// The token for `key`, escaped for use in a pointer (`a/b` → `a~1b`, `a~b` → `a~0b`).
    public static func escape(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            return key
        }
        var out = ""
        out.reserveCapacity(key.utf8.count + 2)
        for scalar in key.unicodeScalars {
            switch scalar {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The pointer made of `tokens` (unescaped keys or decimal array indices).
    ///
    ///     JSONPointer.make(["resource", "aws_s3_bucket", "raw"]) // "/resource/aws_s3_bucket/raw"
    public static func make<S: Sequence>(_ tokens: S) -> String where S.Element == String {
        var out = ""
        for token in tokens {
            out += "/"
            out += escape(token)
        }
        return out
    }

    /// `pointer` with one more token appended.
    public static func appending(_ token: String, to pointer: String) -> String {
        pointer + "/" + escape(token)
    }

    /// `pointer` with an array index appended.
    public static func appending(_ index: Int, to pointer: String) -> String {
        pointer + "/" + String(index)
    }

    /// The unescaped tokens of `pointer`, or nil when it is not a valid pointer
    /// (it does not start with `/`, or has a `~` not followed by `0` or `1`).
    public static func tokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.utf8.first == UInt8(ascii: "/") else { return nil }
        var tokens: [String] = []
        for raw in pointer.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if !raw.contains(UInt8(ascii: "~")) {
                tokens.append(String(decoding: raw, as: UTF8.self))
                continue
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(raw.count)
            var iterator = raw.makeIterator()
            while let byte = iterator.next() {
                guard byte == UInt8(ascii: "~") else { bytes.append(byte); continue }
                switch iterator.next() {
                case UInt8(ascii: "0"): bytes.append(UInt8(ascii: "~"))
                case UInt8(ascii: "1"): bytes.append(UInt8(ascii: "/"))
                default: return nil
                }
            }
            tokens.append(String(decoding: bytes, as: UTF8.self))
        }
        return tokens
    }

    /// The array index a token names, or nil: decimal digits with no leading zero (RFC 6901).
    public static func arrayIndex(_ token: String) -> Int? {
        let utf8 = token.utf8
        guard let first = utf8.first, utf8.count <= 18 else { return nil }
        if first == UInt8(ascii: "0") { return utf8.count == 1 ? 0 : nil }
        var value = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

/// Terraform identifier rules: a letter or underscore, then letters, digits, underscores or dashes.
public enum Identifier {
    /// True when `name` is a valid Terraform identifier (`aws_s3_bucket`, `raw_events`, `etl-runner`).
    public static func isValid(_ name: String) -> Bool {
        name.withUTF8Bytes(isValid)
    }

    private static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        guard isLetter(first) || first == UInt8(ascii: "_") else { return false }
        for byte in bytes.dropFirst() {
            guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") else {
                return false
            }
        }
        return true
    }

    /// A valid identifier made from arbitrary text: runs of other characters become `_`,
    /// and a leading digit gets a `_` prefix. `"raw-events"` → `"raw_events"`.
    public static func sanitize(_ text: String) -> String {
        var text = text  // its bytes are read in place (a small string's, copied to the stack)
        return text.withUTF8 { sanitize($0) } ?? text
    }

    /// The sanitized bytes as a new string, or nil when they are already sanitized (many names:
    /// nothing to build).
    private static func sanitize(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if let first = bytes.first, !isDigit(first), bytes.last != UInt8(ascii: "_"),
            bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") })
        {
            return nil
        }
        // Byte by byte: a non-ASCII scalar is a run of bytes >= 0x80, none of them allowed, so it
        // becomes one `_` exactly as the scalar itself would.
        return String(unsafeUninitializedCapacity: bytes.count + 1) { out in
            var count = 0
            var lastWasUnderscore = false
            for byte in bytes {
                if isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") {
                    if count == 0, isDigit(byte) {  // a leading digit gets a `_` prefix
                        out[0] = UInt8(ascii: "_")
                        count = 1
                    }
                    out[count] = byte
                    count += 1
                    lastWasUnderscore = byte == UInt8(ascii: "_")
                } else if !lastWasUnderscore, count > 0 {
                    out[count] = UInt8(ascii: "_")
                    count += 1
                    lastWasUnderscore = true
                }
            }
            while count > 0, out[count - 1] == UInt8(ascii: "_") { count -= 1 }
            if count == 0 {
                out[0] = UInt8(ascii: "_")
                count = 1
            }
            return count
        }
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}

/// Terraform identifier rules: a letter or underscore, then letters, digits, underscores or dashes.
public enum Identifier {
    /// True when `name` is a valid Terraform identifier (`aws_s3_bucket`, `raw_events`, `etl-runner`).
    public static func isValid(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            guard let first = bytes.first else { return false }
            guard isLetter(first) || first == UInt8(ascii: "_") else { return false }
            for byte in bytes.dropFirst() {
                guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") else {
                    return false
                }
            }
            return true
        }
    }

    /// A valid identifier made from arbitrary text: runs of other characters become `_`,
    /// and a leading digit gets a `_` prefix. `"raw-events"` → `"raw_events"`.
    public static func sanitize(_ text: String) -> String {
        var out = ""
        var lastWasUnderscore = false
        for scalar in text.unicodeScalars {
            let ok = scalar.isASCII && (isLetter(UInt8(scalar.value)) || isDigit(UInt8(scalar.value)) || scalar == "_")
            if ok {
                out.unicodeScalars.append(scalar)
                lastWasUnderscore = scalar == "_"
            } else if !lastWasUnderscore, !out.isEmpty {
                out.append("_")
                lastWasUnderscore = true
            }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if out.isEmpty { return "_" }
        if let first = out.utf8.first, isDigit(first) { out = "_" + out }
        return out
    }

    private static func isLetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}

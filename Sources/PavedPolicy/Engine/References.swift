/// Finds the resources an expression refers to.
///
/// Configuration JSON writes references inside `${…}` (`"${aws_s3_bucket.raw.id}"`,
/// `"${data.aws_iam_policy_document.x.json}"`); plan input mirrors the configuration's reference
/// lists into the same form. The addresses returned are configuration addresses
/// (`aws_s3_bucket.raw`, `data.aws_iam_policy_document.x`), prefixed with the module path of the
/// referring resource.
enum References {
    private static let nonResources: Set<Substring> = [
        "var", "local", "module", "each", "count", "path", "terraform", "self",
    ]

    /// Calls `body` with each resource address referred to in `text`.
    static func forEachAddress(in text: String, modulePath: String, _ body: (String) -> Void) {
        let bytes = Array(text.utf8)
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "$"), bytes[i + 1] == UInt8(ascii: "{") else {
                i += 1
                continue
            }
            // The template expression runs to its matching brace.
            var depth = 1
            var j = i + 2
            var inString = false
            let start = j
            while j < bytes.count, depth > 0 {
                let b = bytes[j]
                if inString {
                    if b == UInt8(ascii: "\\") { j += 1 } else if b == UInt8(ascii: "\"") { inString = false }
                } else if b == UInt8(ascii: "\"") {
                    inString = true
                } else if b == UInt8(ascii: "{") {
                    depth += 1
                } else if b == UInt8(ascii: "}") {
                    depth -= 1
                }
                j += 1
            }
            scanExpression(bytes[start..<max(start, j - 1)], modulePath: modulePath, body)
            i = j
        }
    }

    /// Finds `type.name` and `data.type.name` traversals in an expression.
    private static func scanExpression(_ bytes: ArraySlice<UInt8>, modulePath: String, _ body: (String) -> Void) {
        var i = bytes.startIndex
        var inString = false
        while i < bytes.endIndex {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 2; continue }
                if b == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            if b == UInt8(ascii: "\"") {
                inString = true
                i += 1
                continue
            }
            guard isIdentifierStart(b), i == bytes.startIndex || !isIdentifierChar(bytes[i - 1]) && bytes[i - 1] != UInt8(ascii: ".") else {
                i += 1
                continue
            }
            // A traversal: identifiers separated by dots, with [index] steps skipped.
            var parts: [Substring] = []
            var partStart = i
            while i < bytes.endIndex {
                let c = bytes[i]
                if isIdentifierChar(c) {
                    i += 1
                } else if c == UInt8(ascii: ".") {
                    parts.append(Substring(decoding: bytes[partStart..<i], as: UTF8.self))
                    i += 1
                    partStart = i
                    if parts.count >= 3 { break }
                } else if c == UInt8(ascii: "[") {
                    parts.append(Substring(decoding: bytes[partStart..<i], as: UTF8.self))
                    // skip the index
                    var depth = 0
                    while i < bytes.endIndex {
                        if bytes[i] == UInt8(ascii: "[") { depth += 1 }
                        if bytes[i] == UInt8(ascii: "]") { depth -= 1; if depth == 0 { i += 1; break } }
                        i += 1
                    }
                    partStart = i
                    break
                } else {
                    break
                }
            }
            if partStart < i, parts.count < 3 { parts.append(Substring(decoding: bytes[partStart..<i], as: UTF8.self)) }
            emit(parts, modulePath: modulePath, body)
        }
    }

    private static func emit(_ parts: [Substring], modulePath: String, _ body: (String) -> Void) {
        let parts = parts.filter { !$0.isEmpty }
        guard parts.count >= 2, !nonResources.contains(parts[0]) else { return }
        let address: String
        if parts[0] == "data" {
            guard parts.count >= 3 else { return }
            address = "data.\(parts[1]).\(parts[2])"
        } else {
            guard parts[0].contains("_") || parts[0].count > 1 else { return }
            address = "\(parts[0]).\(parts[1])"
        }
        body(modulePath.isEmpty ? address : "\(modulePath).\(address)")
    }

    private static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_")
    }

    private static func isIdentifierChar(_ b: UInt8) -> Bool {
        isIdentifierStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-")
    }
}

/// Finds the resources an expression refers to.
///
/// Configuration JSON writes references inside `${…}` (`"${aws_s3_bucket.raw.id}"`,
/// `"${data.aws_iam_policy_document.x.json}"`); plan input mirrors the configuration's reference
/// lists into the same form. The addresses returned are configuration addresses
/// (`aws_s3_bucket.raw`, `data.aws_iam_policy_document.x`), prefixed with the module path of the
/// referring resource.
enum References {
    /// Calls `body` with each resource address referred to in `text`.
    static func forEachAddress(in text: String, modulePath: String, _ body: (String) -> Void) {
        // Most strings hold no interpolation: skip them without copying.
        guard text.utf8.contains(UInt8(ascii: "$")) else { return }
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
            // A traversal: up to three dot-separated identifiers; an [index] ends it.
            let start = i
            var ends: [Int] = []
            ends.reserveCapacity(3)
            while i < bytes.endIndex {
                let c = bytes[i]
                if isIdentifierChar(c) {
                    i += 1
                    continue
                }
                ends.append(i)
                if c == UInt8(ascii: "."), ends.count < 3 {
                    i += 1
                    continue
                }
                break
            }
            if i == bytes.endIndex && (ends.last ?? -1) != i { ends.append(i) }
            emit(bytes, start: start, ends: ends, modulePath: modulePath, body)
            // Skip the rest of the traversal (attributes after TYPE.NAME, an index).
            while i < bytes.endIndex, isIdentifierChar(bytes[i]) || bytes[i] == UInt8(ascii: ".") { i += 1 }
        }
    }

    private static func emit(_ bytes: ArraySlice<UInt8>, start: Int, ends: [Int], modulePath: String, _ body: (String) -> Void) {
        guard ends.count >= 2 else { return }
        let first = bytes[start..<ends[0]]
        if isKeyword(first) { return }
        let end: Int
        if first.elementsEqual("data".utf8) {
            guard ends.count >= 3, ends[2] > ends[1] + 1 else { return }
            end = ends[2]
        } else {
            guard ends[1] > ends[0] + 1 else { return }
            end = ends[1]
        }
        let address = String(decoding: bytes[start..<end], as: UTF8.self)
        body(modulePath.isEmpty ? address : "\(modulePath).\(address)")
    }

    private static func isKeyword(_ word: ArraySlice<UInt8>) -> Bool {
        switch word.count {
        case 3: return word.elementsEqual("var".utf8)
        case 4: return word.elementsEqual("each".utf8) || word.elementsEqual("path".utf8) || word.elementsEqual("self".utf8)
        case 5: return word.elementsEqual("local".utf8) || word.elementsEqual("count".utf8)
        case 6: return word.elementsEqual("module".utf8)
        case 9: return word.elementsEqual("terraform".utf8)
        default: return false
        }
    }

    private static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_")
    }

    private static func isIdentifierChar(_ b: UInt8) -> Bool {
        isIdentifierStart(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-")
    }
}

/// Writes ``JSON`` as deterministic text: keys sorted by their UTF-8 bytes, two-space indent,
/// `": "` between key and value, no escaped slashes, and a final newline.
///
/// This is the only serializer in Paved: the same value gives the same bytes on every machine.
public struct JSONWriter: Sendable {
    public init() {}

    /// The rendered text of `value`, ending in a newline.
    public func render(_ value: JSON) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The rendered bytes of `value`, ending in a newline.
    public func bytes(_ value: JSON) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// Writes `value` at the given indentation depth (in levels of two spaces).
    public func write(_ value: JSON, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: Self.format(d).utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            Self.writeArray(items, indent: indent, into: &out) { item, out in write(item, indent: indent + 1, into: &out) }
        case .object(let members):
            Self.writeObject(Self.sortedKeys(members), indent: indent, into: &out) { key, out in
                write(members[key] ?? .null, indent: indent + 1, into: &out)
            }
        }
    }

    /// `[` elements `]` in this writer's layout; `element` writes one element at `indent + 1`.
    /// With `{` and `}` as brackets, and elements that write `"key": value`, an object.
    @inline(__always)
    static func writeArray<C: Collection>(
        _ items: C, indent: Int, into out: inout [UInt8], open: UInt8 = UInt8(ascii: "["), close: UInt8 = UInt8(ascii: "]"),
        element: (C.Element, inout [UInt8]) -> Void
    ) {
        if items.isEmpty {
            out.append(open)
            out.append(close)
            return
        }
        out.append(open)
        var first = true
        for item in items {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            newline(indent + 1, &out)
            element(item, &out)
        }
        newline(indent, &out)
        out.append(close)
    }

    /// `{` members `}` for keys already sorted; `value` writes the value of one key at `indent + 1`.
    @inline(__always)
    static func writeObject(_ sortedKeys: [String], indent: Int, into out: inout [UInt8], value: (String, inout [UInt8]) -> Void) {
        if sortedKeys.isEmpty { out.append(contentsOf: "{}".utf8); return }
        out.append(UInt8(ascii: "{"))
        for (i, key) in sortedKeys.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            newline(indent + 1, &out)
            writeString(key, into: &out)
            out.append(contentsOf: ": ".utf8)
            value(key, &out)
        }
        newline(indent, &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Keys in Unicode scalar order: the same on every platform and locale.
    public static func sortedKeys(_ members: [String: JSON]) -> [String] {
        members.keys.sorted(by: keyPrecedes)
    }

    /// Swift's `<` on strings: Unicode scalar order of the NFC form, which is UTF-8 byte order for
    /// the (normalized) keys Terraform uses, and independent of locale.
    @inline(__always)
    public static func keyPrecedes(_ a: String, _ b: String) -> Bool { a < b }

    private func newline(_ indent: Int, _ out: inout [UInt8]) {
        Self.newline(indent, &out)
    }

    /// A newline and the indentation. No shared buffer of spaces: renderers on several threads
    /// would all retain and release it, and contend for its reference count.
    @inline(__always)
    static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// A number as text: integral values without a fraction, others in Swift's shortest form.
    static func format(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return d.description
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        writeStringContent(s, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The escaped text of a string, without its quotes. Escaping maps each byte on its own, so
    /// the pieces of a string written one after another give the bytes of the whole.
    static func writeStringContent(_ s: String, into out: inout [UInt8]) {
        s.withUTF8Bytes { bytes in
            // Fast path: nothing to escape, copy the bytes at once.
            var clean = true
            for byte in bytes where needsEscape(byte) {
                clean = false
                break
            }
            if clean {
                out.append(contentsOf: bytes)
            } else {
                for byte in bytes { appendEscaped(byte, into: &out) }
            }
        }
    }

    /// True when no byte of `bytes` needs escaping and, when `noBrace`, none is `{` (a template
    /// sequence may start there). Tests eight bytes at a time: almost every string is plain, and
    /// the renderer asks this of each one it writes.
    @inline(__always)
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>, noBrace: Bool) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        while i + 8 <= bytes.count {
            let w = UInt64(loadingFrom: base + i)
            if w.hasByte(below: 0x20) || w.hasByte(UInt8(ascii: "\"")) || w.hasByte(UInt8(ascii: "\\"))
                || (noBrace && w.hasByte(UInt8(ascii: "{")))
            {
                return false
            }
            i += 8
        }
        while i < bytes.count {
            if needsEscape(base[i]) || (noBrace && base[i] == UInt8(ascii: "{")) { return false }
            i += 1
        }
        return true
    }

    /// True for a byte JSON must escape in a string: a control character, `"` or `\`.
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    @inline(__always)
    private static func appendEscaped(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
        case 0x0A: out.append(contentsOf: "\\n".utf8)
        case 0x0D: out.append(contentsOf: "\\r".utf8)
        case 0x09: out.append(contentsOf: "\\t".utf8)
        case 0x08: out.append(contentsOf: "\\b".utf8)
        case 0x0C: out.append(contentsOf: "\\f".utf8)
        case 0..<0x20:
            let hex: StaticString = "0123456789abcdef"
            out.append(contentsOf: "\\u00".utf8)
            hex.withUTF8Buffer { h in
                out.append(h[Int(byte >> 4)])
                out.append(h[Int(byte & 0xF)])
            }
        default: out.append(byte)
        }
    }
}

/// An append-only byte buffer for the renderer's hot path.
///
/// `[UInt8].append` checks uniqueness and capacity and goes through generic sequence code on every
/// call; rendering 100,000 blocks makes tens of millions of small appends. This buffer owns its
/// memory (noncopyable, freed on deinit) and checks only capacity.
struct ByteSink: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Objects written lately, to be copied rather than written again (see ``repeatObject(_:indent:)``).
    private var recent = RecentObjects()

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// An empty sink that writes into `block`'s buffer (its bytes are forgotten) and owns it.
    init(recycling block: ByteBlock) {
        base = block.base
        capacity = block.capacity
    }

    /// The bytes written, handed to the caller, who deallocates them.
    consuming func take() -> ByteBlock {
        let block = ByteBlock(base: base, count: count, capacity: capacity)
        discard self
        return block
    }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        let newCapacity = max(capacity * 2, needed)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: start, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// A newline and two spaces per level of `indent`.
    @inline(__always)
    mutating func newline(_ indent: Int) {
        let n = indent * 2
        reserve(n + 1)
        base[count] = UInt8(ascii: "\n")
        (base + count + 1).initialize(repeating: UInt8(ascii: " "), count: n)
        count += n + 1
    }

    /// An integer in decimal, as `String(i)` writes it (digits straight into the buffer: this
    /// runs for every line number and integer written).
    mutating func append(_ i: Int) {
        reserve(20)  // Int.min: "-9223372036854775808"
        var magnitude = i.magnitude
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        if i < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        var at = count + digits
        repeat {
            at -= 1
            base[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        count += digits
    }

    /// `"text"`, JSON-escaped, as ``JSONWriter/writeString(_:into:)`` writes it.
    mutating func writeString(_ s: String) {
        append(UInt8(ascii: "\""))
        writeStringContent(s)
        append(UInt8(ascii: "\""))
    }

    /// Forgets what was written after the first `count` bytes.
    mutating func truncate(to count: Int) {
        self.count = min(count, self.count)
        recent.forget(after: self.count)
    }

    /// Writes again the bytes of an object written earlier at the same indent, found by the
    /// identity of its members' storage; false when there is none. Identity means equal content
    /// only while the objects written are alive, which holds while one configuration renders.
    /// (Tags are the case: the synthesizer shares one tag map among the blocks of many constructs.)
    mutating func repeatObject(_ identity: UnsafeRawPointer, indent: Int) -> Bool {
        guard let bytes = recent.find(identity, indent: indent) else { return false }
        reserve(bytes.count)
        (base + count).update(from: base + bytes.lowerBound, count: bytes.count)
        count += bytes.count
        return true
    }

    /// Keeps `bytes`, just written for the object with `identity`, for ``repeatObject(_:indent:)``.
    mutating func remember(_ identity: UnsafeRawPointer, indent: Int, bytes: Range<Int>) {
        recent.remember(identity, indent: indent, bytes: bytes)
    }

    /// An object key as a JSON string, when it has no `{` (almost always: true). A key with `{` is
    /// not written, and the caller writes it escaped: `${` in a key means literal text too.
    mutating func writeKey(_ key: String) -> Bool {
        return key.withUTF8Bytes { bytes in
            if JSONWriter.isPlain(bytes, noBrace: true) {
                append(UInt8(ascii: "\""))
                append(bytes)
                append(UInt8(ascii: "\""))
                return true
            }
            var clean = true
            for byte in bytes {
                if byte == UInt8(ascii: "{") { return false }
                if JSONWriter.needsEscape(byte) { clean = false }
            }
            append(UInt8(ascii: "\""))
            if clean {
                append(bytes)
            } else {
                var escaped: [UInt8] = []  // rare: the one escaping routine
                JSONWriter.writeStringContent(String(decoding: bytes, as: UTF8.self), into: &escaped)
                append(escaped)
            }
            append(UInt8(ascii: "\""))
            return true
        }
    }

    /// The JSON-escaped text of a string, without quotes, as ``JSONWriter/writeStringContent(_:into:)``.
    mutating func writeStringContent(_ s: String) {
        let clean = s.withUTF8Bytes { bytes in
            guard JSONWriter.isPlain(bytes, noBrace: false) else { return false }
            append(bytes)
            return true
        }
        if !clean {
            var escaped: [UInt8] = []  // rare: the one escaping routine
            JSONWriter.writeStringContent(s, into: &escaped)
            append(escaped)
        }
    }

    /// A source location as a JSON string, as `writeString(location.description)` writes it
    /// (without building the description: this runs once per rendered block).
    mutating func writeString(_ location: SourceLocation) {
        append(UInt8(ascii: "\""))
        writeStringContent(location.file)
        append(UInt8(ascii: ":"))
        append(location.line)
        if let column = location.column {
            append(UInt8(ascii: ":"))
            append(column)
        }
        append(UInt8(ascii: "\""))
    }
}

/// The last few objects a ``ByteSink`` wrote: where each one's bytes are, by storage identity and indent.
private struct RecentObjects {
    private struct Entry {
        var identity: UnsafeRawPointer
        var indent: Int
        var bytes: Range<Int>
    }

    // Four entries, replaced in turn: a fixed set of stored slots, no array to allocate.
    private var a, b, c, d: Entry?
    private var next = 0

    func find(_ identity: UnsafeRawPointer, indent: Int) -> Range<Int>? {
        func matches(_ entry: Entry?) -> Range<Int>? {
            guard let entry, entry.identity == identity, entry.indent == indent else { return nil }
            return entry.bytes
        }
        return matches(a) ?? matches(b) ?? matches(c) ?? matches(d)
    }

    mutating func remember(_ identity: UnsafeRawPointer, indent: Int, bytes: Range<Int>) {
        let entry = Entry(identity: identity, indent: indent, bytes: bytes)
        switch next {
        case 0: a = entry
        case 1: b = entry
        case 2: c = entry
        default: d = entry
        }
        next = (next + 1) % 4
    }

    /// Drops the objects whose bytes end after `count` (they were truncated away).
    mutating func forget(after count: Int) {
        if let e = a, e.bytes.upperBound > count { a = nil }
        if let e = b, e.bytes.upperBound > count { b = nil }
        if let e = c, e.bytes.upperBound > count { c = nil }
        if let e = d, e.bytes.upperBound > count { d = nil }
    }
}

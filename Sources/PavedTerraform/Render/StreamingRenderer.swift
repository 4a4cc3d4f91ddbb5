/// Writes resource and data blocks straight from the model to bytes, without building a ``JSON``
/// tree first: the hot path of `synth` for large platforms.
///
/// It produces exactly what ``JSONWriter`` writes for ``TerraformRenderer/json(_:)``; a test
/// holds the two paths to the same bytes.
struct StreamingRenderer {
    let writer = JSONWriter()
    /// Resources per rendering chunk (small in tests, to cross chunk boundaries).
    var chunkSize = 1024

    /// Bytes reserved before rendering, plus so many per block: the document is written straight
    /// into one array of that capacity (pages never written cost nothing). A document that
    /// outgrows it spills the rest into a second array, appended at the end (small in tests, to
    /// take that path).
    var reservedBytes = 16_384
    var reservedBytesPerBlock = 1024

    /// The whole configuration: small blocks through the JSON tree, resources and data streamed.
    func render(_ c: Configuration, renderer: TerraformRenderer) -> [UInt8] {
        var rest = c
        rest.resources = []
        guard case .object(var root) = renderer.json(rest) else { return [] }
        let resources = Self.sortedIfNeeded(c.resources)
        // Managed resources sort before data sources: each is one contiguous range.
        let firstData = resources.firstIndex { $0.address.mode == .data } ?? resources.endIndex
        let managed = resources[..<firstData]
        let data = resources[firstData...]
        // Placeholders keep the key order; their bodies are streamed below.
        if !managed.isEmpty { root["resource"] = .null }
        if !data.isEmpty { root["data"] = .null }

        var spill: [UInt8] = []
        var bytes = [UInt8](unsafeUninitializedCapacity: reservedBytes + resources.count * reservedBytesPerBlock) { buffer, initialized in
            var document = DocumentBuffer(buffer)
            var out: [UInt8] = [UInt8(ascii: "{")]
            for (i, key) in JSONWriter.sortedKeys(root).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(1, &out)
                JSONWriter.writeString(key, into: &out)
                out.append(contentsOf: ": ".utf8)
                switch key {
                case "resource", "data":
                    document.append(out)
                    out = []
                    document = writeBlocks(key == "resource" ? managed : data, into: document, renderer: renderer)
                default: writer.write(root[key] ?? .null, indent: 1, into: &out)
                }
            }
            newline(0, &out)
            out.append(contentsOf: "}\n".utf8)
            document.append(out)
            initialized = document.count
            spill = document.spill
        }
        if !spill.isEmpty { bytes += spill }
        return bytes
    }

    static func sortedIfNeeded(_ resources: [Resource]) -> [Resource] {
        let sorted = resources.withUnsafeBufferPointer { AddressOrder.isSorted($0, strictly: true) }
        return sorted ? resources : resources.sorted { $0.address < $1.address }
    }

    /// `{ "type": { "name": { body } } }` for resources already sorted by address, appended to `document`.
    ///
    /// Each chunk of resources is rendered with its own separators and type headers (a resource
    /// needs only its predecessor's address to know them), so large configurations render their
    /// chunks on every core; each chunk is copied into the document as soon as the chunks before it
    /// are, so the bytes are those of a sequential run.
    private func writeBlocks(_ resources: ArraySlice<Resource>, into document: DocumentBuffer, renderer: TerraformRenderer) -> DocumentBuffer {
        let chunkSize = self.chunkSize
        let assembly = ChunkAssembly(document)
        resources.withUnsafeBufferPointer { all in
            nonisolated(unsafe) let all = all  // read-only while the chunks render
            _ = Parallel.map(all.count, chunkSize: chunkSize) { range in
                var out = assembly.sink(capacity: chunkSize * 700)
                for i in range {
                    guard let base = all.baseAddress else { break }
                    let address = base[i].address
                    if i == 0 {
                        out.append(UInt8(ascii: "{"))
                        out.newline(2)
                        out.writeString(address.type)
                        out.append(": {")
                    } else if base[i - 1].address.type != address.type {
                        out.newline(2)
                        out.append("},")
                        out.newline(2)
                        out.writeString(address.type)
                        out.append(": {")
                    } else if base[i - 1].address.name == address.name {
                        continue  // a duplicate address: the checker reports it
                    } else {
                        out.append(UInt8(ascii: ","))
                    }
                    out.newline(3)
                    out.writeString(address.name)
                    out.append(": ")
                    writeBody(base + i, indent: 3, into: &out, renderer: renderer)
                }
                if range.upperBound == all.count {
                    out.newline(2)
                    out.append(UInt8(ascii: "}"))
                    out.newline(1)
                    out.append(UInt8(ascii: "}"))
                }
                assembly.finish(chunk: range.lowerBound / chunkSize, out.take())
            }
        }
        return assembly.finished()
    }

    /// The keys a resource body can have besides its arguments, in key order, each written by ``writeMeta``.
    /// (A function of literals, not a static array: renderers on several threads would contend for
    /// the array's reference count.)
    private static func metaKey(_ k: Int) -> String {
        switch k {
        case 0: "//"
        case 1: "count"
        case 2: "depends_on"
        case 3: "for_each"
        case 4: "lifecycle"
        default: "provider"
        }
    }

    private static let metaKeyCount = 6

    private static func hasMeta(_ k: Int, _ resource: UnsafePointer<Resource>) -> Bool {
        switch k {
        case 0: resource.pointee.provenance != nil
        case 1: resource.pointee.count != nil
        case 2: !resource.pointee.dependsOn.isEmpty
        case 3: resource.pointee.forEach != nil
        case 4: resource.pointee.lifecycle != nil
        default: resource.pointee.provider != nil
        }
    }

    /// Takes a pointer and reads the parts it writes: a resource passed by value, or read through a
    /// buffer's subscript, is copied whole (a retain and a release of each of its strings).
    private func writeBody(_ resource: UnsafePointer<Resource>, indent: Int, into out: inout ByteSink, renderer: TerraformRenderer) {
        // Arguments are sorted by key; the meta-arguments are merged in at their places (a
        // meta-argument that is set wins over an argument of the same name, as in the JSON tree path).
        var first = true
        func key(_ key: String, _ out: inout ByteSink) {
            out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            first = false
            out.newline(indent + 1)
            out.writeString(key)
            out.append(": ")
        }
        func meta(_ m: Int, _ out: inout ByteSink) {
            key(Self.metaKey(m), &out)
            writeMeta(Self.metaKey(m), of: resource, indent: indent + 1, into: &out, renderer: renderer)
        }
        let arguments = resource.pointee.arguments
        if !resource.pointee.hasMetaArguments, arguments.isEmpty || Self.metaKey(0) < arguments.storage[0].key {
            // Almost every block: no meta-arguments, and keys that sort after "//" (letters,
            // digits, underscores): the provenance comment, then the arguments, no key compared.
            if Self.hasMeta(0, resource) { meta(0, &out) }
            for i in arguments.storage.indices {
                key(arguments.storage[i].key, &out)
                write(member: i, of: arguments, indent: indent + 1, into: &out)
            }
        } else {
            var m = 0
            for (name, value) in arguments {
                while m < Self.metaKeyCount, Self.metaKey(m) < name {
                    if Self.hasMeta(m, resource) { meta(m, &out) }
                    m += 1
                }
                if m < Self.metaKeyCount, Self.metaKey(m) == name {
                    let isSet = Self.hasMeta(m, resource)
                    m += 1
                    if isSet {
                        meta(m - 1, &out)
                        continue
                    }
                }
                key(name, &out)
                write(value, indent: indent + 1, into: &out)
            }
            while m < Self.metaKeyCount {
                if Self.hasMeta(m, resource) { meta(m, &out) }
                m += 1
            }
        }
        if first {
            out.append("{}")
            return
        }
        out.newline(indent)
        out.append(UInt8(ascii: "}"))
    }

    /// A meta-argument or the provenance comment, as ``TerraformRenderer/body(of:)`` writes it.
    private func writeMeta(_ key: String, of pointer: UnsafePointer<Resource>, indent: Int, into out: inout ByteSink, renderer: TerraformRenderer) {
        switch key {
        case "//":
            guard let p = pointer.pointee.provenance else { return }
            if !p.waivers.isEmpty || p.metadata != nil { break }  // rare: the JSON tree path below
            out.append(UInt8(ascii: "{"))
            out.newline(indent + 1)
            out.append("\"construct\": ")
            out.writeString(p.constructPath)
            out.append(UInt8(ascii: ","))
            out.newline(indent + 1)
            out.append("\"source\": ")
            out.writeString(p.location)
            out.newline(indent)
            out.append(UInt8(ascii: "}"))
            return
        default: break
        }
        switch key {
        case "depends_on":
            let targets = pointer.pointee.dependsOn.sorted()
            out.append(UInt8(ascii: "["))
            for (i, target) in targets.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.newline(indent + 1)
                out.writeString(target.description)
            }
            out.newline(indent)
            out.append(UInt8(ascii: "]"))
            return
        default: break
        }
        let resource = pointer.pointee  // rare meta-arguments: a copy is fine
        switch key {
        case "count":
            if let count = resource.count { write(count, indent: indent, into: &out) }
            return
        case "for_each":
            if let forEach = resource.forEach { write(forEach, indent: indent, into: &out) }
            return
        case "provider":
            if let provider = resource.provider { out.writeString(provider.description) }
            return
        default: break
        }
        // Lifecycle and waivers: small and rare, through the JSON tree.
        let bare = Resource(resource.address, lifecycle: resource.lifecycle, provenance: resource.provenance)
        var bytes: [UInt8] = []
        writer.write(renderer.body(of: bare)[key] ?? .null, indent: indent, into: &bytes)
        out.append(bytes)
    }

    /// A value as ``ExpressionRenderer/json(_:)`` then ``JSONWriter`` would write it.
    func write(_ value: Value, indent: Int, into out: inout ByteSink) {
        switch value {
        case .string, .int, .double, .bool, .null: _ = Self.writeScalar(value, into: &out)
        case .expression(let e):
            out.append(UInt8(ascii: "\""))
            writeInterpolation(e, into: &out)
            out.append(UInt8(ascii: "\""))
        case .template(let parts):
            out.append(UInt8(ascii: "\""))
            for part in parts {
                switch part {
                case .literal(let text): out.writeStringContent(ExpressionRenderer.escapeTemplate(text))
                case .expression(let e): writeInterpolation(e, into: &out)
                }
            }
            out.append(UInt8(ascii: "\""))
        case .list(let items):
            if items.isEmpty {
                out.append("[]")
                return
            }
            out.append(UInt8(ascii: "["))
            for i in items.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.newline(indent + 1)
                write(item: i, of: items, indent: indent + 1, into: &out)
            }
            out.newline(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out.append("{}")
                return
            }
            // An object of scalars written before (shared tags) is copied from where it was written.
            let identity = members.storage.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            if let identity, out.repeatObject(identity, indent: indent) { return }
            let start = out.count
            var scalars = true
            out.append(UInt8(ascii: "{"))
            for i in members.storage.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.newline(indent + 1)
                // A key with `{` may need template escaping, which can change the key order: rare,
                // so it is found while writing, and the object is written again the JSON tree's way.
                if !out.writeKey(members.storage[i].key) {
                    out.truncate(to: start)
                    writeEscapedKeys(members, indent: indent, into: &out)
                    return
                }
                out.append(": ")
                if !write(member: i, of: members, indent: indent + 1, into: &out) { scalars = false }
            }
            out.newline(indent)
            out.append(UInt8(ascii: "}"))
            if scalars, let identity { out.remember(identity, indent: indent, bytes: start..<out.count) }
        }
    }

    /// A string, number, bool or null; false, writing nothing, for any other value.
    @inline(__always)
    private static func writeScalar(_ value: Value, into out: inout ByteSink) -> Bool {
        switch value {
        case .string(let s): writeLiteral(s, into: &out)
        case .int(let i): out.append(i)
        case .double(let d):
            var text = JSONWriter.format(d)
            text.withUTF8 { out.append($0) }
        case .bool(let b): out.append(b ? "true" : "false")
        case .null: out.append("null")
        case .list, .object, .expression, .template: return false
        }
        return true
    }

    /// Member `i`'s value. A literal is written here, reading only its payload; any other value is
    /// passed to ``write(_:indent:into:)``, which copies it (a retain and a release), most of the
    /// cost of a leaf. True when the value was a literal.
    @inline(__always)
    @discardableResult
    private func write(member i: Int, of members: Members, indent: Int, into out: inout ByteSink) -> Bool {
        if Self.writeScalar(members.storage[i].value, into: &out) { return true }
        write(members.storage[i].value, indent: indent, into: &out)
        return false
    }

    /// Item `i` of a list, as ``write(member:of:indent:into:)``.
    @inline(__always)
    private func write(item i: Int, of items: [Value], indent: Int, into out: inout ByteSink) {
        if !Self.writeScalar(items[i], into: &out) { write(items[i], indent: indent, into: &out) }
    }

    /// An object whose keys are template-escaped, then sorted, as the JSON tree path does.
    private func writeEscapedKeys(_ members: Members, indent: Int, into out: inout ByteSink) {
        let escaped = Members(members.lazy.map { (ExpressionRenderer.escapeTemplate($0.key), $0.value) })
        out.append(UInt8(ascii: "{"))
        for i in escaped.storage.indices {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.newline(indent + 1)
            out.writeString(escaped.storage[i].key)
            out.append(": ")
            write(escaped.storage[i].value, indent: indent + 1, into: &out)
        }
        out.newline(indent)
        out.append(UInt8(ascii: "}"))
    }

    /// A literal string: template sequences escaped, then JSON-escaped. One scan when there is
    /// nothing to escape (almost always), instead of one per escaping.
    static func writeLiteral(_ s: String, into out: inout ByteSink) {
        let copied = s.withUTF8Bytes { bytes in
            guard JSONWriter.isPlain(bytes, noBrace: true) else { return false }
            out.append(UInt8(ascii: "\""))
            out.append(bytes)
            out.append(UInt8(ascii: "\""))
            return true
        }
        if !copied { out.writeString(ExpressionRenderer.escapeTemplate(s)) }
    }

    /// `${…}` for an expression, inside a JSON string (quotes not included): the bytes
    /// ``ExpressionRenderer/json(_:)`` gives, written piece by piece (JSON escaping is byte by byte,
    /// so escaping the pieces is escaping the whole).
    private func writeInterpolation(_ expression: Expression, into out: inout ByteSink) {
        out.append("${")
        if case .reference(let r) = expression {
            if r.address.mode == .data { out.append("data.") }
            out.writeStringContent(r.address.type)
            out.append(UInt8(ascii: "."))
            out.writeStringContent(r.address.name)
            func write(_ step: Reference.Step, _ out: inout ByteSink) {
                switch step {
                case .attribute(let name):
                    out.append(UInt8(ascii: "."))
                    out.writeStringContent(name)
                case .index(let i):
                    out.append(UInt8(ascii: "["))
                    out.append(i)
                    out.append(UInt8(ascii: "]"))
                }
            }
            if let head = r.head { write(head, &out) }  // the path, without building it
            for step in r.tail { write(step, &out) }
        } else {
            out.writeStringContent(ExpressionRenderer.hcl(expression))
        }
        out.append(UInt8(ascii: "}"))
    }

    private func newline(_ indent: Int, _ out: inout [UInt8]) {
        JSONWriter.newline(indent, &out)
    }
}

/// Writes resource and data blocks straight from the model to bytes, without building a ``JSON``
/// tree first: the hot path of `synth` for large platforms.
///
/// It produces exactly what ``JSONWriter`` writes for ``TerraformRenderer/json(_:)``; a test
/// holds the two paths to the same bytes.
struct StreamingRenderer {
    let writer = JSONWriter()

    /// The whole configuration: small blocks through the JSON tree, resources and data streamed.
    func render(_ c: Configuration, renderer: TerraformRenderer) -> [UInt8] {
        var rest = c
        rest.resources = []
        guard case .object(var root) = renderer.json(rest) else { return [] }
        let resources = Self.sortedIfNeeded(c.resources)
        let managed = resources.filter { $0.address.mode == .managed }
        let data = resources.filter { $0.address.mode == .data }
        // Placeholders keep the key order; their bodies are streamed below.
        if !managed.isEmpty { root["resource"] = .null }
        if !data.isEmpty { root["data"] = .null }

        var out: [UInt8] = []
        out.reserveCapacity(c.resources.count * 700 + 4096)
        out.append(UInt8(ascii: "{"))
        for (i, key) in JSONWriter.sortedKeys(root).enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            newline(1, &out)
            JSONWriter.writeString(key, into: &out)
            out.append(contentsOf: ": ".utf8)
            switch key {
            case "resource": writeBlocks(managed, into: &out, renderer: renderer)
            case "data": writeBlocks(data, into: &out, renderer: renderer)
            default: writer.write(root[key] ?? .null, indent: 1, into: &out)
            }
        }
        newline(0, &out)
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    static func sortedIfNeeded(_ resources: [Resource]) -> [Resource] {
        var sorted = true
        for i in resources.indices.dropFirst() where !(resources[i - 1].address < resources[i].address) {
            sorted = false
            break
        }
        return sorted ? resources : resources.sorted { $0.address < $1.address }
    }

    /// `{ "type": { "name": { body } } }` for resources already sorted by address.
    private func writeBlocks(_ resources: [Resource], into out: inout [UInt8], renderer: TerraformRenderer) {
        out.append(UInt8(ascii: "{"))
        var i = 0
        var firstType = true
        while i < resources.count {
            let type = resources[i].address.type
            if !firstType { out.append(UInt8(ascii: ",")) }
            firstType = false
            newline(2, &out)
            JSONWriter.writeString(type, into: &out)
            out.append(contentsOf: ": {".utf8)
            var firstName = true
            var lastName: String?
            while i < resources.count, resources[i].address.type == type {
                let resource = resources[i]
                i += 1
                if resource.address.name == lastName { continue }  // a duplicate address: the checker reports it
                lastName = resource.address.name
                if !firstName { out.append(UInt8(ascii: ",")) }
                firstName = false
                newline(3, &out)
                JSONWriter.writeString(resource.address.name, into: &out)
                out.append(contentsOf: ": ".utf8)
                writeBody(resource, indent: 3, into: &out, renderer: renderer)
            }
            newline(2, &out)
            out.append(UInt8(ascii: "}"))
        }
        newline(1, &out)
        out.append(UInt8(ascii: "}"))
    }

    private func writeBody(_ resource: Resource, indent: Int, into out: inout [UInt8], renderer: TerraformRenderer) {
        // Meta-arguments are few and small: render them through the JSON tree.
        var meta: [String: JSON] = [:]
        if !resource.dependsOn.isEmpty || resource.count != nil || resource.forEach != nil || resource.provider != nil
            || resource.lifecycle != nil || resource.provenance != nil
        {
            var bare = resource
            bare.arguments = [:]
            meta = renderer.body(of: bare).objectValue ?? [:]
        }
        var keys = Array(resource.arguments.keys)
        for key in meta.keys where resource.arguments[key] == nil { keys.append(key) }
        if keys.isEmpty {
            out.append(contentsOf: "{}".utf8)
            return
        }
        keys.sort(by: JSONWriter.keyPrecedes)
        out.append(UInt8(ascii: "{"))
        for (i, key) in keys.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            newline(indent + 1, &out)
            JSONWriter.writeString(key, into: &out)
            out.append(contentsOf: ": ".utf8)
            if let value = resource.arguments[key] {
                write(value, indent: indent + 1, into: &out)
            } else if let json = meta[key] {
                writer.write(json, indent: indent + 1, into: &out)
            }
        }
        newline(indent, &out)
        out.append(UInt8(ascii: "}"))
    }

    /// A value as ``ExpressionRenderer/json(_:)`` then ``JSONWriter`` would write it.
    func write(_ value: Value, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .string(let s): JSONWriter.writeString(ExpressionRenderer.escapeTemplate(s), into: &out)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: JSONWriter.format(d).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .expression, .template: writer.write(ExpressionRenderer.json(value), indent: indent, into: &out)
        case .list(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                write(item, indent: indent + 1, into: &out)
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            // Keys are escaped before sorting, as the JSON tree path does.
            var entries = members.map { (key: ExpressionRenderer.escapeTemplate($0.key), value: $0.value) }
            entries.sort { JSONWriter.keyPrecedes($0.key, $1.key) }
            out.append(UInt8(ascii: "{"))
            for (i, entry) in entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                JSONWriter.writeString(entry.key, into: &out)
                out.append(contentsOf: ": ".utf8)
                write(entry.value, indent: indent + 1, into: &out)
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ indent: Int, _ out: inout [UInt8]) {
        JSONWriter.newline(indent, &out)
    }
}

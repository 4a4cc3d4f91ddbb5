import Foundation

/// A schema file that cannot be used: unreadable, not JSON, or not in the
/// `terraform providers schema -json` format.
public struct SchemaLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as named when loading.
    public var file: String
    /// The line of the offending value, when known.
    public var line: Int?
    /// The RFC 6901 pointer of the offending value, when known.
    public var jsonPointer: String?
    public var message: String

    public init(file: String, line: Int? = nil, jsonPointer: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.jsonPointer = jsonPointer
        self.message = message
    }

    /// The error as a ``Diagnostic``.
    public var diagnostic: Diagnostic {
        .error(message, at: SourceLocation(file: file, line: line ?? 1), jsonPointer: jsonPointer)
    }

    public var description: String { diagnostic.description }
}

extension ProviderSchemas {
    /// Loads schemas from `path`: one `terraform providers schema -json` file, or a directory
    /// whose `*.json` files (sorted by name, not recursive) are all loaded.
    ///
    /// A document may hold several providers. The same provider in two files is an error.
    ///
    /// - Throws: ``SchemaLoadError`` naming the file (and line) that could not be used.
    public static func load(path: String) throws(SchemaLoadError) -> ProviderSchemas {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SchemaLoadError(file: path, message: "no such file or directory")
        }
        guard isDirectory.boolValue else {
            return try load(files: [path])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw SchemaLoadError(file: path, message: "cannot list directory")
        }
        let files = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { (path as NSString).appendingPathComponent($0) }
        guard !files.isEmpty else {
            throw SchemaLoadError(file: path, message: "no *.json schema files in directory")
        }
        return try load(files: files)
    }

    /// Loads and merges the schema files at `paths`.
    public static func load(files paths: [String]) throws(SchemaLoadError) -> ProviderSchemas {
        var result = ProviderSchemas()
        var origin: [String: String] = [:]
        for path in paths {
            let document: JSONDocument
            do {
                document = try JSONDocument.load(contentsOfFile: path)
            } catch let error as JSONParseError {
                throw SchemaLoadError(file: error.file, line: error.line, message: "malformed JSON: \(error.message) (column \(error.column))")
            } catch let error as JSONFileError {
                throw SchemaLoadError(file: error.file, message: "cannot read file: \(error.reason)")
            } catch {
                throw SchemaLoadError(file: path, message: "cannot read file")
            }
            let decoded = try decode(document)
            for source in decoded.sources {
                if let first = origin[source] {
                    throw SchemaLoadError(
                        file: path, line: document.line(at: "/provider_schemas"), jsonPointer: "/provider_schemas",
                        message: "provider \(source) is also defined in \(first)")
                }
                origin[source] = path
                if let provider = decoded.providers[source] { result.insert(provider) }
            }
        }
        return result
    }

    /// Decodes a parsed `terraform providers schema -json` document.
    ///
    /// Unknown keys (descriptions, `description_kind`, …) are ignored, so newer formats load. A
    /// document trimmed by ``SchemaTrimmer`` loads with its providers marked partial.
    public static func decode(_ document: JSONDocument) throws(SchemaLoadError) -> ProviderSchemas {
        var decoder = SchemaDecoder(document: document)
        return try decoder.decodeDocument()
    }

    /// Decodes schema JSON text; `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(SchemaLoadError) -> ProviderSchemas {
        let document: JSONDocument
        do {
            document = try JSONDocument(parsing: bytes, file: file)
        } catch {
            throw SchemaLoadError(file: error.file, line: error.line, message: "malformed JSON: \(error.message) (column \(error.column))")
        }
        return try decode(document)
    }
}

/// Walks a schema document, keeping the path for error messages.
struct SchemaDecoder {
    let document: JSONDocument
    var path: [String] = []

    init(document: JSONDocument) { self.document = document }

    func failure(_ message: String) -> SchemaLoadError {
        let pointer = JSONPointer.make(path)
        return SchemaLoadError(
            file: document.file, line: document.nearestLocation(at: pointer).line, jsonPointer: pointer,
            message: message)
    }

    mutating func decodeDocument() throws(SchemaLoadError) -> ProviderSchemas {
        guard case .object(let root) = document.root else {
            throw failure("not a provider schema document: expected an object with \"provider_schemas\"")
        }
        if let version = root["format_version"] {
            path = ["format_version"]
            guard let text = version.stringValue, text.hasPrefix("1.") else {
                throw failure("unsupported format_version \(compactJSON(version)): Paved reads format 1.x")
            }
        }
        path = ["provider_schemas"]
        guard let providersJSON = root["provider_schemas"] else {
            path = []
            throw failure("not a provider schema document: no \"provider_schemas\" key")
        }
        guard case .object(let providers) = providersJSON else {
            throw failure("\"provider_schemas\" must be an object")
        }
        var result = ProviderSchemas()
        for source in providers.keys.sorted() {
            guard let value = providers[source] else { continue }
            path = ["provider_schemas", source]
            result.insert(try decodeProvider(source: source, value))
        }
        if root[SchemaTrimmer.trimmedMarker] == .bool(true) { result.setPartial(true) }
        return result
    }

    mutating func decodeProvider(source: String, _ json: JSON) throws(SchemaLoadError) -> ProviderSchema {
        guard case .object(let members) = json else { throw failure("a provider schema must be an object") }
        let base = path
        var provider = SchemaBlock()
        if let config = members["provider"] {
            path = base + ["provider"]
            provider = try decodeResourceSchema(config).block
        }
        var resources: [String: ResourceSchema] = [:]
        var dataSources: [String: ResourceSchema] = [:]
        for (key, target) in [("resource_schemas", 0), ("data_source_schemas", 1)] {
            guard let value = members[key] else { continue }
            path = base + [key]
            guard case .object(let types) = value else { throw failure("\"\(key)\" must be an object") }
            var decoded: [String: ResourceSchema] = [:]
            decoded.reserveCapacity(types.count)
            for (name, schema) in types {
                path = base + [key, name]
                decoded[name] = try decodeResourceSchema(schema)
            }
            if target == 0 { resources = decoded } else { dataSources = decoded }
        }
        path = base
        return ProviderSchema(source: source, provider: provider, resourceSchemas: resources, dataSourceSchemas: dataSources)
    }

    /// `{"version": 0, "block": {...}}`.
    mutating func decodeResourceSchema(_ json: JSON) throws(SchemaLoadError) -> ResourceSchema {
        guard case .object(let members) = json else { throw failure("a schema must be an object with \"block\"") }
        var version = 0
        if let v = members["version"] {
            guard case .int(let i) = v else {
                path.append("version")
                throw failure("\"version\" must be an integer")
            }
            version = i
        }
        guard let block = members["block"] else { throw failure("a schema must have a \"block\"") }
        path.append("block")
        let decoded = try decodeBlock(block)
        path.removeLast()
        return ResourceSchema(version: version, block: decoded)
    }

    mutating func decodeBlock(_ json: JSON) throws(SchemaLoadError) -> SchemaBlock {
        guard case .object(let members) = json else { throw failure("a block must be an object") }
        var attributes: [String: SchemaAttribute] = [:]
        var blockTypes: [String: NestedBlock] = [:]
        if let value = members["attributes"] {
            path.append("attributes")
            guard case .object(let attrs) = value else { throw failure("\"attributes\" must be an object") }
            attributes.reserveCapacity(attrs.count)
            for (name, attribute) in attrs {
                path.append(name)
                attributes[name] = try decodeAttribute(attribute)
                path.removeLast()
            }
            path.removeLast()
        }
        if let value = members["block_types"] {
            path.append("block_types")
            guard case .object(let blocks) = value else { throw failure("\"block_types\" must be an object") }
            blockTypes.reserveCapacity(blocks.count)
            for (name, block) in blocks {
                path.append(name)
                blockTypes[name] = try decodeNestedBlock(block)
                path.removeLast()
            }
            path.removeLast()
        }
        return SchemaBlock(attributes: attributes, blockTypes: blockTypes)
    }

    mutating func decodeAttribute(_ json: JSON) throws(SchemaLoadError) -> SchemaAttribute {
        guard case .object(let members) = json else { throw failure("an attribute must be an object") }
        var type: TerraformType?
        var nested: NestedAttributeType?
        if let t = members["type"] {
            path.append("type")
            guard let decoded = TerraformType(json: t) else {
                throw failure("invalid type expression \(compactJSON(t))")
            }
            path.removeLast()
            type = decoded
        } else if let n = members["nested_type"] {
            path.append("nested_type")
            nested = try decodeNestedAttributeType(n)
            path.removeLast()
        } else {
            throw failure("an attribute must have a \"type\" or a \"nested_type\"")
        }
        return SchemaAttribute(
            type: type, nestedType: nested,
            required: try flag("required", members), optional: try flag("optional", members),
            computed: try flag("computed", members), sensitive: try flag("sensitive", members),
            deprecated: try flag("deprecated", members))
    }

    mutating func flag(_ key: String, _ members: [String: JSON]) throws(SchemaLoadError) -> Bool {
        guard let value = members[key] else { return false }
        guard case .bool(let b) = value else {
            path.append(key)
            throw failure("\"\(key)\" must be true or false")
        }
        return b
    }

    mutating func decodeNestingMode(_ members: [String: JSON]) throws(SchemaLoadError) -> NestingMode {
        guard let value = members["nesting_mode"] else { throw failure("missing \"nesting_mode\"") }
        guard let text = value.stringValue, let mode = NestingMode(rawValue: text) else {
            path.append("nesting_mode")
            throw failure("unknown nesting_mode \(compactJSON(value)): expected single, group, list, set or map")
        }
        return mode
    }

    mutating func itemCount(_ key: String, _ members: [String: JSON]) throws(SchemaLoadError) -> Int? {
        guard let value = members[key] else { return nil }
        guard case .int(let n) = value, n >= 0 else {
            path.append(key)
            throw failure("\"\(key)\" must be a non-negative integer")
        }
        return n
    }

    mutating func decodeNestedBlock(_ json: JSON) throws(SchemaLoadError) -> NestedBlock {
        guard case .object(let members) = json else { throw failure("a block type must be an object") }
        let mode = try decodeNestingMode(members)
        guard let block = members["block"] else { throw failure("a block type must have a \"block\"") }
        path.append("block")
        let decoded = try decodeBlock(block)
        path.removeLast()
        let maxItems = try itemCount("max_items", members)
        return NestedBlock(
            nestingMode: mode, block: decoded, minItems: try itemCount("min_items", members) ?? 0,
            maxItems: maxItems == 0 ? nil : maxItems)
    }

    mutating func decodeNestedAttributeType(_ json: JSON) throws(SchemaLoadError) -> NestedAttributeType {
        guard case .object(let members) = json else { throw failure("\"nested_type\" must be an object") }
        let mode = try decodeNestingMode(members)
        // nested_type has "attributes" directly, like a block without block types.
        let block = try decodeBlock(.object(members.filter { $0.key == "attributes" }))
        let maxItems = try itemCount("max_items", members)
        return NestedAttributeType(
            nestingMode: mode, block: block, minItems: try itemCount("min_items", members) ?? 0,
            maxItems: maxItems == 0 ? nil : maxItems)
    }
}

/// `value` as compact one-line JSON with sorted keys, for messages.
func compactJSON(_ value: JSON) -> String {
    switch value {
    case .array(let items): return "[" + items.map(compactJSON).joined(separator: ", ") + "]"
    case .object(let members):
        return "{" + JSONWriter.sortedKeys(members).map { key in
            compactJSON(.string(key)) + ": " + compactJSON(members[key] ?? .null)
        }.joined(separator: ", ") + "}"
    default:
        var text = JSONWriter().render(value)
        text.removeLast()  // the final newline
        return text
    }
}

import Foundation

/// One line of a types list: a provider configuration block, a resource type or a data source
/// type to keep, from a provider schema file.
///
/// Written `aws:resource:aws_s3_bucket`, `aws:data:aws_region` or `vault:provider`.
public struct SchemaSelection: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case provider, resource, data
    }

    /// The schema file's name without `.json` (`aws` for `aws.json`).
    public var file: String
    public var kind: Kind
    /// The resource or data source type; nil for `provider`.
    public var type: String?

    public init(file: String, kind: Kind, type: String? = nil) {
        self.file = file
        self.kind = kind
        self.type = type
    }

    public var description: String {
        [file, kind.rawValue, type].compactMap { $0 }.joined(separator: ":")
    }

    /// Parses a types list: one selection per line, `#` comments and blank lines ignored.
    ///
    /// - Parameter file: the name used in errors.
    /// - Throws: ``SchemaLoadError`` at the first malformed or repeated line.
    public static func parseList(_ text: String, file: String) throws(SchemaLoadError) -> [SchemaSelection] {
        var result: [SchemaSelection] = []
        var seen: Set<SchemaSelection> = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let selection: SchemaSelection?
            switch (parts.count, parts.count > 1 ? parts[1] : "") {
            case (2, "provider"): selection = SchemaSelection(file: parts[0], kind: .provider)
            case (3, "resource"): selection = SchemaSelection(file: parts[0], kind: .resource, type: parts[2])
            case (3, "data"): selection = SchemaSelection(file: parts[0], kind: .data, type: parts[2])
            default: selection = nil
            }
            guard let selection, !selection.file.isEmpty, selection.type?.isEmpty != true else {
                throw SchemaLoadError(
                    file: file, line: offset + 1,
                    message: "invalid line \"\(trimmed)\": expected FILE:resource:TYPE, FILE:data:TYPE or FILE:provider")
            }
            guard seen.insert(selection).inserted else {
                throw SchemaLoadError(file: file, line: offset + 1, message: "\(selection) is listed twice")
            }
            result.append(selection)
        }
        return result
    }
}

/// Trims `terraform providers schema -json` documents to the types a list selects, and writes
/// the Swift source that embeds them in Paved.
///
/// A trimmed document carries `"paved_trimmed": true` (other readers ignore the key), so whoever
/// loads it knows its providers are partial: a type missing from it is not an unknown type.
public enum SchemaTrimmer {
    /// The top-level key marking a trimmed document.
    public static let trimmedMarker = "paved_trimmed"

    /// A trimmed document: the file it came from (`aws.json`) and its content.
    public struct Document: Sendable, Equatable {
        public var name: String
        public var json: JSON

        public init(name: String, json: JSON) {
            self.name = name
            self.json = json
        }
    }

    /// Trims the schema files in `directory` to `selection`: one document per provider file named
    /// in the selection (sorted by name), keeping every provider block of that file and only the
    /// selected resource and data source types.
    ///
    /// - Throws: ``SchemaLoadError`` when a file is missing or malformed, or lacks a selected type.
    public static func trim(directory: String, selection: [SchemaSelection]) throws(SchemaLoadError) -> [Document] {
        let files = Set(selection.map(\.file)).sorted()
        var documents: [Document] = []
        for file in files {
            let name = file + ".json"
            let path = (directory as NSString).appendingPathComponent(name)
            let document: JSONDocument
            do {
                document = try JSONDocument.load(contentsOfFile: path)
            } catch let error as JSONParseError {
                throw SchemaLoadError(file: error.file, line: error.line, message: "malformed JSON: \(error.message) (column \(error.column))")
            } catch {
                throw SchemaLoadError(file: path, message: "cannot read file: \((error as? JSONFileError)?.reason ?? "unreadable")")
            }
            // Decoding checks the whole file is a valid schema document before trimming it.
            _ = try ProviderSchemas.decode(document)
            let picked = selection.filter { $0.file == file }
            documents.append(Document(name: name, json: try trim(document, selection: picked)))
        }
        return documents
    }

    /// Trims one parsed schema document to `selection` (whose `file` is not looked at).
    public static func trim(_ document: JSONDocument, selection: [SchemaSelection]) throws(SchemaLoadError) -> JSON {
        guard let providers = document.root["provider_schemas"]?.objectValue else {
            throw SchemaLoadError(file: document.file, message: "not a provider schema document: no \"provider_schemas\" key")
        }
        var trimmed: [String: JSON] = [:]
        for (source, provider) in providers {
            var out: [String: JSON] = [:]
            if let block = provider["provider"] { out["provider"] = block }
            out["resource_schemas"] = .object([:])
            out["data_source_schemas"] = .object([:])
            trimmed[source] = .object(out)
        }
        for item in selection {
            guard let type = item.type else { continue }
            let key = item.kind == .resource ? "resource_schemas" : "data_source_schemas"
            guard let source = providers.keys.sorted().first(where: { providers[$0]?[key]?[type] != nil }),
                  let schema = providers[source]?[key]?[type],
                  case .object(var provider) = trimmed[source],
                  case .object(var types) = provider[key]
            else {
                let what = item.kind == .resource ? "resource type" : "data source type"
                throw SchemaLoadError(file: document.file, message: "no \(what) \(type) in \(document.file)")
            }
            types[type] = schema
            provider[key] = .object(types)
            trimmed[source] = .object(provider)
        }
        var root: [String: JSON] = ["provider_schemas": .object(trimmed), trimmedMarker: .bool(true)]
        root["format_version"] = document.root["format_version"] ?? .string("1.0")
        return .object(root)
    }

    /// The Swift source embedding `documents` (deterministic: the same input gives the same bytes).
    public static func swiftSource(_ documents: [Document]) -> String {
        var out = """
            // Generated by `paved schemas trim`. DO NOT EDIT.
            //
            // The provider schemas of the types listed in BundledSchemaTypes.swift, trimmed from
            // `terraform providers schema -json` files. Regenerate with `make schemas`.

            extension BundledSchemas {
                /// The trimmed schema documents, by the name of the file they were trimmed from.
                static let documents: [(name: String, text: String)] = [

            """
        for (i, document) in documents.enumerated() {
            out += "        (name: \(swiftStringLiteral(document.name)), text: document\(i)),\n"
        }
        out += "    ]\n}\n"
        for (i, document) in documents.enumerated() {
            var text = JSONWriter().render(document.json)
            text.removeLast()  // The literal ends before the newline that precedes its delimiter.
            let hashes = String(repeating: "#", count: rawDelimiterLength(for: text))
            out += "\n// swift-format-ignore\nprivate let document\(i) = \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)\n"
        }
        return out
    }

    /// The number of `#` a raw multi-line literal needs so that nothing in `text` ends it or
    /// starts an interpolation.
    static func rawDelimiterLength(for text: String) -> Int {
        var count = 1
        while text.contains("\"\"\"" + String(repeating: "#", count: count))
            || text.contains("\\" + String(repeating: "#", count: count)) {
            count += 1
        }
        return count
    }

    static func swiftStringLiteral(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

import PavedTerraform

/// Builds `AttributeCatalog+Generated.swift` from provider schema files in the
/// `terraform providers schema -json` format.
///
/// One line per type: `r TYPE MEMBERS` (resources) or `d TYPE MEMBERS` (data sources), where a
/// member is `name` (a value), `name*` (a map, object or dynamic value: open below) or
/// `name{MEMBERS}` (a nested block). Names only: no types, no descriptions.
enum AttributeCatalogGenerator {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The catalog text of one schema document.
    static func catalogText(schema root: JSON, file: String) throws -> String {
        guard let providers = root["provider_schemas"]?.objectValue, !providers.isEmpty else {
            throw Failure(description: "\(file): no provider_schemas")
        }
        var lines: [String] = []
        for source in providers.keys.sorted() {
            guard let provider = providers[source] else { continue }
            for (key, prefix) in [("resource_schemas", "r"), ("data_source_schemas", "d")] {
                let schemas = provider[key]?.objectValue ?? [:]
                for type in schemas.keys.sorted() {
                    guard let block = schemas[type]?["block"] else { continue }
                    lines.append("\(prefix) \(type) \(members(block))")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func members(_ block: JSON) -> String {
        var parts: [String] = []
        let attributes = block["attributes"]?.objectValue ?? [:]
        for name in attributes.keys.sorted() {
            let attribute = attributes[name] ?? .null
            if let nested = attribute["nested_type"] {
                parts.append("\(name){\(members(nested))}")
            } else {
                parts.append(isOpen(attribute["type"]) ? "\(name)*" : name)
            }
        }
        let blocks = block["block_types"]?.objectValue ?? [:]
        for name in blocks.keys.sorted() {
            parts.append("\(name){\(members(blocks[name]?["block"] ?? .null))}")
        }
        return parts.joined(separator: ",")
    }

    /// Maps, objects, dynamic values and collections of them accept keys the catalog cannot list.
    private static func isOpen(_ type: JSON?) -> Bool {
        switch type {
        case .string(let s): return s == "dynamic"
        case .array(let parts):
            guard let kind = parts.first?.stringValue else { return false }
            if kind == "map" || kind == "object" { return true }
            if kind == "list" || kind == "set", parts.count > 1 { return isOpen(parts[1]) }
            return false
        default: return false
        }
    }

    /// The Swift source of the generated file for the named schema texts (sorted by name).
    static func swiftSource(catalogs: [(name: String, text: String)]) -> String {
        var out = """
            // Generated from the provider schemas in ../shared/schemas by AttributeCatalogGenerator.
            // DO NOT EDIT. Regenerate: PAVED_RECORD=1 swift test --filter AttributeCatalogTests

            extension AttributeCatalog {
                static let generatedTexts: [String] = [\(catalogs.map { "Self.\($0.name)" }.joined(separator: ", "))]

            """
        for catalog in catalogs {
            out += "\n    static let \(catalog.name) = #\"\"\"\n\(catalog.text)\n\"\"\"#\n"
        }
        out += "}\n"
        return out
    }
}

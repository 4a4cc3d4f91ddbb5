/// Writes the Swift source of one binding. Every list it writes is sorted by Terraform name, so the
/// text depends only on the schema.
enum BindingsSourceWriter {
    /// How a nested block (or nested attribute) is held in Swift and written in JSON.
    enum Layout {
        /// At most one: `X` or `X?`; written as a one-element array (`inList`, list and set
        /// blocks with `max_items: 1`) or as an object (`single` and `group`).
        case one(inList: Bool)
        /// Zero or more list or set blocks: `[X]`, an array of objects.
        case many
        /// `map` blocks: `[String: X]`, an object of objects by label.
        case map
    }

    enum Shape {
        /// An attribute; `kind` is its Swift kind, nil when it has none (objects, tuples, `dynamic`).
        case attribute(kind: String?)
        /// A nested block, or an attribute with nested attributes.
        case block(typeName: String, layout: Layout, block: SchemaBlock)
    }

    struct Member {
        var terraformName: String
        var swiftName: String
        var shape: Shape
        /// Non-optional in the initializer, without a default.
        var required: Bool
        /// An argument (false for computed-only attributes: references only).
        var settable: Bool
        /// The doc comment text, without `///`.
        var doc: String
        /// The doc comment of the reference accessor (kind and flags).
        var summary: String
        /// An attribute with nested attributes (rather than a nested block), for doc comments.
        var isNestedAttribute = false

        var escapedName: String { SwiftNaming.escaped(swiftName) }
        /// The initializer's internal parameter name: `_protocol` for keywords.
        var parameterName: String {
            SwiftNaming.keywords.contains(swiftName) ? "_" + swiftName : swiftName
        }

        var swiftType: String {
            switch shape {
            case .attribute(let kind):
                let base = kind.map { "TypedValue<\($0)>" } ?? "Value"
                return required ? base : base + "?"
            case .block(let typeName, let layout, _):
                switch layout {
                case .one: return required ? typeName : typeName + "?"
                case .many: return "[\(typeName)]"
                case .map: return "[String: \(typeName)]"
                }
            }
        }

        var defaultValue: String? {
            if required { return nil }
            switch shape {
            case .attribute: return "nil"
            case .block(_, let layout, _):
                switch layout {
                case .one: return "nil"
                case .many: return "[]"
                case .map: return "[:]"
                }
            }
        }

        var builderCall: String {
            let name = "\"\(terraformName)\""
            let property = "self.\(escapedName)"
            switch shape {
            case .attribute(let kind): return kind == nil ? "out.untyped(\(name), \(property))" : "out.typed(\(name), \(property))"
            case .block(_, let layout, _):
                switch layout {
                case .one(let inList): return inList ? "out.listBlock(\(name), \(property))" : "out.objectBlock(\(name), \(property))"
                case .many: return "out.blocks(\(name), \(property))"
                case .map: return "out.mapBlocks(\(name), \(property))"
                }
            }
        }
    }

    // MARK: - Files

    static func source(
        typeName: String, selection: BindingSelection, provider: ProviderSchema, schema: ResourceSchema
    ) -> String {
        var out = ""
        out.reserveCapacity(8_192)
        let kind = selection.mode == .data ? "data source" : "resource"
        out += BindingsGenerator.header + "\n"
        out += "// Source: \(provider.source), \(kind) \(selection.type).\n"
        out += "\n"
        out += "import PavedTerraform\n"
        out += "\n"
        let article = selection.mode == .data ? "a data source" : "a resource"
        out += "/// `\(selection)`, \(article) of `\(provider.source)` (schema version \(schema.version)).\n"
        out += "///\n"
        out += "/// The stored properties are its arguments, typed from the schema; ``Ref`` has typed references\n"
        out += "/// to every attribute, computed ones included.\n"
        writeStruct(
            name: typeName, block: schema.block, path: [], selection: selection, indent: "", into: &out)
        return out
    }

    // MARK: - Structs

    private static func sortedNames<S: Sequence>(_ names: S) -> [String] where S.Element == String {
        Array(Set(names)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The members of `block`, sorted by Terraform name.
    static func members(of block: SchemaBlock) -> [Member] {
        let names = sortedNames(Array(block.attributes.keys) + Array(block.blockTypes.keys))
        let swiftNames = SwiftNaming.allocate(names, preferred: SwiftNaming.lowerCamel, reserved: SwiftNaming.reservedMemberNames)
        var nestedNames: [String] = []
        for name in names {
            if block.blockTypes[name] != nil || block.attributes[name]?.nestedType != nil { nestedNames.append(name) }
        }
        let typeNames = SwiftNaming.allocate(nestedNames, preferred: SwiftNaming.nestedTypeName, reserved: SwiftNaming.reservedTypeNames)

        var out: [Member] = []
        out.reserveCapacity(names.count)
        for name in names {
            let swiftName = swiftNames[name] ?? name
            if let attribute = block.attributes[name] {
                let flags = attributeFlags(attribute)
                if let nested = attribute.nestedType {
                    let layout = layoutFor(nested.nestingMode, maxItems: nested.maxItems)
                    let nesting = "nested attributes (\(nested.nestingMode.rawValue) nesting\(bounds(min: nested.minItems, max: nested.maxItems)))"
                    out.append(Member(
                        terraformName: name, swiftName: swiftName,
                        shape: .block(typeName: typeNames[name] ?? name, layout: layout, block: nested.block),
                        required: attribute.required, settable: !attribute.isReadOnly,
                        doc: "`\(name)`: \(nesting), \(flags).", summary: "\(nesting), \(flags)", isNestedAttribute: true))
                } else {
                    let kind = attribute.type.flatMap(swiftKind)
                    let type = attribute.typeDescription
                    out.append(Member(
                        terraformName: name, swiftName: swiftName, shape: .attribute(kind: kind),
                        required: attribute.required, settable: !attribute.isReadOnly,
                        doc: "`\(name)`: \(type), \(flags).", summary: "\(type), \(flags)"))
                }
            } else if let nested = block.blockTypes[name] {
                let layout = layoutFor(nested.nestingMode, maxItems: nested.maxItems)
                let nesting = "(\(nested.nestingMode.rawValue) nesting\(bounds(min: nested.minItems, max: nested.effectiveMaxItems)))"
                let noun: String
                switch layout {
                case .one: noun = "block"
                case .many, .map: noun = "blocks"
                }
                out.append(Member(
                    terraformName: name, swiftName: swiftName,
                    shape: .block(typeName: typeNames[name] ?? name, layout: layout, block: nested.block),
                    required: nested.minItems > 0, settable: true,
                    doc: "`\(name)` \(noun) \(nesting).", summary: "\(noun) \(nesting)"))
            }
        }
        return out
    }

    private static func layoutFor(_ mode: NestingMode, maxItems: Int?) -> Layout {
        switch mode {
        case .single, .group: return .one(inList: false)
        case .list, .set: return maxItems == 1 ? .one(inList: true) : .many
        case .map: return .map
        }
    }

    private static func bounds(min: Int, max: Int?) -> String {
        if let max, max == min, min > 0 { return ", exactly \(min)" }
        var parts: [String] = []
        if min > 0 { parts.append("at least \(min)") }
        if let max { parts.append("at most \(max)") }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }

    private static func attributeFlags(_ attribute: SchemaAttribute) -> String {
        var flags: [String] = []
        if attribute.required { flags.append("required") }
        if attribute.optional { flags.append("optional") }
        if attribute.computed { flags.append("computed") }
        if attribute.sensitive { flags.append("sensitive") }
        if attribute.deprecated { flags.append("deprecated") }
        return flags.isEmpty ? "computed" : flags.joined(separator: ", ")
    }

    /// The Swift kind of a Terraform type, or nil when Swift has none for it.
    static func swiftKind(_ type: TerraformType) -> String? {
        switch type {
        case .string: return "String"
        case .number: return "Double"
        case .bool: return "Bool"
        case .list(let element): return swiftKind(element).map { "[\($0)]" }
        case .set(let element): return swiftKind(element).map { "Set<\($0)>" }
        case .map(let element): return swiftKind(element).map { "[String: \($0)]" }
        case .dynamic, .object, .tuple: return nil
        }
    }

    /// Writes `public struct name { … }` for a resource (`path` empty) or a nested block.
    private static func writeStruct(
        name: String, block: SchemaBlock, path: [String], selection: BindingSelection, indent: String,
        into out: inout String
    ) {
        let isTop = path.isEmpty
        let members = members(of: block)
        let arguments = members.filter(\.settable)
        let inner = indent + "    "

        out += "\(indent)public struct \(name): \(isTop ? "TerraformResourceBinding" : "TerraformBlockBinding") {\n"
        if isTop {
            let mode = selection.mode == .data ? ".data" : ".managed"
            out += "\(inner)public static let terraformType: String = \"\(selection.type)\"\n"
            out += "\(inner)public static let terraformMode: ResourceAddress.Mode = \(mode)\n"
            if !arguments.isEmpty { out += "\n" }
        }

        // Stored properties.
        for member in arguments {
            out += "\(inner)/// \(member.doc)\n"
            out += "\(inner)public var \(member.escapedName): \(member.swiftType)\n"
        }
        if isTop || !arguments.isEmpty { out += "\n" }

        // The initializer.
        if arguments.isEmpty {
            out += "\(inner)public init() {}\n"
        } else {
            out += "\(inner)/// The arguments in the order of their Terraform names; required ones have no default.\n"
            out += "\(inner)public init(\n"
            for (i, member) in arguments.enumerated() {
                let label = member.escapedName
                let parameter = member.parameterName == member.swiftName ? label : "\(label) \(member.parameterName)"
                let defaultText = member.defaultValue.map { " = \($0)" } ?? ""
                let comma = i == arguments.count - 1 ? "" : ","
                out += "\(inner)    \(parameter): \(member.swiftType)\(defaultText)\(comma)\n"
            }
            out += "\(inner)) {\n"
            for member in arguments {
                out += "\(inner)    self.\(member.escapedName) = \(member.parameterName)\n"
            }
            out += "\(inner)}\n"
        }

        // The conversion.
        out += "\n"
        out += "\(inner)public var terraformArguments: Members {\n"
        if arguments.isEmpty {
            out += "\(inner)    [:]\n"
        } else {
            out += "\(inner)    var out = TerraformArgumentsBuilder(capacity: \(arguments.count))\n"
            for member in arguments {
                out += "\(inner)    \(member.builderCall)\n"
            }
            out += "\(inner)    return out.build()\n"
        }
        out += "\(inner)}\n"

        // Nested blocks.
        for member in arguments {
            guard case .block(let typeName, _, let nestedBlock) = member.shape else { continue }
            let nestedPath = path + [member.terraformName]
            out += "\n"
            let what = member.isNestedAttribute ? "nested attribute" : "block"
            out += "\(inner)/// The body of one `\(nestedPath.joined(separator: "."))` \(what) in `\(selection)`.\n"
            writeStruct(name: typeName, block: nestedBlock, path: nestedPath, selection: selection, indent: inner, into: &out)
        }

        if isTop { writeRef(members: members, selection: selection, indent: inner, into: &out) }
        out += "\(indent)}\n"
    }

    /// The nested `Ref`: a typed reference per attribute (and an untyped one per block).
    private static func writeRef(members: [Member], selection: BindingSelection, indent: String, into out: inout String) {
        let inner = indent + "    "
        let mode = selection.mode == .data ? ".data" : ".managed"
        let prefix = selection.mode == .data ? "data.\(selection.type)" : selection.type
        out += "\n"
        out += "\(indent)/// Typed references to the attributes of one `\(selection)`: `\(prefix).NAME.ATTRIBUTE`.\n"
        out += "\(indent)public struct Ref: TerraformResourceReference {\n"
        out += "\(inner)public let terraformAddress: ResourceAddress\n"
        out += "\n"
        out += "\(inner)/// References to `\(prefix).NAME`.\n"
        out += "\(inner)public init(_ name: String) {\n"
        out += "\(inner)    self.terraformAddress = ResourceAddress(\(mode), type: \"\(selection.type)\", name: name)\n"
        out += "\(inner)}\n"
        for member in members {
            out += "\n"
            out += "\(inner)/// `\(prefix).NAME.\(member.terraformName)`: \(member.summary).\n"
            switch member.shape {
            case .attribute(let kind?):
                out += "\(inner)public var \(member.escapedName): TypedValue<\(kind)> { TypedValue(reference: self.terraformAddress, \"\(member.terraformName)\") }\n"
            case .attribute(nil), .block:
                out += "\(inner)public var \(member.escapedName): Value { .ref(self.terraformAddress, \"\(member.terraformName)\") }\n"
            }
        }
        out += "\(indent)}\n"
    }
}

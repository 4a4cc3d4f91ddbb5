/// Resources and data sources: their types, providers and bodies.
extension ModuleValidation {
    /// What validating a resource type against the schemas comes to.
    enum Resolution {
        /// The type's schema.
        case schema(ResourceSchema)
        /// The provider's schema is loaded and complete, and has no such type.
        case unknownType(ProviderSchema)
        /// The provider's schema is partial (Paved's bundle) and does not have the type.
        case notBundled(ProviderSchema)
        /// `required_providers` names a source whose schema lacks the type, which another
        /// provider has.
        case sourceMismatch(declared: String, actual: String)
        /// No schema for this provider: its resources are not checked.
        case noSchema(source: String)
    }

    /// One resource or data block to validate: where it is, and its body.
    struct Block {
        var type: String
        var typePath: [String]
        var name: String
        var path: [String]
        var body: JSON
    }

    func validateResources(_ value: JSON, mode: Mode) {
        let what = mode == .managed ? "\"resource\"" : "\"data\""
        var blocks: [Block] = []
        forEachMember(of: value, what: what) { type, byName in
            let typePath = path
            forEachMember(of: byName, what: Self.typeDescription(mode, type)) { name, body in
                blocks.append(Block(type: type, typePath: typePath, name: name, path: path, body: body))
            }
        }
        let saved = path
        defer { path = saved }
        if blocks.count < shareThreshold {
            validate(blocks[...], mode: mode)
            return
        }
        // Large modules: shares of the blocks, in order, on every core, each in a run of its own.
        // Their findings join in order, and of findings reported once per module, the first stays.
        nonisolated(unsafe) let base = self  // only read while the shares run
        let all = blocks
        let shares = Parallel.map(all.count, chunkSize: (all.count + 7) / 8) { range in
            let run = ModuleValidation(continuing: base)
            run.validate(all[range], mode: mode)
            return run.findings
        }
        for share in shares {
            for finding in share {
                if let key = finding.once, !firstReport(key) { continue }
                findings.append(finding)
            }
        }
    }

    private func validate(_ blocks: ArraySlice<Block>, mode: Mode) {
        for block in blocks {
            path = block.path
            let address = mode == .managed ? "\(block.type).\(block.name)" : "data.\(block.type).\(block.name)"
            forEachBody(of: block.body, what: address) { members in
                validateResource(members, mode: mode, type: block.type, address: address, typePath: block.typePath)
            }
        }
    }

    func validateResource(_ members: [String: JSON], mode: Mode, type: String, address: String, typePath: [String]) {
        provenance = Self.provenance(of: members, address: address)
        defer { provenance = nil }

        // The provider: the `provider` meta-argument, or the type's prefix.
        var localName = Self.providerPrefix(of: type)
        if case .string(let reference)? = members["provider"] {
            let configuration = TemplateScanner.bareTraversal(reference)
                .map { ([$0.root] + $0.attributeNames).joined(separator: ".") } ?? reference
            localName = String(configuration.split(separator: ".").first ?? Substring(configuration))
            if configuration.contains("."), !providerConfigurations.contains(configuration) {
                path.append("provider")
                report("provider configuration \"\(configuration)\" used by \(address) is not declared in a provider block or in configuration_aliases")
                path.removeLast()
            }
        }
        let metaArguments = mode == .managed ? MetaArguments.resource : MetaArguments.dataSource
        if localName == "terraform" {
            // Terraform's built-in provider (terraform_data, terraform_remote_state): never
            // declared, and its schema is Terraform's own.
            validateBody(members, schema: nil, owner: address, metaArguments: metaArguments, isResource: true)
            return
        }
        if requiredProviders[localName] == nil, firstReport("missing-provider:\(localName)") {
            report("provider \"\(localName)\" is used by \(address) but missing from terraform.required_providers")
            markLastReported("missing-provider:\(localName)")
        }

        switch resolve(mode: mode, type: type, localName: localName) {
        case .schema(let schema):
            validateBody(members, schema: schema.block, owner: address, metaArguments: metaArguments, isResource: true)
        case .unknownType(let provider):
            if firstReport("type:\(mode):\(type)") {
                let candidates = mode == .managed ? provider.resourceSchemas.keys : provider.dataSourceSchemas.keys
                let what = mode == .managed ? "resource type" : "data source type"
                report(
                    "unknown \(what) \"\(type)\" for provider \(provider.source)" + Suggestions.didYouMean(type, in: candidates),
                    at: typePath, in: document, provenance: provenance)
                markLastReported("type:\(mode):\(type)")
            }
            validateBody(members, schema: nil, owner: address, metaArguments: metaArguments, isResource: true)
        case .notBundled(let provider):
            if firstReport("type:\(mode):\(type)") {
                let candidates = mode == .managed ? provider.resourceSchemas.keys : provider.dataSourceSchemas.keys
                var hint = ""
                if let match = Suggestions.closest(to: type, in: candidates) { hint = " (did you mean \(match)?)" }
                let what = mode == .managed ? "resources" : "data sources"
                findings.append(Finding(
                    severity: .note,
                    message: "\(type) is not in Paved's bundled schemas\(hint); its \(what) are not checked (pass --schemas with the full \(provider.typeName) schema)",
                    document: document, path: typePath, provenance: nil, once: "type:\(mode):\(type)"))
            }
            validateBody(members, schema: nil, owner: address, metaArguments: metaArguments, isResource: true)
        case .sourceMismatch(let declared, let actual):
            if firstReport("mismatch:\(localName)"), let required = requiredProviders[localName] {
                let what = mode == .managed ? "a resource type" : "a data source type"
                let written = required.source.map { "\"\($0)\"" } ?? "(none, so hashicorp/\(localName))"
                report(
                    "provider \"\(localName)\" has source \(written) in terraform.required_providers (\(declared)), but \(type) is \(what) of \(actual)",
                    at: required.hasSourceKey ? required.path + ["source"] : required.path, in: required.document)
                markLastReported("mismatch:\(localName)")
            }
            validateBody(members, schema: nil, owner: address, metaArguments: metaArguments, isResource: true)
        case .noSchema(let source):
            if firstReport("no-schema:\(source)") {
                findings.append(Finding(
                    severity: .note,
                    message: "no schema loaded for provider \(source); its resources and data sources are not checked",
                    document: document, path: typePath, provenance: nil, once: "no-schema:\(source)"))
            }
            validateBody(members, schema: nil, owner: address, metaArguments: metaArguments, isResource: true)
        }
    }

    struct ResolutionKey: Hashable {
        var managed: Bool
        var localName: String
        var type: String
    }

    func resolve(mode: Mode, type: String, localName: String) -> Resolution {
        let key = ResolutionKey(managed: mode == .managed, localName: localName, type: type)
        if let cached = resolutions[key] { return cached }
        let result: Resolution
        let required = requiredProviders[localName]
        let find: (ProviderSchema) -> ResourceSchema? = { mode == .managed ? $0.resourceSchemas[type] : $0.dataSourceSchemas[type] }
        let elsewhere = mode == .managed ? schemas.resource(type) : schemas.dataSource(type)
        let declaredSource = ProviderSchemas.normalizeSource(required?.source ?? "hashicorp/\(localName)")
        if let provider = providerSchema(forLocalName: localName) {
            if let schema = find(provider) {
                result = .schema(schema)
            } else if required != nil, let other = elsewhere, other.provider.source != provider.source {
                result = .sourceMismatch(declared: declaredSource, actual: other.provider.source)
            } else if provider.isPartial {
                result = .notBundled(provider)
            } else {
                result = .unknownType(provider)
            }
        } else if required != nil, let other = elsewhere {
            result = .sourceMismatch(declared: declaredSource, actual: other.provider.source)
        } else {
            result = .noSchema(source: declaredSource)
        }
        resolutions[key] = result
        return result
    }

    /// The local provider name a type implies: `aws_s3_bucket` → `aws`.
    static func providerPrefix(of type: String) -> String {
        if let underscore = type.firstIndex(of: "_") { return String(type[..<underscore]) }
        return type
    }

    /// Paved's `"//": {"construct": …, "source": "File.swift:12"}` comment, if the body has one.
    static func provenance(of members: [String: JSON], address: String) -> Provenance? {
        guard case .object(let comment)? = members["//"], let source = comment["source"]?.stringValue else { return nil }
        return Provenance(address: address, construct: comment["construct"]?.stringValue, source: source)
    }

    // MARK: - Bodies

    /// Validates the members of a block body against `schema` (nil: only references are checked).
    func validateBody(
        _ members: [String: JSON], schema: SchemaBlock?, owner: String, metaArguments: Set<String> = [],
        isResource: Bool = false
    ) {
        var blockCounts: [String: Int] = [:]
        var dynamicBlocks: Set<String> = []
        for (key, value) in Self.sortedMembers(members) {
            path.append(key)
            defer { path.removeLast() }
            // Terraform reserves the meta-argument names: no schema has them as attributes, so
            // looking the schema up first is only faster.
            if let attribute = schema?.attributes[key] {
                validateAttribute(key, attribute, value, owner: owner)
                continue
            }
            if metaArguments.contains(key) {
                validateMetaArgument(key, value, owner: owner, schema: schema, isResource: isResource)
                continue
            }
            guard let schema else {
                scanReferences(value)
                continue
            }
            if let blockType = schema.blockTypes[key] {
                blockCounts[key] = validateBlocks(key, blockType, value, owner: owner)
            } else if key == "dynamic" {
                dynamicBlocks.formUnion(validateDynamicBlocks(value, schema: schema, owner: owner))
            } else {
                let candidates = schema.memberNames + (metaArguments.isEmpty ? [] : metaArguments.sorted())
                report("unknown attribute or block \"\(key)\" in \(owner)" + Suggestions.didYouMean(key, in: candidates))
                scanReferences(value)
            }
        }
        if isResource, members["count"] != nil, members["for_each"] != nil {
            report("\(owner) sets both count and for_each; use one of them")
        }
        guard let schema else { return }
        for name in schema.requiredAttributeNames {
            switch members[name] {
            case nil, .null?: report("missing required attribute \"\(name)\" in \(owner)")
            default: break
            }
        }
        for name in schema.requiredBlockNames where (blockCounts[name] ?? 0) == 0 && !dynamicBlocks.contains(name) {
            report("missing required block \"\(name)\" in \(owner)")
        }
    }

    func validateMetaArgument(_ key: String, _ value: JSON, owner: String, schema: SchemaBlock?, isResource: Bool) {
        switch key {
        case "depends_on", "replace_triggered_by":
            guard case .array(let items) = value else {
                report("\(key) of \(owner) must be an array of references, got \(Self.describe(value))")
                return
            }
            for (i, item) in items.enumerated() {
                path.append(String(i))
                if case .string(let text) = item, let traversal = TemplateScanner.bareTraversal(text) {
                    checkTraversal(traversal)
                } else {
                    report("\(key) entries of \(owner) must be references such as \"aws_s3_bucket.raw\", got \(Self.describe(item))")
                }
                path.removeLast()
            }
        case "lifecycle":
            forEachBody(of: value, what: "lifecycle of \(owner)") { members in
                for (name, setting) in Self.sortedMembers(members) {
                    path.append(name)
                    defer { path.removeLast() }
                    guard MetaArguments.lifecycle.contains(name) else {
                        report("unknown attribute or block \"\(name)\" in lifecycle of \(owner)"
                            + Suggestions.didYouMean(name, in: MetaArguments.lifecycle.sorted()))
                        continue
                    }
                    switch name {
                    case "replace_triggered_by":
                        validateMetaArgument(name, setting, owner: owner, schema: schema, isResource: isResource)
                    case "ignore_changes":
                        validateIgnoreChanges(setting, owner: owner, schema: schema)
                    case "create_before_destroy", "prevent_destroy":
                        var context = TypeContext(attribute: name, owner: "lifecycle of \(owner)", attributeType: .bool, depth: path.count)
                        checkValue(setting, .bool, &context)
                        scanReferences(setting)
                    default:
                        scanReferences(setting)
                    }
                }
            }
        case "provider":
            if value.stringValue == nil {
                report("provider of \(owner) must be a provider configuration such as \"aws.east\", got \(Self.describe(value))")
            }
        case "count":
            switch value {
            case .int, .double, .null: break
            case .string: scanReferences(value)
            default: report("count of \(owner) must be a number, got \(Self.describe(value))")
            }
        case "for_each":
            switch value {
            case .bool, .int, .double: report("for_each of \(owner) must be a map or a set of strings, got \(Self.describe(value))")
            default: scanReferences(value)
            }
        default:
            // alias, version, provisioner, connection.
            scanReferences(value)
        }
    }

    func validateIgnoreChanges(_ value: JSON, owner: String, schema: SchemaBlock?) {
        switch value {
        case .string(let s) where s == "all" || s == "${all}":
            return
        case .array(let items):
            for (i, item) in items.enumerated() {
                path.append(String(i))
                defer { path.removeLast() }
                guard case .string(let text) = item, let traversal = TemplateScanner.bareTraversal(text) else {
                    report("ignore_changes entries of \(owner) must be attribute names, got \(Self.describe(item))")
                    continue
                }
                if let schema, !schema.hasMember(traversal.root) {
                    report("ignore_changes of \(owner) names \"\(traversal.root)\", which is not an attribute or block"
                        + Suggestions.didYouMean(traversal.root, in: schema.memberNames))
                }
            }
        default:
            report("ignore_changes of \(owner) must be \"all\" or an array of attribute names, got \(Self.describe(value))")
        }
    }

    // MARK: - Nested blocks

    /// Validates the blocks of one block type; returns how many there are.
    func validateBlocks(_ name: String, _ blockType: NestedBlock, _ value: JSON, owner: String) -> Int {
        let blockOwner = "\(owner).\(name)"
        var count = 0
        switch (blockType.nestingMode, value) {
        case (_, .null):
            count = 0
        case (.map, _):
            forEachMember(of: value, what: "block \"\(name)\" in \(owner)") { label, body in
                forEachBody(of: body, what: "block \"\(name)\" \"\(label)\" in \(owner)") { members in
                    count += 1
                    validateBody(members, schema: blockType.block, owner: blockOwner)
                }
            }
        case (_, .object(let members)):
            count = 1
            validateBody(members, schema: blockType.block, owner: blockOwner)
        case (_, .array(let elements)):
            for (i, element) in elements.enumerated() {
                path.append(String(i))
                if case .object(let members) = element {
                    count += 1
                    validateBody(members, schema: blockType.block, owner: blockOwner)
                } else {
                    report("block \"\(name)\" in \(owner) must be an object or an array of objects, got an array holding \(Self.describe(element))")
                }
                path.removeLast()
            }
        default:
            report("block \"\(name)\" in \(owner) must be an object or an array of objects, got \(Self.describe(value))")
            scanReferences(value)
            return 0
        }
        if let maximum = blockType.effectiveMaxItems, count > maximum {
            report("too many \"\(name)\" blocks in \(owner): at most \(maximum) allowed, got \(count)")
        }
        if count > 0, count < blockType.minItems {
            report("too few \"\(name)\" blocks in \(owner): at least \(blockType.minItems) required, got \(count)")
        }
        return count
    }

    /// `"dynamic": {"rule": {"for_each": …, "content": {…}}}`; returns the block types it fills.
    func validateDynamicBlocks(_ value: JSON, schema: SchemaBlock, owner: String) -> Set<String> {
        var covered: Set<String> = []
        forEachMember(of: value, what: "dynamic in \(owner)") { name, spec in
            guard let blockType = schema.blockTypes[name] else {
                report("unknown block type \"\(name)\" in dynamic block of \(owner)"
                    + Suggestions.didYouMean(name, in: schema.blockTypes.keys))
                scanReferences(spec)
                return
            }
            covered.insert(name)
            forEachBody(of: spec, what: "dynamic block \"\(name)\" in \(owner)") { members in
                if members["for_each"] == nil || members["content"] == nil {
                    report("dynamic block \"\(name)\" in \(owner) must have \"for_each\" and \"content\"")
                }
                for (key, member) in Self.sortedMembers(members) {
                    path.append(key)
                    defer { path.removeLast() }
                    switch key {
                    case "content":
                        // Inside the content, the iterator (the block type's name, or `iterator`)
                        // is a local name, not a resource.
                        let iterator = members["iterator"]?.stringValue ?? name
                        let added = boundNames.insert(iterator).inserted
                        forEachBody(of: member, what: "content of dynamic block \"\(name)\" in \(owner)") { content in
                            validateBody(content, schema: blockType.block, owner: "\(owner).\(name)")
                        }
                        if added { boundNames.remove(iterator) }
                    case "for_each", "iterator", "labels":
                        scanReferences(member)
                    default:
                        report("unknown attribute or block \"\(key)\" in dynamic block \"\(name)\" of \(owner)"
                            + Suggestions.didYouMean(key, in: ["content", "for_each", "iterator", "labels"]))
                    }
                }
            }
        }
        return covered
    }
}

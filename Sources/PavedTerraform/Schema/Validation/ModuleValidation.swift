/// One validation run over the documents of a module.
///
/// First it collects what the module declares (resources, data sources, required providers,
/// provider configurations) from every document, then walks each document, keeping the JSON path
/// it is at so each finding gets its pointer and line.
final class ModuleValidation {
    enum Mode { case managed, data }

    struct Declaration {
        var document: Int
        var path: [String]
    }

    struct RequiredProvider {
        /// The `source` as written, or nil when the entry has none (a version string, say).
        var source: String?
        var document: Int
        /// The path of the entry (`/terraform/required_providers/aws`).
        var path: [String]
        var hasSourceKey: Bool
    }

    /// Where a resource came from in the user's Swift code (Paved's `"//"` comment).
    struct Provenance {
        var address: String
        var construct: String?
        var source: String
    }

    struct Finding {
        var severity: Diagnostic.Severity
        var message: String
        var document: Int
        var path: [String]
        var provenance: Provenance?
        /// For findings reported once per module: the key in ``reported``.
        var once: String?
    }

    let schemas: ProviderSchemas
    let documents: [JSONDocument]
    var findings: [Finding] = []

    // Declarations.
    var managed: [String: [String: Declaration]] = [:]
    var data: [String: [String: Declaration]] = [:]
    var requiredProviders: [String: RequiredProvider] = [:]
    /// Provider configurations: `aws` and `aws.east`.
    var providerConfigurations: Set<String> = []
    /// Input variables and local values.
    var variables: Set<String> = []
    var locals: Set<String> = []
    /// Local names that may prefix resource types: from the schemas and `required_providers`.
    var providerLocalNames: Set<String> = []

    // Walking state.
    /// Names bound by enclosing `dynamic` blocks (their iterators), which shadow everything else.
    var boundNames: Set<String> = []
    var document = 0
    var path: [String] = []
    var provenance: Provenance?

    /// From how many resource and data blocks they are validated in shares on every core.
    var shareThreshold = 4096

    /// Keys of the findings reported once per module (a missing provider, an unknown type…).
    var reported: Set<String> = []
    var resolutions: [ResolutionKey: Resolution] = [:]
    var referenceTargets: [String: (isResourceType: Bool, schema: SchemaBlock?)] = [:]

    /// A run that continues `other`'s, for a share of its resources on another thread: the same
    /// declarations and findings reported once so far, its own findings and caches.
    init(continuing other: ModuleValidation) {
        schemas = other.schemas
        documents = other.documents
        managed = other.managed
        data = other.data
        requiredProviders = other.requiredProviders
        providerConfigurations = other.providerConfigurations
        variables = other.variables
        locals = other.locals
        providerLocalNames = other.providerLocalNames
        boundNames = other.boundNames
        document = other.document
        path = other.path
        reported = other.reported
    }

    init(schemas: ProviderSchemas, documents: [JSONDocument]) {
        self.schemas = schemas
        self.documents = documents
        for source in schemas.sources {
            if let provider = schemas.providers[source] { providerLocalNames.insert(provider.typeName) }
        }
    }

    func run() {
        for index in documents.indices {
            document = index
            collectDeclarations(documents[index].root)
        }
        providerLocalNames.formUnion(requiredProviders.keys)
        for index in documents.indices {
            document = index
            path = []
            validateDocument(documents[index].root)
        }
    }

    // MARK: - Reporting

    /// True the first time `key` is reported in this module: the finding then goes in with it.
    func firstReport(_ key: String) -> Bool {
        reported.insert(key).inserted
    }

    /// Marks the last finding as the one reported for `key`.
    func markLastReported(_ key: String) {
        if !findings.isEmpty { findings[findings.count - 1].once = key }
    }

    func report(_ message: String, severity: Diagnostic.Severity = .error) {
        findings.append(Finding(severity: severity, message: message, document: document, path: path, provenance: provenance))
    }

    func report(_ message: String, at path: [String], in document: Int, provenance: Provenance? = nil) {
        findings.append(Finding(severity: .error, message: message, document: document, path: path, provenance: provenance))
    }

    /// The findings as diagnostics: sorted by file, line and pointer; each finding inside a
    /// resource with provenance carries a note at its Swift line.
    func results() -> [ValidationFinding] {
        struct Entry {
            var finding: Finding
            var line: Int
            var column: Int
            var pointer: String
        }
        var entries: [Entry] = []
        entries.reserveCapacity(findings.count)
        for finding in findings {
            let doc = documents[finding.document]
            let position = Self.nearestPosition(in: doc, path: finding.path)
            entries.append(Entry(
                finding: finding, line: position.line, column: position.column,
                pointer: JSONPointer.make(finding.path)))
        }
        entries.sort { a, b in
            if a.finding.document != b.finding.document { return a.finding.document < b.finding.document }
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            if a.pointer != b.pointer { return a.pointer.utf8.lexicographicallyPrecedes(b.pointer.utf8) }
            return a.finding.message.utf8.lexicographicallyPrecedes(b.finding.message.utf8)
        }
        var result: [ValidationFinding] = []
        var previous: (document: Int, pointer: String, message: String)?
        for entry in entries {
            let key = (entry.finding.document, entry.pointer, entry.finding.message)
            if let previous, previous == key { continue }
            previous = key
            let file = documents[entry.finding.document].file
            let diagnostic = Diagnostic(
                entry.finding.severity, entry.finding.message, at: SourceLocation(file: file, line: entry.line),
                jsonPointer: entry.pointer)
            result.append(ValidationFinding(
                diagnostic: diagnostic, notes: entry.finding.provenance.map { [Self.note(for: $0)] } ?? []))
        }
        return result
    }

    static func nearestPosition(in document: JSONDocument, path: [String]) -> JSONPosition {
        var tokens = path
        while true {
            if let position = document.position(at: tokens) { return position }
            if tokens.isEmpty { return JSONPosition(line: 1, column: 1, offset: 0) }
            tokens.removeLast()
        }
    }

    /// `AcmeData/Platform.swift:12: note: aws_s3_bucket.raw was synthesized from construct acme-data/raw-events`.
    static func note(for provenance: Provenance) -> Diagnostic {
        let what = provenance.construct.map { "construct \($0)" } ?? "Paved"
        let message = "\(provenance.address) was synthesized from \(what)"
        if let location = parseLocation(provenance.source) {
            return Diagnostic(.note, message, at: location)
        }
        return Diagnostic(.note, "\(message) at \(provenance.source)")
    }

    /// `File.swift:12` or `File.swift:12:5` as a location; nil for anything else.
    static func parseLocation(_ text: String) -> SourceLocation? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = Int(parts[parts.count - 1]), last > 0 else { return nil }
        if parts.count >= 3, let line = Int(parts[parts.count - 2]), line > 0 {
            let file = parts[0..<(parts.count - 2)].joined(separator: ":")
            return file.isEmpty ? nil : SourceLocation(file: file, line: line, column: last)
        }
        let file = parts[0..<(parts.count - 1)].joined(separator: ":")
        return file.isEmpty ? nil : SourceLocation(file: file, line: last)
    }

    // MARK: - Walking helpers

    /// The members of `members` sorted by key, without `"//"` comments. (String order is the same
    /// on every platform; the order only has to be stable, findings are sorted by line at the end.)
    static func sortedMembers(_ members: [String: JSON]) -> [(key: String, value: JSON)] {
        var result: [(key: String, value: JSON)] = []
        result.reserveCapacity(members.count)
        for (key, value) in members where key != "//" { result.append((key, value)) }
        result.sort { $0.key < $1.key }
        return result
    }

    /// Calls `body` for each member of a label level, which JSON syntax allows as an object or an
    /// array of objects; `path` holds each member's tokens while `body` runs.
    func forEachMember(of value: JSON, what: String, sorted: Bool = true, _ body: (String, JSON) -> Void) {
        switch value {
        case .object(let members) where !sorted:
            for (key, member) in members where key != "//" {
                path.append(key)
                body(key, member)
                path.removeLast()
            }
        case .object(let members):
            for (key, member) in Self.sortedMembers(members) {
                path.append(key)
                body(key, member)
                path.removeLast()
            }
        case .array(let elements):
            for (i, element) in elements.enumerated() {
                path.append(String(i))
                if case .object(let members) = element {
                    for (key, member) in Self.sortedMembers(members) {
                        path.append(key)
                        body(key, member)
                        path.removeLast()
                    }
                } else {
                    report("\(what) must be an object, got \(Self.describe(element))")
                }
                path.removeLast()
            }
        default:
            report("\(what) must be an object, got \(Self.describe(value))")
        }
    }

    /// Calls `body` for each object a body position holds: the object itself, or each element of
    /// an array of objects (with its index on `path`). Reports anything else.
    func forEachBody(of value: JSON, what: String, _ body: ([String: JSON]) -> Void) {
        switch value {
        case .object(let members):
            body(members)
        case .array(let elements):
            for (i, element) in elements.enumerated() {
                path.append(String(i))
                if case .object(let members) = element {
                    body(members)
                } else {
                    report("\(what) must be an object, got \(Self.describe(element))")
                }
                path.removeLast()
            }
        default:
            report("\(what) must be an object, got \(Self.describe(value))")
        }
    }

    /// `string "yes"`, `number 3`, `bool true`, `array`, `object`, `null`.
    static func describe(_ value: JSON) -> String {
        switch value {
        case .string(let s):
            let shown = s.count > 40 ? String(s.prefix(37)) + "..." : s
            return "string \(compactJSON(.string(shown)))"
        case .int, .double: return "number \(compactJSON(value))"
        case .bool(let b): return "bool \(b)"
        case .array: return "array"
        case .object: return "object"
        case .null: return "null"
        }
    }

    // MARK: - Declarations

    func collectDeclarations(_ root: JSON) {
        guard case .object(let members) = root else { return }
        let saved = findings.count
        if let terraform = members["terraform"] {
            path = ["terraform"]
            forEachBody(of: terraform, what: "\"terraform\"") { settings in
                guard let required = settings["required_providers"] else { return }
                path.append("required_providers")
                forEachMember(of: required, what: "\"required_providers\"") { name, entry in
                    collectRequiredProvider(name, entry)
                }
                path.removeLast()
            }
        }
        if let providers = members["provider"] {
            path = ["provider"]
            forEachMember(of: providers, what: "\"provider\"") { name, value in
                forEachBody(of: value, what: "provider \"\(name)\"") { config in
                    if let alias = config["alias"]?.stringValue {
                        providerConfigurations.insert("\(name).\(alias)")
                    } else {
                        providerConfigurations.insert(name)
                    }
                }
            }
        }
        if let declared = members["variable"] {
            path = ["variable"]
            forEachMember(of: declared, what: "\"variable\"", sorted: false) { name, _ in variables.insert(name) }
        }
        if let declared = members["locals"] {
            path = ["locals"]
            forEachBody(of: declared, what: "\"locals\"") { values in
                for name in values.keys where name != "//" { locals.insert(name) }
            }
        }
        if let checks = members["check"] {
            // Data sources scoped to a check block.
            path = ["check"]
            forEachMember(of: checks, what: "\"check\"", sorted: false) { _, check in
                forEachBody(of: check, what: "check") { body in
                    guard let scoped = body["data"] else { return }
                    path.append("data")
                    forEachMember(of: scoped, what: "\"data\"", sorted: false) { type, byName in
                        forEachMember(of: byName, what: Self.typeDescription(.data, type), sorted: false) { name, _ in
                            declare(.data, type: type, name: name)
                        }
                    }
                    path.removeLast()
                }
            }
        }
        for (key, mode) in [("resource", Mode.managed), ("data", Mode.data)] {
            guard let blocks = members[key] else { continue }
            path = [key]
            forEachMember(of: blocks, what: "\"\(key)\"") { type, byName in
                // Order does not matter here: one object cannot declare a name twice.
                forEachMember(of: byName, what: Self.typeDescription(mode, type), sorted: false) { name, _ in
                    declare(mode, type: type, name: name)
                }
            }
        }
        // Shape errors are reported again, with context, by the validation pass.
        findings.removeSubrange(saved...)
        path = []
    }

    func collectRequiredProvider(_ name: String, _ entry: JSON) {
        switch entry {
        case .object(let settings):
            let source = settings["source"]?.stringValue
            requiredProviders[name] = RequiredProvider(
                source: source, document: document, path: path, hasSourceKey: settings["source"] != nil)
            if let aliases = settings["configuration_aliases"]?.arrayValue {
                for alias in aliases {
                    guard let text = alias.stringValue, let traversal = TemplateScanner.bareTraversal(text) else { continue }
                    providerConfigurations.insert(([traversal.root] + traversal.attributeNames).joined(separator: "."))
                }
            }
        default:
            requiredProviders[name] = RequiredProvider(source: nil, document: document, path: path, hasSourceKey: false)
        }
    }

    func declare(_ mode: Mode, type: String, name: String) {
        let declaration = Declaration(document: document, path: path)
        let existing = mode == .managed ? managed[type]?[name] : data[type]?[name]
        if let first = existing {
            let at = documents[first.document].file + ":" + String(Self.nearestPosition(in: documents[first.document], path: first.path).line)
            let address = mode == .managed ? "\(type).\(name)" : "data.\(type).\(name)"
            let what = mode == .managed ? "resource" : "data source"
            duplicateFindings.append(Finding(
                severity: .error, message: "duplicate \(what) \(address); first declared at \(at)",
                document: document, path: path, provenance: nil))
            return
        }
        switch mode {
        case .managed: managed[type, default: [:]][name] = declaration
        case .data: data[type, default: [:]][name] = declaration
        }
    }

    /// Duplicates found while collecting (kept apart from shape errors, which are dropped there).
    var duplicateFindings: [Finding] = []

    static func typeDescription(_ mode: Mode, _ type: String) -> String {
        mode == .managed ? "resource type \"\(type)\"" : "data source type \"\(type)\""
    }

    // MARK: - Documents

    func validateDocument(_ root: JSON) {
        findings.append(contentsOf: duplicateFindings.filter { $0.document == document })
        guard case .object(let members) = root else {
            report("a Terraform JSON configuration must be an object, got \(Self.describe(root))")
            return
        }
        for (key, value) in Self.sortedMembers(members) {
            path = [key]
            switch key {
            case "terraform": validateTerraformSettings(value)
            case "provider": validateProviders(value)
            case "resource": validateResources(value, mode: .managed)
            case "data": validateResources(value, mode: .data)
            case "output": validateNamedBlocks(value, kind: "output", required: ["value"])
            case "module": validateNamedBlocks(value, kind: "module", required: ["source"])
            case "variable": validateNamedBlocks(value, kind: "variable", required: [])
            case "locals", "moved", "import", "check", "removed", "ephemeral": scanReferences(value)
            default:
                report("unknown top-level key \"\(key)\"" + Suggestions.didYouMean(key, in: MetaArguments.topLevel))
            }
        }
        path = []
    }

    func validateTerraformSettings(_ value: JSON) {
        forEachBody(of: value, what: "\"terraform\"") { settings in
            guard let required = settings["required_providers"] else { return }
            path.append("required_providers")
            forEachMember(of: required, what: "\"required_providers\"") { name, entry in
                switch entry {
                case .object(let settings):
                    if let source = settings["source"], source.stringValue == nil {
                        path.append("source")
                        report("source of provider \"\(name)\" in required_providers must be a string, got \(Self.describe(source))")
                        path.removeLast()
                    }
                case .string:
                    break
                default:
                    report("required_providers entry \"\(name)\" must be an object with \"source\" and \"version\", got \(Self.describe(entry))")
                }
            }
            path.removeLast()
        }
    }

    /// Outputs, module calls and variables: named blocks whose bodies are checked for their
    /// required keys and for references.
    func validateNamedBlocks(_ value: JSON, kind: String, required: [String]) {
        forEachMember(of: value, what: "\"\(kind)\"") { name, body in
            forEachBody(of: body, what: "\(kind) \"\(name)\"") { members in
                for key in required where members[key] == nil {
                    report("missing required attribute \"\(key)\" in \(kind) \"\(name)\"")
                }
                scanReferences(.object(members))
            }
        }
    }

    func validateProviders(_ value: JSON) {
        forEachMember(of: value, what: "\"provider\"") { name, configs in
            let provider = providerSchema(forLocalName: name)
            forEachBody(of: configs, what: "provider \"\(name)\"") { members in
                validateBody(
                    members, schema: provider?.provider, owner: "provider.\(name)",
                    metaArguments: MetaArguments.provider)
            }
        }
    }

    /// The schema Terraform would use for local provider name `name`.
    func providerSchema(forLocalName name: String) -> ProviderSchema? {
        if let required = requiredProviders[name] {
            return schemas.provider(source: required.source ?? "hashicorp/\(name)")
        }
        return schemas.provider(localName: name)
    }
}

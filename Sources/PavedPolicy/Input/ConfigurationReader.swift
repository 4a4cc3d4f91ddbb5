import PavedTerraform

/// Reads the `resource` and `data` blocks of one Terraform JSON configuration document.
///
/// Terraform's JSON syntax allows a block body, and each label level above it, to be an object or
/// an array of objects; both are read. Problems are reported with the file, line and pointer.
struct ConfigurationReader {
    let file: String
    let document: Int
    let scope: Int
    let environment: String?
    let sourcePaths: [String: String]
    /// Positions, when the document was parsed from a file.
    var positions: JSONDocument?

    private(set) var resources: [PolicyResource] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// `provider "aws" { default_tags { tags = … } }` of the default (unaliased) configuration.
    private var defaultTags: [String: JSON]?

    init(file: String, document: Int, scope: Int, environment: String?, sourcePaths: [String: String], positions: JSONDocument? = nil) {
        self.file = file
        self.document = document
        self.scope = scope
        self.environment = environment
        self.sourcePaths = sourcePaths
        self.positions = positions
    }

    mutating func read(_ root: JSON) {
        guard case .object(let members) = root else {
            error("a Terraform JSON configuration must be an object, not \(root.kindName)", at: [])
            return
        }
        defaultTags = Self.awsDefaultTags(members["provider"])
        for (key, mode) in [("resource", PolicyResource.Mode.managed), ("data", .data)] {
            guard let section = members[key] else { continue }
            for (types, pointer) in objects(section, at: [key], what: "the \(key) section") {
                for type in types.keys.sorted() {
                    guard let byName = types[type] else { continue }
                    for (names, pointer) in objects(byName, at: pointer + [type], what: "\(key) type '\(type)'") {
                        for name in names.keys.sorted() {
                            guard let value = names[name] else { continue }
                            let what = "\(mode == .data ? "data." : "")\(type).\(name)"
                            for (body, pointer) in objects(value, at: pointer + [name], what: what) {
                                add(mode: mode, type: type, name: name, body: body, pointer: pointer)
                            }
                        }
                    }
                }
            }
        }
        // Grants, policies and other untaggable blocks are in the environment that every tagged
        // resource of the file agrees on: a synthesized stack is one environment.
        let environments = Set(resources.lazy.compactMap(\.environment))
        if environments.count == 1, let only = environments.first {
            for i in resources.indices where resources[i].environment == nil { resources[i] = resources[i].with(environment: only) }
        }
    }

    /// The object, or each object of an array, with its pointer; anything else is reported.
    private mutating func objects(_ value: JSON, at pointer: [String], what: String) -> [([String: JSON], [String])] {
        switch value {
        case .object(let members):
            return [(members, pointer)]
        case .array(let elements):
            var out: [([String: JSON], [String])] = []
            for (i, element) in elements.enumerated() {
                if case .object(let members) = element {
                    out.append((members, pointer + [String(i)]))
                } else {
                    error("\(what) must be an object or an array of objects, found \(element.kindName)", at: pointer + [String(i)])
                }
            }
            return out
        default:
            error("\(what) must be an object, found \(value.kindName)", at: pointer)
            return []
        }
    }

    private mutating func add(mode: PolicyResource.Mode, type: String, name: String, body: [String: JSON], pointer: [String]) {
        // The body is kept as it is (with its `//` comment, which Terraform ignores too): copying
        // every body without it would double the memory of a large input.
        let attributes = body
        let comment = body["//"]?.objectValue
        let address = mode == .data ? "data.\(type).\(name)" : "\(type).\(name)"
        var swiftSource: SourceLocation?
        if let source = comment?["source"]?.stringValue {
            swiftSource = Self.parseSource(source)
            if swiftSource == nil {
                warning("provenance source '\(source)' of \(address) is not FILE:LINE; findings will point at the JSON instead", at: pointer + ["//", "source"])
            } else if let path = sourcePaths[swiftSource?.file ?? ""] {
                swiftSource?.filePath = path
            }
        }
        let metadata = ResourceMetadata.read(
            body: attributes, comment: comment, defaultTags: type.hasPrefix("aws_") && mode == .managed ? defaultTags : nil)
        var waivers: [Waiver] = []
        if let list = comment?["waivers"] {
            waivers = readWaivers(list, address: address, at: pointer + ["//", "waivers"], swiftSource: swiftSource)
        }
        let resource = PolicyResource(
            address: address, configAddress: address, modulePath: "", type: type, name: name, mode: mode,
            attributes: .object(attributes), constructPath: comment?["construct"]?.stringValue, swiftSource: swiftSource,
            environment: environment ?? metadata.environment, metadata: metadata, waivers: waivers, referenceSource: nil,
            scope: scope, document: document, pointer: pointer)
        resources.append(resource)
    }

    /// Waivers declared in the DSL: `[{"rule", "reason", "owner", "expires"}]`, scoped to this resource.
    private mutating func readWaivers(_ value: JSON, address: String, at pointer: [String], swiftSource: SourceLocation?) -> [Waiver] {
        guard case .array(let entries) = value else {
            error("waivers of \(address) must be an array", at: pointer)
            return []
        }
        var out: [Waiver] = []
        for (i, entry) in entries.enumerated() {
            let here = pointer + [String(i)]
            // The waiver's own DSL line (`"source"`), else the resource's, else the JSON position.
            var location = swiftSource ?? self.location(here)
            if let source = entry["source"]?.stringValue, let colon = source.lastIndex(of: ":"),
               let line = Int(source[source.index(after: colon)...])
            {
                let file = String(source[..<colon])
                location = SourceLocation(file: file, line: line, filePath: swiftSource?.file == file ? swiftSource?.filePath : nil)
            }
            func report(_ message: String) {
                diagnostics.append(.error("\(address): \(message)", at: location, jsonPointer: swiftSource == nil ? JSONPointer.make(here) : nil))
            }
            guard case .object(let fields) = entry else {
                report("a waiver must be an object with rule, reason, owner and expires")
                continue
            }
            var missing: [String] = []
            func text(_ key: String) -> String {
                if let s = fields[key]?.stringValue { return s }
                missing.append(key)
                return ""
            }
            let rule = text("rule"), reason = text("reason"), owner = text("owner"), expires = text("expires")
            if !missing.isEmpty {
                report("waiver is missing \(missing.joined(separator: ", ")) (every waiver has rule, reason, owner and expires)")
                continue
            }
            let problems = Waiver.problems(reason: reason, owner: owner)
            for problem in problems { report(problem) }
            guard let date = CivilDate(parsing: expires) else {
                report("waiver for \(rule) expires '\(expires)', which is not a valid date (YYYY-MM-DD)")
                continue
            }
            guard problems.isEmpty else { continue }
            out.append(Waiver(
                ruleID: rule, scope: .resource(address: address), environment: fields["environment"]?.stringValue,
                reason: reason, owner: owner, expires: date, location: location))
        }
        return out
    }

    /// The tags of the unaliased `aws` provider's `default_tags` block.
    static func awsDefaultTags(_ providers: JSON?) -> [String: JSON]? {
        let configs: [JSON]
        switch providers?["aws"] {
        case .object(let o): configs = [.object(o)]
        case .array(let a): configs = a
        default: return nil
        }
        guard let config = configs.first(where: { $0["alias"] == nil }) else { return nil }
        switch config["default_tags"] {
        case .object(let o): return o["tags"]?.objectValue
        case .array(let a): return a.first?["tags"]?.objectValue
        default: return nil
        }
    }

    /// `AcmeData/Platform.swift:12` (or `…:12:5`) → file, line (and column).
    static func parseSource(_ text: String) -> SourceLocation? {
        let utf8 = text.utf8
        // Up to two trailing `:digits` groups.
        var numbers: [Int] = []
        var end = utf8.endIndex
        while numbers.count < 2 {
            var start = end
            var value = 0
            var multiplier = 1
            while start > utf8.startIndex {
                let previous = utf8.index(before: start)
                let byte = utf8[previous]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), multiplier < 1_000_000_000 else { break }
                value += Int(byte - UInt8(ascii: "0")) * multiplier
                multiplier *= 10
                start = previous
            }
            guard start < end, start > utf8.startIndex, utf8[utf8.index(before: start)] == UInt8(ascii: ":") else { break }
            numbers.append(value)
            end = utf8.index(before: start)
        }
        guard let last = numbers.first, end > utf8.startIndex else { return nil }
        let file = String(text[..<end])
        if numbers.count == 2 {
            guard numbers[1] > 0 else { return nil }
            return SourceLocation(file: file, line: numbers[1], column: last)
        }
        guard last > 0 else { return nil }
        return SourceLocation(file: file, line: last)
    }

    func location(_ pointer: [String]) -> SourceLocation {
        if let positions {
            return positions.nearestLocation(at: JSONPointer.make(pointer))
        }
        return SourceLocation(file: file, line: 1)
    }

    private mutating func error(_ message: String, at pointer: [String]) {
        diagnostics.append(.error(message, at: location(pointer), jsonPointer: JSONPointer.make(pointer)))
    }

    private mutating func warning(_ message: String, at pointer: [String]) {
        diagnostics.append(.warning(message, at: location(pointer), jsonPointer: JSONPointer.make(pointer)))
    }
}

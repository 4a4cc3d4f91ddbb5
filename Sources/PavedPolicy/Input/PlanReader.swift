import PavedTerraform

/// Reads the output of `terraform show -json PLANFILE`: the resources of `planned_values`
/// (root and child modules), with references taken from `configuration`.
///
/// Resources being destroyed are not in `planned_values`, so they are not evaluated. Values the
/// plan does not know yet (`after_unknown`) are absent.
struct PlanReader {
    let file: String
    let document: Int
    let scope: Int
    var positions: JSONDocument?

    private(set) var resources: [PolicyResource] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Reference mirrors by configuration address (`module.lake.aws_s3_bucket.raw`).
    private var references: [String: JSON] = [:]

    init(file: String, document: Int, scope: Int, positions: JSONDocument? = nil) {
        self.file = file
        self.document = document
        self.scope = scope
        self.positions = positions
    }

    /// True when `root` looks like plan JSON rather than a configuration.
    static func isPlan(_ root: JSON) -> Bool {
        guard case .object(let members) = root else { return false }
        return members["planned_values"] != nil || (members["format_version"] != nil && members["resource_changes"] != nil)
    }

    mutating func read(_ root: JSON) {
        if let version = root["format_version"]?.stringValue, !version.hasPrefix("1.") {
            diagnostics.append(.warning(
                "plan format_version \(version) is newer than the 1.x this reader knows; reading it anyway",
                at: location(["format_version"]), jsonPointer: "/format_version"))
        }
        if let configuration = root["configuration"]?["root_module"] {
            collectReferences(configuration, modulePath: "")
        }
        guard let planned = root["planned_values"] else {
            diagnostics.append(.warning("the plan has no planned_values: nothing to check", at: location([])))
            return
        }
        guard let rootModule = planned["root_module"] else { return }
        readModule(rootModule, pointer: ["planned_values", "root_module"])
    }

    // MARK: planned_values

    private mutating func readModule(_ module: JSON, pointer: [String]) {
        guard case .object(let members) = module else {
            error("a plan module must be an object, found \(module.kindName)", at: pointer)
            return
        }
        if let list = members["resources"] {
            guard case .array(let entries) = list else {
                error("resources must be an array, found \(list.kindName)", at: pointer + ["resources"])
                return
            }
            for (i, entry) in entries.enumerated() { readResource(entry, pointer: pointer + ["resources", String(i)]) }
        }
        if case .array(let children) = members["child_modules"] ?? .null {
            for (i, child) in children.enumerated() { readModule(child, pointer: pointer + ["child_modules", String(i)]) }
        }
    }

    private mutating func readResource(_ entry: JSON, pointer: [String]) {
        guard case .object(let fields) = entry,
              let address = fields["address"]?.stringValue, let type = fields["type"]?.stringValue,
              let name = fields["name"]?.stringValue
        else {
            error("a planned resource needs address, type and name", at: pointer)
            return
        }
        let mode: PolicyResource.Mode = fields["mode"]?.stringValue == "data" ? .data : .managed
        let values = fields["values"]?.objectValue ?? [:]
        let configAddress = Self.configAddress(of: address)
        let modulePath = Self.modulePath(of: configAddress, type: type, name: name, mode: mode)
        let metadata = ResourceMetadata.read(body: values, comment: nil)
        resources.append(PolicyResource(
            address: address, configAddress: configAddress, modulePath: modulePath, type: type, name: name, mode: mode,
            attributes: .object(values), constructPath: nil, swiftSource: nil, environment: metadata.environment,
            metadata: metadata, waivers: [], referenceSource: references[configAddress] ?? .object([:]),
            scope: scope, document: document, pointer: pointer + ["values"]))
    }

    // MARK: configuration

    private mutating func collectReferences(_ module: JSON, modulePath: String) {
        for entry in module["resources"]?.arrayValue ?? [] {
            guard let address = entry["address"]?.stringValue else { continue }
            let full = modulePath.isEmpty ? address : "\(modulePath).\(address)"
            references[full] = Self.mirror(entry["expressions"] ?? .object([:]))
        }
        for (name, call) in (module["module_calls"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let child = call["module"] else { continue }
            let path = modulePath.isEmpty ? "module.\(name)" : "\(modulePath).module.\(name)"
            collectReferences(child, modulePath: path)
        }
    }

    /// Turns configuration expressions into the attribute shape, each expression becoming the
    /// string `${ref} ${ref}…` of its references (or null without any).
    static func mirror(_ expressions: JSON) -> JSON {
        switch expressions {
        case .object(let members):
            if members["references"] != nil || members["constant_value"] != nil {
                let refs = members["references"]?.arrayValue?.compactMap(\.stringValue) ?? []
                return refs.isEmpty ? .null : .string(refs.map { "${\($0)}" }.joined(separator: " "))
            }
            return .object(members.mapValues(mirror))
        case .array(let elements):
            return .array(elements.map(mirror))
        default:
            return .null
        }
    }

    /// `module.a[0].module.b["x"].aws_s3_bucket.raw[2]` → `module.a.module.b.aws_s3_bucket.raw`.
    static func configAddress(of address: String) -> String {
        var out = ""
        out.reserveCapacity(address.utf8.count)
        var depth = 0
        var quoted = false
        var previous: Character = " "
        for c in address {
            if quoted {
                if c == "\"" && previous != "\\" { quoted = false }
            } else if depth > 0 {
                if c == "\"" { quoted = true } else if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
            } else if c == "[" {
                depth = 1
            } else {
                out.append(c)
            }
            previous = c
        }
        return out
    }

    /// The module part of a configuration address: everything before `[data.]TYPE.NAME`.
    static func modulePath(of configAddress: String, type: String, name: String, mode: PolicyResource.Mode) -> String {
        let suffix = (mode == .data ? "data." : "") + "\(type).\(name)"
        guard configAddress.hasSuffix(suffix), configAddress.count > suffix.count else { return "" }
        return String(configAddress.dropLast(suffix.count + 1))
    }

    private func location(_ pointer: [String]) -> SourceLocation {
        positions?.nearestLocation(at: JSONPointer.make(pointer)) ?? SourceLocation(file: file, line: 1)
    }

    private mutating func error(_ message: String, at pointer: [String]) {
        diagnostics.append(.error(message, at: location(pointer), jsonPointer: JSONPointer.make(pointer)))
    }
}

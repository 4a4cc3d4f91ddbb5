import Foundation
import Yams

/// Reads and validates `template.yaml`.
///
/// Every problem is collected (with its line) before failing, so one run shows them all.
public enum ManifestLoader {
    /// The manifest's file name inside a template folder.
    public static let fileName = "template.yaml"

    static let parameterNamePattern = "^[a-z][a-z0-9_]*$"
    static let templateNamePattern = "^[a-z][a-z0-9-]*$"
    /// Names the renderer defines itself.
    static let reservedNames: Set<String> = ["template"]

    /// Parses and validates a manifest.
    ///
    /// - Parameters:
    ///   - text: The YAML text.
    ///   - file: How to name the file in messages.
    /// - Returns: The manifest.
    /// - Throws: `ScaffoldError` with every problem found.
    public static func load(_ text: String, file: String) throws(ScaffoldError) -> TemplateManifest {
        var doc = YAMLDocument(file: file)
        let manifest = parse(text, &doc)
        guard doc.diagnostics.isEmpty, let manifest else { throw ScaffoldError(.invalidInput, doc.diagnostics) }
        return manifest
    }

    private static func parse(_ text: String, _ doc: inout YAMLDocument) -> TemplateManifest? {
        guard let root = doc.compose(text) else { return nil }
        guard
            let pairs = doc.mapping(
                root, what: "the manifest", allowed: ["name", "version", "description", "parameters", "derived", "files"])
        else { return nil }

        var name: String?
        var version: SemanticVersion?
        var description: String?
        var parameters: [TemplateParameter] = []
        var derived: [DerivedValue] = []
        var files = FileRules()
        var derivedNode: Node?
        var filesNode: Node?

        for (key, _, value) in pairs {
            switch key {
            case "name":
                if let s = doc.string(value, what: "name") {
                    if ParameterRules.matches(s, templateNamePattern) {
                        name = s
                    } else {
                        doc.error(value, "name \"\(s)\" must be lower-case letters, digits and '-', starting with a letter")
                    }
                }
            case "version":
                if let s = doc.string(value, what: "version") {
                    if let v = SemanticVersion(s), !s.hasPrefix("v") {
                        version = v
                    } else {
                        doc.error(value, "version \"\(s)\" is not a semantic version MAJOR.MINOR.PATCH (e.g. 1.2.0)")
                    }
                }
            case "description":
                if let s = doc.string(value, what: "description") {
                    if s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        doc.error(value, "description must not be empty")
                    } else {
                        description = s.trimmingCharacters(in: .whitespacesAndNewlines)
                    }
                }
            case "parameters":
                parameters = parseParameters(value, &doc)
            case "derived":
                derivedNode = value
            case "files":
                filesNode = value
            default:
                break
            }
        }
        if name == nil, !pairs.contains(where: { $0.key == "name" }) { doc.error(root, "missing required key 'name'") }
        if version == nil, !pairs.contains(where: { $0.key == "version" }) { doc.error(root, "missing required key 'version'") }
        if description == nil, !pairs.contains(where: { $0.key == "description" }) {
            doc.error(root, "missing required key 'description'")
        }
        // `derived` and `files` refer to parameters, which may come later in the file.
        if let derivedNode { derived = parseDerived(derivedNode, parameters: parameters, &doc) }
        if let filesNode { files = parseFiles(filesNode, parameters: parameters, &doc) }
        let derivedNames = Set(derived.map(\.name))
        for p in parameters where derivedNames.contains(p.name) {
            doc.diagnostics.append(
                ScaffoldDiagnostic(file: doc.file, line: p.line, "parameter '\(p.name)': a derived value has the same name"))
        }
        doc.diagnostics.sort { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
        guard let name, let version, let description else { return nil }
        return TemplateManifest(
            name: name, version: version, description: description, parameters: parameters, derived: derived,
            files: files)
    }

    private static func parseParameters(_ node: Node, _ doc: inout YAMLDocument) -> [TemplateParameter] {
        guard case .sequence(let sequence) = node else {
            doc.error(node, "parameters must be a list")
            return []
        }
        let keys = ["name", "type", "required", "default", "pattern", "choices", "min", "max", "help", "when", "secret"]
        var result: [TemplateParameter] = []
        var seen: Set<String> = []
        for item in sequence {
            guard let pairs = doc.mapping(item, what: "a parameter", allowed: keys) else { continue }
            let value: (String) -> Node? = { key in pairs.first { $0.key == key }?.value }
            guard let nameNode = value("name") else {
                doc.error(item, "a parameter has no 'name'")
                continue
            }
            guard let name = doc.string(nameNode, what: "a parameter's name") else { continue }
            let prefix = "parameter '\(name)': "
            var ok = true
            if !ParameterRules.matches(name, parameterNamePattern) {
                doc.error(nameNode, prefix + "the name must be lower-case letters, digits and '_', starting with a letter")
                ok = false
            } else if reservedNames.contains(name) || name.hasSuffix("_is") {
                doc.error(nameNode, prefix + "the name is reserved")
                ok = false
            }
            if seen.contains(name) {
                doc.error(nameNode, prefix + "declared more than once")
                ok = false
            }
            seen.insert(name)

            guard let typeNode = value("type") else {
                doc.error(item, prefix + "missing 'type' (one of: \(ParameterType.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            guard let typeName = doc.string(typeNode, what: prefix + "type") else { continue }
            guard let type = ParameterType(rawValue: typeName) else {
                doc.error(
                    typeNode,
                    prefix + "unknown type '\(typeName)' (expected one of: \(ParameterType.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            var parameter = TemplateParameter(name: name, type: type, line: item.mark?.line)
            if let n = value("required"), let b = doc.boolean(n, what: prefix + "required") { parameter.required = b }
            if let n = value("secret"), let b = doc.boolean(n, what: prefix + "secret") {
                parameter.secret = b
                if b, type != .string {
                    doc.error(n, prefix + "only string parameters can be secret")
                    ok = false
                }
            }
            if let n = value("help"), let s = doc.string(n, what: prefix + "help") {
                parameter.help = s.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if let n = value("pattern"), let s = doc.string(n, what: prefix + "pattern") {
                if type != .string && type != .list {
                    doc.error(n, prefix + "'pattern' applies only to string and list parameters")
                    ok = false
                } else if let problem = ParameterRules.patternError(s) {
                    doc.error(n, prefix + "the pattern \(s) is not a valid regular expression: \(problem)")
                    ok = false
                } else {
                    parameter.pattern = s
                }
            }
            if let n = value("choices") {
                if type != .choice {
                    doc.error(n, prefix + "'choices' applies only to choice parameters")
                    ok = false
                } else if let choices = doc.strings(n, what: prefix + "choices") {
                    if choices.isEmpty { doc.error(n, prefix + "'choices' must not be empty") }
                    let duplicates = Dictionary(grouping: choices, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
                    if !duplicates.isEmpty {
                        doc.error(n, prefix + "duplicate choices: " + duplicates.joined(separator: ", "))
                    }
                    parameter.choices = choices
                }
            } else if type == .choice {
                doc.error(item, prefix + "a choice parameter needs 'choices'")
                ok = false
            }
            for key in ["min", "max"] {
                guard let n = value(key) else { continue }
                if type == .boolean || type == .choice {
                    doc.error(n, prefix + "'\(key)' applies only to integer, string and list parameters")
                    ok = false
                    continue
                }
                guard let i = doc.integer(n, what: prefix + key) else { continue }
                if key == "min" { parameter.min = i } else { parameter.max = i }
            }
            if let min = parameter.min, let max = parameter.max, min > max {
                doc.error(value("min"), prefix + "min \(min) is greater than max \(max)")
                ok = false
            }
            if let n = value("when"), let text = doc.string(n, what: prefix + "when") {
                if let condition = parseCondition(text, node: n, what: prefix + "when", known: result, &doc) {
                    parameter.when = condition
                } else {
                    ok = false
                }
            }
            if let n = value("default") {
                switch YAMLDocument.value(n, as: type) {
                case .success(let v):
                    parameter.defaultValue = v
                    if ok {
                        for message in ParameterRules.violations(of: v, for: parameter) {
                            doc.error(n, "\(message) (the default breaks the parameter's own rule)")
                        }
                    }
                case .failure(let mismatch):
                    doc.error(n, prefix + "the default must be \(mismatch.expected), got \(mismatch.found)")
                }
            }
            result.append(parameter)
        }
        return result
    }

    private static func parseCondition(
        _ text: String, node: Node, what: String, known: [TemplateParameter], _ doc: inout YAMLDocument
    ) -> TemplateCondition? {
        let condition: TemplateCondition
        do {
            condition = try TemplateCondition.parse(text)
        } catch {
            doc.error(node, "\(what): \"\(text)\" is not a valid condition: \(error.message) at character \(error.offset)")
            return nil
        }
        var ok = true
        for name in Set(condition.parameterNames).sorted() where !known.contains(where: { $0.name == name }) {
            doc.error(node, "\(what): the condition uses '\(name)', which is not a parameter declared before it")
            ok = false
        }
        for (p, literal) in condition.comparedLiterals {
            if let parameter = known.first(where: { $0.name == p }), parameter.type == .choice,
                !parameter.choices.contains(literal)
            {
                doc.error(node, "\(what): \"\(literal)\" is not one of the choices of '\(p)'")
                ok = false
            }
        }
        return ok ? condition : nil
    }

    private static func parseDerived(_ node: Node, parameters: [TemplateParameter], _ doc: inout YAMLDocument) -> [DerivedValue] {
        guard case .sequence(let sequence) = node else {
            doc.error(node, "derived must be a list")
            return []
        }
        var result: [DerivedValue] = []
        for item in sequence {
            guard let pairs = doc.mapping(item, what: "a derived value", allowed: ["name", "from", "map"]) else { continue }
            let value: (String) -> Node? = { key in pairs.first { $0.key == key }?.value }
            guard let nameNode = value("name"), let name = doc.string(nameNode, what: "a derived value's name") else {
                doc.error(item, "a derived value has no 'name'")
                continue
            }
            let prefix = "derived value '\(name)': "
            if !ParameterRules.matches(name, parameterNamePattern) || reservedNames.contains(name) {
                doc.error(nameNode, prefix + "the name must be lower-case letters, digits and '_', starting with a letter")
            }
            guard let fromNode = value("from"), let from = doc.string(fromNode, what: prefix + "from") else {
                doc.error(item, prefix + "missing 'from'")
                continue
            }
            guard let source = parameters.first(where: { $0.name == from }) else {
                doc.error(fromNode, prefix + "'\(from)' is not a parameter")
                continue
            }
            guard let mapNode = value("map"), case .mapping(let mapping) = mapNode else {
                doc.error(value("map") ?? item, prefix + "'map' must be a mapping from \(from)'s values to values")
                continue
            }
            var map: [String: AnswerValue] = [:]
            for (k, v) in mapping {
                guard case .scalar(let key) = k else { continue }
                switch v {
                case .scalar(let s):
                    if s.style == .plain, let i = Int(s.string) {
                        map[key.string] = .integer(i)
                    } else if s.style == .plain, let b = YAMLDocument.bool(s.string) {
                        map[key.string] = .boolean(b)
                    } else {
                        map[key.string] = .string(s.string)
                    }
                case .sequence:
                    if case .success(let list) = YAMLDocument.value(v, as: .list) { map[key.string] = list }
                default:
                    doc.error(v, prefix + "values must be strings, integers, booleans or lists")
                }
            }
            let expected: [String]?
            switch source.type {
            case .choice: expected = source.choices
            case .boolean: expected = ["true", "false"]
            case .integer:
                if let min = source.min, let max = source.max, max - min < 1000 {
                    expected = (min...max).map(String.init)
                } else {
                    expected = nil
                    doc.error(fromNode, prefix + "an integer 'from' parameter needs both min and max")
                }
            default:
                expected = nil
                doc.error(fromNode, prefix + "'from' must be a choice, integer or boolean parameter")
            }
            if let expected {
                let missing = expected.filter { map[$0] == nil }
                if !missing.isEmpty {
                    doc.error(mapNode, prefix + "'map' has no entry for " + missing.joined(separator: ", "))
                }
                let extra = map.keys.filter { !expected.contains($0) }.sorted()
                if !extra.isEmpty {
                    doc.error(mapNode, prefix + "'map' has entries that '\(from)' can never be: " + extra.joined(separator: ", "))
                }
            }
            result.append(DerivedValue(name: name, from: from, map: map, line: item.mark?.line))
        }
        return result
    }

    private static func parseFiles(_ node: Node, parameters: [TemplateParameter], _ doc: inout YAMLDocument) -> FileRules {
        guard let pairs = doc.mapping(node, what: "files", allowed: ["verbatim", "executable", "conditional"]) else {
            return FileRules()
        }
        var rules = FileRules()
        for (key, _, value) in pairs {
            switch key {
            case "verbatim":
                rules.verbatim = (doc.strings(value, what: "files.verbatim") ?? []).map(PathPattern.init)
            case "executable":
                rules.executable = (doc.strings(value, what: "files.executable") ?? []).map(PathPattern.init)
            case "conditional":
                guard case .sequence(let sequence) = value else {
                    doc.error(value, "files.conditional must be a list")
                    continue
                }
                for item in sequence {
                    guard let entry = doc.mapping(item, what: "a conditional path", allowed: ["path", "when"]) else { continue }
                    guard let pathNode = entry.first(where: { $0.key == "path" })?.value,
                        let path = doc.string(pathNode, what: "files.conditional path")
                    else {
                        doc.error(item, "a conditional path has no 'path'")
                        continue
                    }
                    guard let whenNode = entry.first(where: { $0.key == "when" })?.value,
                        let text = doc.string(whenNode, what: "files.conditional when")
                    else {
                        doc.error(item, "conditional path '\(path)': missing 'when'")
                        continue
                    }
                    if let condition = parseCondition(
                        text, node: whenNode, what: "conditional path '\(path)'", known: parameters, &doc)
                    {
                        rules.conditional.append(ConditionalPath(path: PathPattern(path), when: condition, line: item.mark?.line))
                    }
                }
            default:
                break
            }
        }
        return rules
    }
}

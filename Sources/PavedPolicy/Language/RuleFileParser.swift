import Foundation
import PavedTerraform
import Yams

/// Parses one rule file (one rule, or a pack with `rules:`) into ``PolicyRule``s.
///
/// Every problem is a diagnostic at its file:line:column: YAML syntax, unknown keys, missing
/// fields, bad severities, invalid regular expressions, attribute paths the provider schema does
/// not have, unknown resource types, and `implementation: swift` without a Swift implementation.
struct RuleFileParser {
    let file: String
    /// The pack of rules that do not name one (the rule file's folder).
    let defaultPack: String
    let catalog: AttributeCatalog
    let swiftRules: [String: SwiftRuleImplementation]
    private var reader: YAMLReader

    init(file: String, defaultPack: String, catalog: AttributeCatalog = .bundled, swiftRules: [String: SwiftRuleImplementation]) {
        self.file = file
        self.defaultPack = defaultPack
        self.catalog = catalog
        self.swiftRules = swiftRules
        self.reader = YAMLReader(file: file)
    }

    var diagnostics: [Diagnostic] { reader.diagnostics }

    static let ruleKeys = [
        "id", "title", "severity", "enforcement", "pack", "service", "resource", "where", "require", "message",
        "rationale", "remediation", "references", "implementation",
    ]

    /// The rules of the file (those without errors).
    mutating func parse(_ text: String) -> [PolicyRule] {
        guard let root = reader.compose(text) else { return [] }
        guard case .mapping(let mapping) = root else {
            reader.error(root, "a rule file is a mapping: one rule (id:, title:, …) or a pack (pack:, rules:)")
            return []
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if mapping["rules"] != nil {
            guard let pairs = reader.mapping(root, what: "a pack file", allowed: ["pack", "rules"]) else { return [] }
            var pack = defaultPack
            var rules: [PolicyRule] = []
            for (key, _, value) in pairs where key == "pack" {
                if let name = reader.text(value, what: "pack") { pack = name }
            }
            for (key, _, value) in pairs where key == "rules" {
                guard case .sequence(let sequence) = value else {
                    reader.error(value, "rules must be a list of rules")
                    continue
                }
                let nodes = Array(sequence)
                for (i, node) in nodes.enumerated() {
                    let start = (node.mark?.line ?? 1) - 1
                    let end = i + 1 < nodes.count ? (nodes[i + 1].mark?.line ?? lines.count + 1) - 1 : lines.count
                    let source = lines[max(0, min(start, lines.count))..<max(0, min(end, lines.count))].joined(separator: "\n")
                    if let rule = parseRule(node, pack: pack, sourceText: source) { rules.append(rule) }
                }
            }
            return rules
        }
        return parseRule(root, pack: defaultPack, sourceText: text).map { [$0] } ?? []
    }

    // MARK: Rules

    private mutating func parseRule(_ node: Node, pack defaultPack: String, sourceText: String) -> PolicyRule? {
        let errorsBefore = reader.diagnostics.count { $0.severity == .error }
        guard let pairs = reader.mapping(node, what: "a rule", allowed: Self.ruleKeys) else { return nil }
        var fields: [String: (keyNode: Node, value: Node)] = [:]
        for (key, keyNode, value) in pairs { fields[key] = (keyNode, value) }

        func required(_ key: String) -> Node? {
            if let field = fields[key] { return field.value }
            reader.error(node, "the rule has no '\(key)'")
            return nil
        }

        var id = "?"
        if let value = required("id"), let text = reader.text(value, what: "id") {
            if Self.isValidID(text) { id = text } else {
                reader.error(value, "rule id '\(text)' is invalid: use uppercase letters, digits and dashes, such as ACME-S3-001")
            }
        }
        let title = required("title").flatMap { reader.text($0, what: "title") } ?? ""
        var severity = Severity.medium
        if let value = required("severity"), let text = reader.text(value, what: "severity") {
            if let s = Severity(rawValue: text.lowercased()) { severity = s } else {
                reader.error(value, "unknown severity '\(text)'; use one of: \(Severity.spellings)")
            }
        }
        var enforcement = Enforcement.softMandatory
        if let value = required("enforcement"), let text = reader.text(value, what: "enforcement") {
            if let e = Enforcement(rawValue: text.lowercased()) { enforcement = e } else {
                reader.error(value, "unknown enforcement '\(text)'; use one of: \(Enforcement.spellings)")
            }
        }
        let rationale = required("rationale").flatMap { reader.text($0, what: "rationale") } ?? ""
        let remediation = required("remediation").flatMap { reader.text($0, what: "remediation") } ?? ""
        let pack = fields["pack"].flatMap { reader.text($0.value, what: "pack") } ?? defaultPack
        var references: [String] = []
        if let value = fields["references"]?.value {
            if case .sequence = value { references = reader.strings(value, what: "references") ?? [] } else {
                reader.error(value, "references must be a list of links")
            }
        }

        var implementation = "declarative"
        if let value = fields["implementation"]?.value, let text = reader.text(value, what: "implementation") {
            if text == "swift" || text == "declarative" { implementation = text } else {
                reader.error(value, "implementation must be 'declarative' (the default) or 'swift'")
            }
        }

        let selector: TypeSelector
        let body: PolicyRule.Body
        var service = fields["service"].flatMap { reader.text($0.value, what: "service") }
        if implementation == "swift" {
            for key in ["resource", "where", "require", "message"] {
                if let field = fields[key] {
                    reader.error(field.keyNode, "'\(key)' is not used by a Swift rule: its implementation selects resources and writes messages")
                }
            }
            guard let swift = swiftRules[id] else {
                reader.error(
                    fields["implementation"]?.value ?? node,
                    "rule \(id) says implementation: swift, but no Swift implementation is registered for it (pass it in swiftRules: when loading the rules)")
                return nil
            }
            selector = TypeSelector(swift.types)
            body = .swift(swift)
        } else {
            guard let resourceNode = required("resource"), let patterns = reader.strings(resourceNode, what: "resource") else {
                return nil
            }
            selector = TypeSelector(patterns)
            let context = resourceContext(selector, node: resourceNode)
            let whereCondition = fields["where"].flatMap { condition($0.value, context) }
            let requireCondition = required("require").flatMap { condition($0, context) }
            let message = required("message").flatMap { reader.text($0, what: "message") } ?? ""
            guard let requireCondition else { return nil }
            body = .declarative(where: whereCondition, require: requireCondition, message: message)
            if service == nil { service = selector.patterns.first.map { Self.provider(of: $0.type) } }
        }

        guard reader.diagnostics.count(where: { $0.severity == .error }) == errorsBefore else { return nil }
        let metadata = RuleMetadata(
            id: id, title: title, severity: severity, enforcement: enforcement, pack: pack, service: service ?? "general",
            rationale: rationale, remediation: remediation, references: references, source: reader.location(node))
        return PolicyRule(metadata: metadata, selector: selector, body: body, sourceText: sourceText)
    }

    static func isValidID(_ id: String) -> Bool {
        guard (3...64).contains(id.count), let first = id.unicodeScalars.first, first >= "A", first <= "Z" else { return false }
        return id.unicodeScalars.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_" }
    }

    static func provider(of type: String) -> String {
        type.split(separator: "_").first.map(String.init) ?? type
    }

    // MARK: Validation contexts

    /// What attribute paths are checked against at a point of a condition.
    struct PathContext {
        /// The schema blocks paths start from; nil when the types are not in the catalog (not checked).
        var blocks: [CatalogBlock]?
        /// True inside `some:`/`every:`/`none:` over a list of values (strings, numbers).
        var valueItems = false
        /// True inside a quantifier (the current value is an item, not the resource).
        var isItem = false
        /// For messages: `aws_s3_bucket` or `items of statement`.
        var what: String
    }

    private mutating func resourceContext(_ selector: TypeSelector, node: Node) -> PathContext {
        var blocks: [CatalogBlock] = []
        var unchecked = false
        for pattern in selector.patterns {
            if pattern.isGlob {
                let matches = catalog.types(matching: pattern.type, mode: pattern.mode)
                if matches.isEmpty {
                    if catalog.coversProvider(of: pattern.type) {
                        reader.error(node, "resource pattern '\(pattern.type)' matches no \(pattern.mode == .data ? "data source" : "resource") type of the provider schemas")
                    }
                    unchecked = true
                }
                blocks += matches.compactMap { catalog.block(type: $0, mode: pattern.mode) }
            } else if let block = catalog.block(type: pattern.type, mode: pattern.mode) {
                blocks.append(block)
            } else if catalog.coversProvider(of: pattern.type) {
                let kind = pattern.mode == .data ? "data source" : "resource"
                reader.error(node, "unknown \(kind) type '\(pattern.type)'\(Suggestions.hint(catalog.suggestions(for: pattern.type, mode: pattern.mode)))")
                unchecked = true
            } else {
                unchecked = true
            }
        }
        return PathContext(blocks: unchecked ? nil : blocks, what: selector.description)
    }

    /// Checks `path` in `context`; returns the context of its values (for quantifiers), or nil after an error.
    private mutating func check(_ path: AttributePath, in context: PathContext, node: Node) -> PathContext? {
        if path.isCurrent {
            guard context.isItem else {
                reader.error(node, "'.' (the current item) only works inside some:, every: or none:")
                return nil
            }
            return context
        }
        if context.valueItems {
            reader.error(node, "the items of \(context.what) are values, not blocks: compare them directly (leave out attribute:)")
            return nil
        }
        guard let blocks = context.blocks else {
            return PathContext(blocks: nil, isItem: true, what: "'\(path.text)'")
        }
        var endBlocks: [CatalogBlock] = []
        var endValues = false
        var endOpen = false
        var firstProblem: String?
        for block in blocks {
            switch Self.walk(path, from: block) {
            case .success(let end):
                switch end {
                case .block(let b): endBlocks.append(b)
                case .value: endValues = true
                case .open: endOpen = true
                }
            case .failure(let problem):
                if firstProblem == nil { firstProblem = problem.message }
            }
        }
        if endBlocks.isEmpty && !endValues && !endOpen {
            reader.error(node, "unknown attribute path '\(path.text)' for \(context.what): \(firstProblem ?? "no such attribute")")
            return nil
        }
        if endOpen { return PathContext(blocks: nil, isItem: true, what: "'\(path.text)'") }
        if endBlocks.isEmpty { return PathContext(blocks: [], valueItems: true, isItem: true, what: "'\(path.text)'") }
        return PathContext(blocks: endBlocks, isItem: true, what: "'\(path.text)'")
    }

    private static func walk(_ path: AttributePath, from block: CatalogBlock) -> Result<CatalogMember, PathProblem> {
        var current = CatalogMember.block(block)
        var walked: [String] = []
        for step in path.steps {
            switch (step, current) {
            case (_, .open):
                return .success(.open)
            case (.key(let key), .block(let b)):
                guard let member = b.members[key] else {
                    let place = walked.isEmpty ? "" : " in '\(walked.joined(separator: "."))'"
                    return .failure(PathProblem(message: "no attribute or block '\(key)'\(place)\(Suggestions.hint(Suggestions.closest(to: key, in: b.members.keys.sorted())))"))
                }
                current = member
                walked.append(key)
            case (.key(let key), .value):
                return .failure(PathProblem(message: "'\(walked.joined(separator: "."))' is a value; it has no '\(key)'"))
            case (.index, .block), (.index, .value):
                continue
            case (.wildcard, .block(let b)):
                // Every member of a block: continue through the union of nested blocks.
                var union: [String: CatalogMember] = [:]
                var anyValue = false
                for member in b.members.values {
                    if case .block(let inner) = member {
                        for (k, v) in inner.members { union[k] = v }
                    } else {
                        anyValue = true
                    }
                }
                current = union.isEmpty && anyValue ? .value : .block(CatalogBlock(members: union))
                walked.append("*")
            case (.wildcard, .value):
                continue
            }
        }
        return .success(current)
    }

    struct PathProblem: Error {
        var message: String
    }

    // MARK: Conditions

    static let predicateKeys = [
        "equals", "not_equals", "one_of", "not_one_of", "matches", "not_matches", "at_least", "at_most", "greater_than",
        "less_than", "duration_at_least", "duration_at_most", "exists", "absent",
    ]
    static let quantifierKeys = ["some", "every", "none"]
    static let conditionKeys = ["all", "any", "not", "referenced_by", "references", "attribute", "metadata"] + predicateKeys + quantifierKeys

    private mutating func condition(_ node: Node, _ context: PathContext) -> Condition? {
        if case .scalar(let scalar) = node, scalar.style == .plain, scalar.string == "true" || scalar.string == "false" {
            return .constant(scalar.string == "true")
        }
        guard let pairs = reader.mapping(node, what: "a condition", allowed: Self.conditionKeys) else { return nil }
        let keys = pairs.map(\.key)
        let here = reader.location(node)
        func only(_ key: String) -> Bool {
            guard keys.count == 1 else {
                reader.error(node, "'\(key)' stands alone in its condition; put the other keys (\(keys.filter { $0 != key }.joined(separator: ", "))) in a condition of their own")
                return false
            }
            return true
        }
        func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }

        for combinator in ["all", "any"] {
            guard let list = value(combinator) else { continue }
            guard only(combinator) else { return nil }
            guard case .sequence(let sequence) = list, sequence.count > 0 else {
                reader.error(list, "\(combinator) takes a non-empty list of conditions")
                return nil
            }
            var parts: [Condition] = []
            var failed = false
            for element in sequence {
                if let c = condition(element, context) { parts.append(c) } else { failed = true }
            }
            if failed { return nil }
            return combinator == "all" ? .all(parts) : .any(parts)
        }
        if let inner = value("not") {
            guard only("not") else { return nil }
            return condition(inner, context).map { .not($0) }
        }
        if let connection = value("referenced_by") {
            guard only("referenced_by") else { return nil }
            guard !context.isItem else {
                reader.error(node, "referenced_by works on resources, not inside some:, every: or none:")
                return nil
            }
            guard let fields = reader.mapping(connection, what: "referenced_by", allowed: ["type", "attribute", "where"]) else { return nil }
            let typeNode = fields.first { $0.key == "type" }?.value
            let attributeNode = fields.first { $0.key == "attribute" }?.value
            guard let typeNode, let attributeNode else {
                reader.error(connection, "referenced_by needs type: (the referencing resource type) and attribute: (its attribute that holds the reference)")
                return nil
            }
            guard let patterns = reader.strings(typeNode, what: "type") else { return nil }
            let selector = TypeSelector(patterns)
            let other = resourceContext(selector, node: typeNode)
            guard let path = attributePath(attributeNode) else { return nil }
            guard check(path, in: other, node: attributeNode) != nil else { return nil }
            var whereCondition: Condition?
            if let whereNode = fields.first(where: { $0.key == "where" })?.value {
                guard let c = condition(whereNode, other) else { return nil }
                whereCondition = c
            }
            return .referencedBy(selector, path, whereCondition, at: here)
        }
        if let connection = value("references") {
            guard only("references") else { return nil }
            guard !context.isItem else {
                reader.error(node, "references works on resources, not inside some:, every: or none:")
                return nil
            }
            guard let fields = reader.mapping(connection, what: "references", allowed: ["attribute", "type", "where"]) else { return nil }
            guard let attributeNode = fields.first(where: { $0.key == "attribute" })?.value else {
                reader.error(connection, "references needs attribute: (this resource's attribute that holds the reference)")
                return nil
            }
            guard let path = attributePath(attributeNode), check(path, in: context, node: attributeNode) != nil else { return nil }
            var selector: TypeSelector?
            var other = PathContext(blocks: nil, what: "the referenced resource")
            if let typeNode = fields.first(where: { $0.key == "type" })?.value {
                guard let patterns = reader.strings(typeNode, what: "type") else { return nil }
                selector = TypeSelector(patterns)
                other = resourceContext(TypeSelector(patterns), node: typeNode)
            }
            var whereCondition: Condition?
            if let whereNode = fields.first(where: { $0.key == "where" })?.value {
                guard let c = condition(whereNode, other) else { return nil }
                whereCondition = c
            }
            return .references(path, selector, whereCondition, at: here)
        }

        // A test or a quantifier: an optional subject and exactly one operator.
        let operators = keys.filter { Self.predicateKeys.contains($0) || Self.quantifierKeys.contains($0) }
        guard operators.count == 1, let op = operators.first, let operand = value(op) else {
            if operators.isEmpty {
                reader.error(node, "the condition has no comparison: add one of \(Self.predicateKeys.joined(separator: ", ")), or some:/every:/none:")
            } else {
                reader.error(node, "a condition has one comparison, this one has \(operators.count) (\(operators.joined(separator: ", "))): combine them with all:")
            }
            return nil
        }
        let attributeNode = value("attribute")
        let metadataNode = value("metadata")
        if attributeNode != nil && metadataNode != nil {
            reader.error(node, "a condition tests either attribute: or metadata:, not both")
            return nil
        }
        var subject = Subject.attribute(.current)
        var valueContext = context
        if let metadataNode {
            guard let name = reader.text(metadataNode, what: "metadata") else { return nil }
            guard let key = MetadataKey(rawValue: name) else {
                let names = MetadataKey.allCases.map(\.rawValue)
                reader.error(metadataNode, "unknown metadata '\(name)'\(Suggestions.hint(Suggestions.closest(to: name, in: names))); use one of: \(names.joined(separator: ", "))")
                return nil
            }
            if Self.quantifierKeys.contains(op) {
                reader.error(node, "metadata values are single values: use a comparison, not \(op):")
                return nil
            }
            subject = .metadata(key)
        } else {
            let path: AttributePath
            if let attributeNode {
                guard let parsed = attributePath(attributeNode) else { return nil }
                path = parsed
            } else {
                path = .current
            }
            guard let resolved = check(path, in: context, node: attributeNode ?? node) else { return nil }
            valueContext = resolved
            subject = .attribute(path)
        }

        if let quantifier = Quantifier(rawValue: op) {
            guard case .attribute(let path) = subject, !path.isCurrent || context.isItem else {
                reader.error(node, "\(op): needs attribute: (the list to look through)")
                return nil
            }
            guard let inner = condition(operand, valueContext) else { return nil }
            return .quantified(path, quantifier, inner, at: here)
        }
        guard let (predicate, negated) = self.predicate(op, operand) else { return nil }
        let test = Condition.test(subject, predicate, at: here)
        return negated ? .not(test) : test
    }

    private mutating func attributePath(_ node: Node) -> AttributePath? {
        guard let text = reader.text(node, what: "attribute") else { return nil }
        switch AttributePath.parse(text) {
        case .success(let path): return path
        case .failure(let error):
            reader.error(node, error.description)
            return nil
        }
    }

    /// The predicate for an operator key, and whether it is negated.
    private mutating func predicate(_ op: String, _ operand: Node) -> (Predicate, Bool)? {
        switch op {
        case "equals", "not_equals":
            guard let v = reader.value(operand, what: op) else { return nil }
            return (.equals(v), op == "not_equals")
        case "one_of", "not_one_of":
            guard case .sequence(let sequence) = operand, sequence.count > 0 else {
                reader.error(operand, "\(op) takes a non-empty list of values")
                return nil
            }
            var values: [JSON] = []
            for element in sequence {
                guard let v = reader.value(element, what: "each value of \(op)") else { return nil }
                values.append(v)
            }
            return (.oneOf(values), op == "not_one_of")
        case "matches", "not_matches":
            guard let source = reader.string(operand, what: op) else { return nil }
            do {
                return (.matches(try Pattern(source)), op == "not_matches")
            } catch {
                reader.error(operand, "'\(source)' is not a valid regular expression")
                return nil
            }
        case "at_least", "at_most", "greater_than", "less_than":
            guard let n = reader.number(operand, what: op) else { return nil }
            let p: Predicate =
                switch op {
                case "at_least": .atLeast(n)
                case "at_most": .atMost(n)
                case "greater_than": .greaterThan(n)
                default: .lessThan(n)
                }
            return (p, false)
        case "duration_at_least", "duration_at_most":
            guard case .scalar(let scalar) = operand, let seconds = Loose.parseDuration(scalar.string) else {
                reader.error(operand, "\(op) takes a duration such as 90d, 24h, 30m or 3600s")
                return nil
            }
            return (op == "duration_at_least" ? .durationAtLeast(seconds) : .durationAtMost(seconds), false)
        case "exists", "absent":
            guard let flag = reader.bool(operand, what: op) else { return nil }
            // exists: true / absent: false → exists; exists: false / absent: true → not exists.
            return (.exists, (op == "exists") != flag)
        default:
            reader.error(operand, "unknown comparison '\(op)'")
            return nil
        }
    }
}

import Foundation

/// Attribute values against their schema types, and the references inside string templates.
extension ModuleValidation {
    /// What a type mismatch message names: the attribute, its block, its whole type, and the path
    /// from the attribute down to the offending element.
    struct TypeContext {
        var attribute: String
        var owner: String
        var attributeType: TerraformType
        /// `path.count` at the attribute: deeper tokens are elements inside its value.
        var depth: Int
        /// Rendered element steps, `[0]` or `["team"]`, parallel to the tokens past `depth`.
        /// The steps from the attribute to the value being checked, rendered only for a finding.
        var trail: [TrailStep] = []
    }

    func validateAttribute(_ name: String, _ attribute: SchemaAttribute, _ value: JSON, owner: String) {
        defer { scanReferences(value) }
        if attribute.isReadOnly {
            report("attribute \"\(name)\" of \(owner) is computed by the provider and cannot be set")
            return
        }
        if let type = attribute.type {
            var context = TypeContext(
                attribute: name, owner: owner, attributeType: type, depth: path.count)
            checkValue(value, type, &context)
        } else if let nested = attribute.nestedType {
            validateNestedAttribute(name, nested, value, owner: owner, typeDescription: attribute.typeDescription)
        }
    }

    /// Checks a literal value against `type`, as far as JSON allows: expressions are of unknown
    /// type, and Terraform's own conversions (string ↔ number, string ↔ bool) are accepted.
    func checkValue(_ value: JSON, _ type: TerraformType, _ context: inout TypeContext) {
        if case .null = value { return }
        if case .string(let text) = value {
            switch TemplateScanner.analyze(text).kind {
            case .wholeExpression:
                return
            case .template:
                switch type {
                case .string, .number, .bool, .dynamic: return
                default:
                    mismatch(type, got: "a string template", context)
                    return
                }
            case .literal:
                break
            }
        }
        switch type {
        case .dynamic:
            return
        case .string:
            switch value {
            case .array, .object: mismatch(type, got: Self.describe(value), context)
            default: return
            }
        case .number:
            switch value {
            case .int, .double: return
            case .string(let s) where Double(s.trimmingCharacters(in: .whitespaces)) != nil: return
            default: mismatch(type, got: Self.describe(value), context)
            }
        case .bool:
            switch value {
            case .bool: return
            case .string(let s) where ["true", "false", "1", "0"].contains(s): return
            default: mismatch(type, got: Self.describe(value), context)
            }
        case .list(let element), .set(let element):
            guard case .array(let items) = value else { return mismatch(type, got: Self.describe(value), context) }
            for (i, item) in items.enumerated() {
                push(String(i), .index(i), &context)
                checkValue(item, element, &context)
                pop(&context)
            }
        case .map(let element):
            guard case .object(let members) = value else { return mismatch(type, got: Self.describe(value), context) }
            for (key, member) in Self.sortedMembers(members) {
                push(key, .key(key), &context)
                checkValue(member, element, &context)
                pop(&context)
            }
        case .object(let attributes, let optional):
            guard case .object(let members) = value else { return mismatch(type, got: Self.describe(value), context) }
            for (key, member) in Self.sortedMembers(members) {
                guard let attributeType = attributes[key] else {
                    path.append(key)
                    objectProblem("unexpected attribute \"\(key)\"" + Suggestions.didYouMean(key, in: attributes.keys), context)
                    path.removeLast()
                    continue
                }
                push(key, .attribute(key), &context)
                checkValue(member, attributeType, &context)
                pop(&context)
            }
            for key in attributes.keys.sorted() where members[key] == nil && !optional.contains(key) {
                objectProblem("missing attribute \"\(key)\"", context)
            }
        case .tuple(let types):
            guard case .array(let items) = value, items.count == types.count else {
                return mismatch(type, got: Self.describe(value), context)
            }
            for (i, item) in items.enumerated() {
                push(String(i), .index(i), &context)
                checkValue(item, types[i], &context)
                pop(&context)
            }
        }
    }

    private func push(_ token: String, _ step: TrailStep, _ context: inout TypeContext) {
        path.append(token)
        context.trail.append(step)
    }

    private func pop(_ context: inout TypeContext) {
        path.removeLast()
        context.trail.removeLast()
    }

    /// `attribute "force_destroy" of aws_s3_bucket.raw must be bool, got string "yes"`, or for an
    /// element: `attribute "tags" of aws_s3_bucket.raw must be map(string): element ["team"] must be string, got object`.
    private func mismatch(_ expected: TerraformType, got: String, _ context: TypeContext) {
        let head = "attribute \"\(context.attribute)\" of \(context.owner) must be"
        if context.trail.isEmpty {
            report("\(head) \(expected.shortDescription), got \(got)")
        } else {
            report("\(head) \(context.attributeType.shortDescription): element \(TrailStep.render(context.trail)) must be \(expected.shortDescription), got \(got)")
        }
    }

    private func objectProblem(_ problem: String, _ context: TypeContext) {
        let head = "attribute \"\(context.attribute)\" of \(context.owner) must be \(context.attributeType.shortDescription)"
        if context.trail.isEmpty {
            report("\(head): \(problem)")
        } else {
            report("\(head): element \(TrailStep.render(context.trail)) has \(problem)")
        }
    }

    /// Attributes with a `nested_type`: like blocks, but written as attribute values.
    func validateNestedAttribute(
        _ name: String, _ nested: NestedAttributeType, _ value: JSON, owner: String, typeDescription: String
    ) {
        let nestedOwner = "\(owner).\(name)"
        if case .string(let text) = value, TemplateScanner.analyze(text).kind == .wholeExpression { return }
        var count = 0
        switch (nested.nestingMode, value) {
        case (_, .null):
            return
        case (.single, .object(let members)), (.group, .object(let members)):
            validateBody(members, schema: nested.block, owner: nestedOwner)
            return
        case (.list, .array(let items)), (.set, .array(let items)):
            for (i, item) in items.enumerated() {
                path.append(String(i))
                defer { path.removeLast() }
                guard case .object(let members) = item else {
                    report("attribute \"\(name)\" of \(owner) must be \(typeDescription): element [\(i)] must be object, got \(Self.describe(item))")
                    continue
                }
                count += 1
                validateBody(members, schema: nested.block, owner: nestedOwner)
            }
        case (.map, .object(let entries)):
            for (key, item) in Self.sortedMembers(entries) {
                path.append(key)
                defer { path.removeLast() }
                guard case .object(let members) = item else {
                    report("attribute \"\(name)\" of \(owner) must be \(typeDescription): element [\(compactJSON(.string(key)))] must be object, got \(Self.describe(item))")
                    continue
                }
                count += 1
                validateBody(members, schema: nested.block, owner: nestedOwner)
            }
        default:
            report("attribute \"\(name)\" of \(owner) must be \(typeDescription), got \(Self.describe(value))")
            return
        }
        if let maximum = nested.maxItems, count > maximum {
            report("attribute \"\(name)\" of \(owner) has too many elements: at most \(maximum) allowed, got \(count)")
        }
        if count < nested.minItems {
            report("attribute \"\(name)\" of \(owner) has too few elements: at least \(nested.minItems) required, got \(count)")
        }
    }

    // MARK: - References

    /// Checks every reference in the strings inside `value`.
    func scanReferences(_ value: JSON) {
        switch value {
        case .string(let text):
            let expressions = TemplateScanner.analyze(text).expressions
            for expression in expressions {
                // `for x in …` and `for k, v in …` bind names for the rest of the expression.
                var bound: Set<String> = []
                var binding = false
                for traversal in TemplateScanner.traversals(in: expression) {
                    if traversal.steps.isEmpty {
                        if traversal.root == "for" { binding = true; continue }
                        if traversal.root == "in" { binding = false; continue }
                        if binding { bound.insert(traversal.root); continue }
                    }
                    if bound.contains(traversal.root) || boundNames.contains(traversal.root) { continue }
                    checkTraversal(traversal)
                }
            }
        case .array(let items):
            for (i, item) in items.enumerated() {
                if case .string = item {} else if case .array = item {} else if case .object = item {} else { continue }
                path.append(String(i))
                scanReferences(item)
                path.removeLast()
            }
        case .object(let members):
            for (key, member) in members {
                switch member {
                case .string, .array, .object:
                    path.append(key)
                    scanReferences(member)
                    path.removeLast()
                default:
                    continue
                }
            }
        default:
            return
        }
    }

    /// Checks a traversal that names a resource (`TYPE.NAME…`), a data source
    /// (`data.TYPE.NAME…`), a variable (`var.NAME`) or a local value (`local.NAME`): it must be
    /// declared in the module, and the attribute after a resource must exist in its type's schema.
    func checkTraversal(_ traversal: Traversal) {
        if traversal.root == "data" {
            guard traversal.steps.count >= 2,
                  case .attribute(let type) = traversal.steps[0],
                  case .attribute(let name) = traversal.steps[1]
            else { return }
            guard let declared = data[type], declared[name] != nil else {
                var hint = ""
                if let names = data[type]?.keys, let match = Suggestions.closest(to: name, in: names) {
                    hint = "; did you mean data.\(type).\(match)?"
                }
                report("reference to undeclared data source data.\(type).\(name)\(hint)")
                return
            }
            guard let attribute = Self.firstAttribute(in: traversal.steps.dropFirst(2)),
                  let schema = schemas.dataSource(type)?.schema.block,
                  !schema.hasMember(attribute)
            else { return }
            report("reference data.\(type).\(name).\(attribute): data source \(type) has no attribute \"\(attribute)\""
                + Suggestions.didYouMean(attribute, in: schema.memberNames))
            return
        }
        if traversal.root == "var" || traversal.root == "local" {
            guard case .attribute(let name)? = traversal.steps.first else { return }
            let declared = traversal.root == "var" ? variables : locals
            if !declared.contains(name) {
                let what = traversal.root == "var" ? "variable" : "local value"
                var hint = ""
                if let match = Suggestions.closest(to: name, in: declared.sorted()) { hint = "; did you mean \(traversal.root).\(match)?" }
                report("reference to undeclared \(what) \(traversal.root).\(name)\(hint)")
            }
            return
        }
        let type = traversal.root
        guard case .attribute(let name)? = traversal.steps.first else { return }
        let info = referenceTarget(type)
        guard info.isResourceType else { return }
        let known = info.schema
        guard let declared = managed[type], declared[name] != nil else {
            var hint = ""
            if let names = managed[type]?.keys, let match = Suggestions.closest(to: name, in: names) {
                hint = "; did you mean \(type).\(match)?"
            }
            report("reference to undeclared resource \(type).\(name)\(hint)")
            return
        }
        guard let attribute = Self.firstAttribute(in: traversal.steps.dropFirst()),
              let schema = known,
              !schema.hasMember(attribute)
        else { return }
        report("reference \(type).\(name).\(attribute): \(type) has no attribute \"\(attribute)\""
            + Suggestions.didYouMean(attribute, in: schema.memberNames))
    }

    /// Whether a traversal root names a managed resource type, and that type's schema; cached,
    /// since the same few types are referenced over and over.
    func referenceTarget(_ root: String) -> (isResourceType: Bool, schema: SchemaBlock?) {
        if let cached = referenceTargets[root] { return cached }
        let schema = schemas.resource(root)?.schema.block
        let isResourceType = !MetaArguments.reservedRoots.contains(root)
            && (schema != nil || managed[root] != nil
                || (root.contains("_") && providerLocalNames.contains(Self.providerPrefix(of: root))))
        referenceTargets[root] = (isResourceType, schema)
        return (isResourceType, schema)
    }

    static func firstAttribute(in steps: ArraySlice<Traversal.Step>) -> String? {
        for step in steps {
            if case .attribute(let name) = step { return name }
        }
        return nil
    }
}

/// One step into a value, as a finding names it: `[0]`, `["team"]`, `.name`.
enum TrailStep {
    case index(Int)
    case key(String)
    case attribute(String)

    static func render(_ trail: [TrailStep]) -> String {
        trail.map { step in
            switch step {
            case .index(let i): "[\(i)]"
            case .key(let key): "[\(compactJSON(.string(key)))]"
            case .attribute(let name): ".\(name)"
            }
        }.joined()
    }
}

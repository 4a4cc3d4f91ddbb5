/// Checks a ``Configuration`` before it is rendered: names, duplicates, references and cycles.
///
/// Returns every problem at once as diagnostics, each at the Swift line that declared the block.
public struct ConfigurationChecker: Sendable {
    public init() {}

    public func check(_ c: Configuration) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var declared: [ResourceAddress: Resource] = [:]
        declared.reserveCapacity(c.resources.count)

        for resource in c.resources {
            let a = resource.address
            let at = resource.provenance?.location
            if !Identifier.isValid(a.type) {
                diagnostics.append(.error("invalid resource type '\(a.type)': \(Self.identifierRule)", at: at))
            }
            if !Identifier.isValid(a.name) {
                diagnostics.append(.error("invalid name '\(a.name)' for \(a.type): \(Self.identifierRule)", at: at))
            }
            if let first = declared[a] {
                var message = "duplicate address \(a)"
                if let loc = first.provenance?.location { message += "; first declared at \(loc)" }
                diagnostics.append(.error(message, at: at))
            } else {
                declared[a] = resource
            }
        }

        diagnostics += checkNames(c)

        let variables = Set(c.variables.map(\.name))
        let locals = Set(c.locals.keys)
        let modules = Set(c.modules.map(\.name))
        func checkSymbols(in values: [Value], at location: SourceLocation?, owner: String) {
            for value in values {
                value.forEachExpression { e in
                    switch e {
                    case .variable(let n) where !variables.contains(n):
                        diagnostics.append(.error("\(owner) refers to undeclared variable var.\(n)", at: location))
                    case .local(let n) where !locals.contains(n):
                        diagnostics.append(.error("\(owner) refers to undeclared local value local.\(n)", at: location))
                    case .moduleOutput(let m, _) where !modules.contains(m):
                        diagnostics.append(.error("\(owner) refers to undeclared module module.\(m)", at: location))
                    default: break
                    }
                }
            }
        }

        // References to resources that were never declared.
        for resource in c.resources {
            var seen: Set<ResourceAddress> = []
            for target in resource.referencedAddresses where declared[target] == nil && seen.insert(target).inserted {
                diagnostics.append(.error(
                    "\(resource.address) refers to \(target), which is not declared", at: resource.provenance?.location))
            }
            var values = Array(resource.arguments.values)
            if let count = resource.count { values.append(count) }
            if let forEach = resource.forEach { values.append(forEach) }
            checkSymbols(in: values, at: resource.provenance?.location, owner: resource.address.description)
        }
        for output in c.outputs {
            for r in output.value.references where declared[r.address] == nil {
                diagnostics.append(.error("output \(output.name) refers to \(r.address), which is not declared", at: output.location))
            }
            checkSymbols(in: [output.value], at: output.location, owner: "output \(output.name)")
        }
        for module in c.modules {
            for value in module.inputs.values {
                for r in value.references where declared[r.address] == nil {
                    diagnostics.append(.error("module \(module.name) refers to \(r.address), which is not declared", at: module.location))
                }
            }
            checkSymbols(in: Array(module.inputs.values), at: module.location, owner: "module \(module.name)")
        }

        diagnostics += cycles(in: c.resources, declared: declared)
        return diagnostics
    }

    static let identifierRule = "names start with a letter or underscore and contain only letters, digits, underscores and dashes"

    private func checkNames(_ c: Configuration) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func unique<T>(_ items: [T], kind: String, name: (T) -> String, location: (T) -> SourceLocation?) {
            var seen: Set<String> = []
            for item in items {
                let n = name(item)
                if !Identifier.isValid(n) {
                    diagnostics.append(.error("invalid \(kind) name '\(n)': \(Self.identifierRule)", at: location(item)))
                }
                if !seen.insert(n).inserted {
                    diagnostics.append(.error("duplicate \(kind) '\(n)'", at: location(item)))
                }
            }
        }
        unique(c.variables, kind: "variable", name: \.name, location: \.location)
        unique(c.outputs, kind: "output", name: \.name, location: \.location)
        unique(c.modules, kind: "module", name: \.name, location: \.location)
        unique(c.locals.keys.sorted(), kind: "local value", name: { $0 }, location: { _ in nil })
        var providerKeys: Set<String> = []
        for p in c.providers {
            for part in [p.name] + (p.alias.map { [$0] } ?? []) where !Identifier.isValid(part) {
                diagnostics.append(.error("invalid provider name or alias '\(part)': \(Self.identifierRule)"))
            }
            let key = p.alias.map { "\(p.name).\($0)" } ?? p.name
            if !providerKeys.insert(key).inserted {
                diagnostics.append(.error("duplicate provider configuration '\(key)'"))
            }
        }
        for name in c.terraform.requiredProviders.keys.sorted() where !Identifier.isValid(name) {
            diagnostics.append(.error("invalid provider name '\(name)' in required_providers: \(Self.identifierRule)"))
        }
        return diagnostics
    }

    /// Finds reference cycles with an iterative depth-first search in address order, and names each.
    private func cycles(in resources: [Resource], declared: [ResourceAddress: Resource]) -> [Diagnostic] {
        let addresses = declared.keys.sorted()
        var index: [ResourceAddress: Int] = [:]
        index.reserveCapacity(addresses.count)
        for (i, a) in addresses.enumerated() { index[a] = i }
        let edges: [[Int]] = addresses.map { a in
            let targets = declared[a]?.referencedAddresses.compactMap { index[$0] } ?? []
            return Array(Set(targets)).sorted()
        }

        enum Color { case white, grey, black }
        var color = [Color](repeating: .white, count: addresses.count)
        var diagnostics: [Diagnostic] = []
        for start in addresses.indices where color[start] == .white {
            // Stack of (node, next edge to follow).
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            color[start] = .grey
            while let top = stack.last {
                if top.next < edges[top.node].count {
                    stack[stack.count - 1].next += 1
                    let target = edges[top.node][top.next]
                    switch color[target] {
                    case .white:
                        color[target] = .grey
                        stack.append((target, 0))
                    case .grey:
                        // A back edge: the cycle is the stack from `target` to the top.
                        if let from = stack.firstIndex(where: { $0.node == target }) {
                            let path = stack[from...].map { addresses[$0.node].description } + [addresses[target].description]
                            let at = declared[addresses[target]]?.provenance?.location
                            diagnostics.append(.error("reference cycle: " + path.joined(separator: " → "), at: at))
                        }
                    case .black: break
                    }
                } else {
                    color[top.node] = .black
                    stack.removeLast()
                }
            }
        }
        return diagnostics
    }
}

extension Value {
    /// Calls `body` for every expression in this value, depth first.
    func forEachExpression(_ body: (Expression) -> Void) {
        switch self {
        case .string, .int, .double, .bool, .null: return
        case .list(let items): for item in items { item.forEachExpression(body) }
        case .object(let members): for v in members.values { v.forEachExpression(body) }
        case .expression(let e): e.forEach(body)
        case .template(let parts): for case .expression(let e) in parts { e.forEach(body) }
        }
    }
}

extension Expression {
    func forEach(_ body: (Expression) -> Void) {
        body(self)
        if case .call(_, let args) = self { for a in args { a.forEachExpression(body) } }
    }
}

import Dispatch

/// Checks a ``Configuration`` before it is rendered: names, duplicates, references and cycles.
///
/// Returns every problem at once as diagnostics, each at the Swift line that declared the block.
public struct ConfigurationChecker: Sendable {
    public init() {}

    public func check(_ c: Configuration) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Address → index of its first declaration (indices, not copies: resources are large values).
        var declared: [ResourceAddress: Int] = [:]
        declared.reserveCapacity(c.resources.count)

        for i in c.resources.indices {
            let a = c.resources[i].address
            let at = c.resources[i].provenance?.location
            if !Identifier.isValid(a.type) {
                diagnostics.append(.error("invalid resource type '\(a.type)': \(Self.identifierRule)", at: at))
            }
            if !Identifier.isValid(a.name) {
                diagnostics.append(.error("invalid name '\(a.name)' for \(a.type): \(Self.identifierRule)", at: at))
            }
            if let first = declared[a] {
                var message = "duplicate address \(a)"
                if let loc = c.resources[first].provenance?.location { message += "; first declared at \(loc)" }
                diagnostics.append(.error(message, at: at))
            } else {
                declared[a] = i
            }
        }

        diagnostics += checkNames(c)

        let symbols = Symbols(
            declared: declared, variables: Set(c.variables.map(\.name)), locals: Set(c.locals.keys),
            modules: Set(c.modules.map(\.name)))

        // One walk per block collects every reference and symbol it uses; the edges feed the cycle
        // check. Large configurations walk in chunks on every core; results join in order.
        let resources = c.resources
        let chunkSize = 2048
        let chunkCount = (resources.count + chunkSize - 1) / chunkSize
        var parts = [(edges: [[ResourceAddress]], diagnostics: [Diagnostic])](repeating: ([], []), count: chunkCount)
        @Sendable func walk(_ chunk: Int) -> (edges: [[ResourceAddress]], diagnostics: [Diagnostic]) {
            var edges: [[ResourceAddress]] = []
            var found: [Diagnostic] = []
            for i in (chunk * chunkSize)..<min((chunk + 1) * chunkSize, resources.count) {
                var uses = Uses()
                uses.collect(arguments: resources[i].arguments)
                if let count = resources[i].count { uses.collect(count) }
                if let forEach = resources[i].forEach { uses.collect(forEach) }
                uses.references += resources[i].dependsOn
                edges.append(uses.references)
                if uses.isEmpty { continue }
                found += symbols.check(uses, at: resources[i].provenance?.location, owner: resources[i].address.description)
            }
            return (edges, found)
        }
        if chunkCount == 1 {
            parts[0] = walk(0)
        } else if chunkCount > 1 {
            parts.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let slots = buffer  // each iteration writes only its own slot
                DispatchQueue.concurrentPerform(iterations: chunkCount) { slots[$0] = walk($0) }
            }
        }
        var edges: [[ResourceAddress]] = []
        edges.reserveCapacity(resources.count)
        for part in parts {
            edges += part.edges
            diagnostics += part.diagnostics
        }
        func checkReferences(_ uses: Uses, at location: SourceLocation?, owner: String) {
            diagnostics += symbols.checkReferences(uses, at: location, owner: owner)
        }
        func checkSymbols(_ uses: Uses, at location: SourceLocation?, owner: String) {
            diagnostics += symbols.checkSymbols(uses, at: location, owner: owner)
        }
        for output in c.outputs {
            var uses = Uses()
            uses.collect(output.value)
            uses.references += output.dependsOn
            checkReferences(uses, at: output.location, owner: "output \(output.name)")
            checkSymbols(uses, at: output.location, owner: "output \(output.name)")
        }
        for module in c.modules {
            var uses = Uses()
            for key in module.inputs.keys.sorted() { if let v = module.inputs[key] { uses.collect(v) } }
            if let count = module.count { uses.collect(count) }
            if let forEach = module.forEach { uses.collect(forEach) }
            uses.references += module.dependsOn
            checkReferences(uses, at: module.location, owner: "module \(module.name)")
            checkSymbols(uses, at: module.location, owner: "module \(module.name)")
        }

        diagnostics += cycles(in: c.resources, edges: edges, declared: declared)
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

    /// Finds reference cycles with an iterative depth-first search in declaration order, and names each.
    private func cycles(in resources: [Resource], edges addressEdges: [[ResourceAddress]], declared index: [ResourceAddress: Int]) -> [Diagnostic] {
        let edges: [[Int]] = addressEdges.map { targets in
            var out = targets.compactMap { index[$0] }
            if out.count > 1 {
                out.sort()
                var unique: [Int] = []
                for t in out where unique.last != t { unique.append(t) }
                out = unique
            }
            return out
        }

        enum Color { case white, grey, black }
        var color = [Color](repeating: .white, count: resources.count)
        var diagnostics: [Diagnostic] = []
        for start in resources.indices where color[start] == .white && index[resources[start].address] == start {
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
                            let path = stack[from...].map { resources[$0.node].address.description } + [resources[target].address.description]
                            let at = resources[target].provenance?.location
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

/// What a configuration declares, for checking what its blocks use.
struct Symbols: Sendable {
    var declared: [ResourceAddress: Int]
    var variables: Set<String>
    var locals: Set<String>
    var modules: Set<String>

    func check(_ uses: Uses, at location: SourceLocation?, owner: String) -> [Diagnostic] {
        checkReferences(uses, at: location, owner: owner) + checkSymbols(uses, at: location, owner: owner)
    }

    func checkReferences(_ uses: Uses, at location: SourceLocation?, owner: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen: Set<ResourceAddress> = []
        for target in uses.references where declared[target] == nil && seen.insert(target).inserted {
            out.append(.error("\(owner) refers to \(target), which is not declared", at: location))
        }
        return out
    }

    func checkSymbols(_ uses: Uses, at location: SourceLocation?, owner: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for name in uses.variables where !variables.contains(name) {
            out.append(.error("\(owner) refers to undeclared variable var.\(name)", at: location))
        }
        for name in uses.locals where !locals.contains(name) {
            out.append(.error("\(owner) refers to undeclared local value local.\(name)", at: location))
        }
        for name in uses.modules where !modules.contains(name) {
            out.append(.error("\(owner) refers to undeclared module module.\(name)", at: location))
        }
        return out
    }
}

/// What one block uses: resource references (in order) and named symbols.
struct Uses {
    var references: [ResourceAddress] = []
    var variables: [String] = []
    var locals: [String] = []
    var modules: [String] = []

    var isEmpty: Bool { references.isEmpty && variables.isEmpty && locals.isEmpty && modules.isEmpty }

    mutating func collect(arguments: [String: Value]) {
        let start = references.count
        for v in arguments.values { collect(v) }
        // Dictionary order varies between runs: keep references in a stable order for diagnostics.
        if references.count - start > 1 { references[start...].sort() }
    }

    mutating func collect(_ value: Value) {
        switch value {
        case .string, .int, .double, .bool, .null: return
        case .list(let items): for item in items { collect(item) }
        case .object(let members): for v in members.values { collect(v) }
        case .expression(let e): collect(e)
        case .template(let parts): for case .expression(let e) in parts { collect(e) }
        }
    }

    mutating func collect(_ expression: Expression) {
        switch expression {
        case .reference(let r): references.append(r.address)
        case .variable(let n): variables.append(n)
        case .local(let n): locals.append(n)
        case .moduleOutput(let m, _): modules.append(m)
        case .call(_, let args): for a in args { collect(a) }
        case .raw: return
        }
    }
}

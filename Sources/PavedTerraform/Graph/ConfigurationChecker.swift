/// Checks a ``Configuration`` before it is rendered: names, duplicates, references and cycles.
///
/// Returns every problem at once as diagnostics, each at the Swift line that declared the block.
public struct ConfigurationChecker: Sendable {
    public init() {}

    public func check(_ c: Configuration) -> [Diagnostic] {
        check(c, references: nil)
    }

    /// ``check(_:)`` for a configuration whose blocks' references were recorded as they were built
    /// (`references` holds one entry per block, in the blocks' order): the blocks' values are not
    /// walked again, except those of a block that uses something undeclared or a named symbol.
    package func check(_ c: Configuration, references: BlockReferences?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let index = c.resources.withUnsafeBufferPointer { AddressIndex($0) }  // no copy of each resource
        var isFirst = [Bool](repeating: true, count: c.resources.count)
        for duplicate in index.duplicates { isFirst[duplicate.index] = false }
        let invalidTypes = Set(index.types.lazy.map(\.type).filter { !Identifier.isValid($0) })

        // The blocks' own addresses, reported block by block in declaration order. Names are
        // checked on every core first; the blocks with a problem are few.
        c.resources.withUnsafeBufferPointer { resources in
            nonisolated(unsafe) let all = resources  // read-only while the names are checked
            let invalidNames = Parallel.map(all.count, chunkSize: 16_384) { range in
                range.filter { !Identifier.isValid(all[$0].address.name) }
            }.flatMap { $0 }
            var invalid = invalidNames[...]
            var duplicates = index.duplicates[...]
            for i in resources.indices where !invalidTypes.isEmpty || invalid.first == i || duplicates.first?.index == i {
                let a = resources[i].address
                if !invalidTypes.isEmpty, invalidTypes.contains(a.type) {
                    diagnostics.append(.error("invalid resource type '\(a.type)': \(Self.identifierRule)", at: resources[i].provenance?.location))
                }
                if invalid.first == i {
                    invalid.removeFirst()
                    diagnostics.append(.error("invalid name '\(a.name)' for \(a.type): \(Self.identifierRule)", at: resources[i].provenance?.location))
                }
                if let duplicate = duplicates.first, duplicate.index == i {
                    duplicates.removeFirst()
                    var message = "duplicate address \(a)"
                    if let loc = resources[duplicate.first].provenance?.location { message += "; first declared at \(loc)" }
                    diagnostics.append(.error(message, at: resources[i].provenance?.location))
                }
            }
        }

        diagnostics += checkNames(c)

        let symbols = Symbols(
            index: index, variables: Set(c.variables.map(\.name)), locals: Set(c.locals.keys),
            modules: Set(c.modules.map(\.name)))

        // The index of every block each block refers to (one binary search per reference), from
        // the recorded references or from one walk per block; the edges feed the cycle check. A
        // block that uses anything undeclared is walked again in the slower, ordered way that
        // words its diagnostics. Large configurations go in chunks on every core; results join in order.
        let recorded = references?.count == c.resources.count ? references : nil
        let parts = c.resources.withUnsafeBufferPointer { resources in
            nonisolated(unsafe) let resources = resources  // read-only during the walk
            return Parallel.map(resources.count, chunkSize: 2048) { range in symbols.index.withLookup { lookup in
                var collector = EdgeCollector(symbols: symbols, lookup: lookup)
                var found: [Diagnostic] = []
                guard let base = resources.baseAddress else { return (edges: collector.edges, diagnostics: found) }
                for i in range {
                    let clean = if let recorded { collector.collect(recorded, block: i) } else { collector.collect(base + i) }
                    if clean { continue }
                    var uses = Uses()
                    uses.collect(arguments: resources[i].arguments)
                    if let count = resources[i].count { uses.collect(count) }
                    if let forEach = resources[i].forEach { uses.collect(forEach) }
                    uses.references += resources[i].dependsOn
                    found += symbols.check(uses, at: resources[i].provenance?.location, owner: resources[i].address.description)
                }
                return (edges: collector.edges, diagnostics: found)
            } }
        }
        var edges = Edges()
        edges.targets.reserveCapacity(parts.reduce(0) { $0 + $1.edges.targets.count })
        edges.ends.reserveCapacity(c.resources.count)
        for part in parts {
            edges.append(part.edges)
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

        diagnostics += cycles(in: c.resources, edges: edges, isFirst: isFirst)
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

    /// Finds reference cycles with an iterative depth-first search in declaration order, and names
    /// each. A duplicate declaration is not a node of its own: references go to the first.
    private func cycles(in resources: [Resource], edges: consuming Edges, isFirst: [Bool]) -> [Diagnostic] {
        // Each block's targets in ascending order, so the search is the same on every run.
        edges.sortEachTargetList()
        enum Color { case white, grey, black }
        var color = [Color](repeating: .white, count: resources.count)
        var diagnostics: [Diagnostic] = []
        for start in resources.indices where color[start] == .white && isFirst[start] {
            // Stack of (node, next edge to follow).
            var stack: [(node: Int, next: Int)] = [(start, edges.start(of: start))]
            color[start] = .grey
            while let top = stack.last {
                let end = edges.ends[top.node]
                if top.next < end {
                    var next = top.next + 1
                    let target = edges.targets[top.next]
                    while next < end && edges.targets[next] == target { next += 1 }  // a repeated target
                    stack[stack.count - 1].next = next
                    switch color[target] {
                    case .white:
                        color[target] = .grey
                        stack.append((target, edges.start(of: target)))
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

/// The reference graph as one flat list: block `i` refers to `targets[start(of: i)..<ends[i]]`
/// (indices of the blocks' first declarations).
struct Edges: Sendable {
    var targets: [Int] = []
    var ends: [Int] = []

    func start(of node: Int) -> Int { node == 0 ? 0 : ends[node - 1] }

    /// Appends the edges of the blocks that follow this list's.
    mutating func append(_ other: Edges) {
        let offset = targets.count
        targets += other.targets
        ends += other.ends.lazy.map { $0 + offset }
    }

    mutating func sortEachTargetList() {
        targets.withUnsafeMutableBufferPointer { buffer in
            var from = 0
            for end in ends {
                if end - from > 1 { buffer[from..<end].sort() }
                from = end
            }
        }
    }
}

/// Walks blocks for their edges, looking each reference up once.
struct EdgeCollector: ExpressionVisitor {
    let symbols: Symbols
    /// `symbols.index`, read in place.
    let lookup: AddressIndex.Lookup
    var edges = Edges()
    /// False once the block being walked uses anything undeclared.
    private var clean = true

    init(symbols: Symbols, lookup: AddressIndex.Lookup) {
        self.symbols = symbols
        self.lookup = lookup
    }

    /// Adds `resource`'s edges; false when it uses a block, variable, local or module that is not
    /// declared (its edges then include only the declared blocks).
    ///
    /// Takes a pointer and reads only the parts it walks: a resource passed by value, or read
    /// through a buffer's subscript, is copied whole (a retain and a release of each of its strings).
    mutating func collect(_ resource: UnsafePointer<Resource>) -> Bool {
        clean = true
        let arguments = resource.pointee.arguments, count = resource.pointee.count
        let forEach = resource.pointee.forEach, dependsOn = resource.pointee.dependsOn
        for i in arguments.storage.indices where !arguments.storage[i].value.isScalar { arguments.storage[i].value.walkExpressions(&self) }
        count?.walkExpressions(&self)
        forEach?.walkExpressions(&self)
        for target in dependsOn { add(target) }
        edges.ends.append(edges.targets.count)
        return clean
    }

    /// Adds the edges of block `block` from its recorded references; false when one of them is
    /// not declared or the block uses a variable, local value or module output (which only a walk
    /// of the block checks).
    mutating func collect(_ references: BlockReferences, block: Int) -> Bool {
        clean = !references.usesSymbols(ofBlock: block)
        references.withAddresses(ofBlock: block) { addresses in
            for i in addresses.indices { add(addresses[i]) }
        }
        edges.ends.append(edges.targets.count)
        return clean
    }

    private mutating func add(_ address: ResourceAddress) {
        if let index = lookup.first(address) { edges.targets.append(index) } else { clean = false }
    }

    mutating func visit(_ expression: Expression) {
        switch expression {
        case .reference(let r): add(r.address)
        case .variable(let n): if !symbols.variables.contains(n) { clean = false }
        case .local(let n): if !symbols.locals.contains(n) { clean = false }
        case .moduleOutput(let m, _): if !symbols.modules.contains(m) { clean = false }
        case .call, .raw: return
        }
    }
}

/// What a configuration declares, for checking what its blocks use.
struct Symbols: Sendable {
    var index: AddressIndex
    var variables: Set<String>
    var locals: Set<String>
    var modules: Set<String>

    func check(_ uses: Uses, at location: SourceLocation?, owner: String) -> [Diagnostic] {
        checkReferences(uses, at: location, owner: owner) + checkSymbols(uses, at: location, owner: owner)
    }

    func checkReferences(_ uses: Uses, at location: SourceLocation?, owner: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen: Set<ResourceAddress> = []
        for target in uses.references where index.first(target) == nil && seen.insert(target).inserted {
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
struct Uses: ExpressionVisitor {
    var references: [ResourceAddress] = []
    var variables: [String] = []
    var locals: [String] = []
    var modules: [String] = []

    mutating func collect(arguments: Members) {
        let start = references.count
        for member in arguments { collect(member.value) }
        // References sorted by address, for diagnostics in a stable, readable order.
        if references.count - start > 1 { references[start...].sort() }
    }

    mutating func collect(_ value: Value) {
        value.walkExpressions(&self)
    }

    mutating func visit(_ expression: Expression) {
        switch expression {
        case .reference(let r): references.append(r.address)
        case .variable(let n): variables.append(n)
        case .local(let n): locals.append(n)
        case .moduleOutput(let m, _): modules.append(m)
        case .call, .raw: return
        }
    }
}

import PavedTerraform

/// Everything the engine evaluates: resources from one or more Terraform root modules, indexed by
/// type so that each rule visits only the resources it selects.
///
/// Build one with ``PolicyInputBuilder``:
///
///     var builder = PolicyInputBuilder()
///     builder.addConfiguration(TerraformRenderer().json(stack.configuration), name: "dev/main.tf.json", environment: "dev")
///     try builder.addPaths(["out/"])
///     let input = builder.build()
public struct PolicyInput: Sendable {
    /// The resources, in input order.
    public let resources: [PolicyResource]
    /// Problems found while reading the input (malformed blocks, provenance, DSL waivers).
    public let diagnostics: [Diagnostic]
    /// The documents read, for positions: a parsed file, or a configuration held in memory.
    let documents: [PolicyDocument]
    /// Resource indices by type (managed and data mixed: the selector filters the mode).
    let byType: [String: [Int]]
    /// Every distinct type, sorted, for glob selectors.
    let types: [String]
    /// The first resource at each configuration address; `nextAtAddress[i]` chains the others
    /// (other instances, other root modules), -1 ending the chain. No array per address.
    private let firstAtAddress: [String: Int]
    private let nextAtAddress: [Int]

    init(resources: [PolicyResource], documents: [PolicyDocument], diagnostics: [Diagnostic]) {
        self.resources = resources
        self.documents = documents
        self.diagnostics = diagnostics
        var byType: [String: [Int]] = [:]
        for (i, r) in resources.enumerated() { byType[r.type, default: []].append(i) }
        self.byType = byType
        self.types = byType.keys.sorted()
        var first: [String: Int] = [:]
        first.reserveCapacity(resources.count)
        var next = [Int](repeating: -1, count: resources.count)
        for i in resources.indices.reversed() {
            if let head = first.updateValue(i, forKey: resources[i].configAddress) { next[i] = head }
        }
        self.firstAtAddress = first
        self.nextAtAddress = next
    }

    /// The resources at a configuration address within one root module, in input order.
    func resources(at address: String, scope: Int) -> [Int] {
        var out: [Int] = []
        var i = firstAtAddress[address] ?? -1
        while i >= 0 {
            if resources[i].scope == scope { out.append(i) }
            i = nextAtAddress[i]
        }
        return out
    }

    /// Names of the documents read, for report headers.
    public var documentNames: [String] { documents.map(\.name) }

    /// The resource indices a selector picks, in input order.
    func indices(for selector: TypeSelector) -> [Int] {
        let matches = selector.matches(in: types)
        if matches.count == 1, let only = matches.first {
            let all = byType[only.type] ?? []
            return all.allSatisfy({ resources[$0].mode == only.mode }) ? all : all.filter { resources[$0].mode == only.mode }
        }
        // Each (type, mode) pair picks disjoint resources; a pair named twice is taken once.
        var out: [Int] = []
        var seen: Set<String> = []
        for match in matches where seen.insert("\(match.mode)|\(match.type)").inserted {
            for i in byType[match.type] ?? [] where resources[i].mode == match.mode { out.append(i) }
        }
        out.sort()
        return out
    }
}

/// One document of the input.
struct PolicyDocument: Sendable {
    enum Content: Sendable {
        /// A file parsed with positions.
        case parsed(JSONDocument)
        /// A configuration held in memory (a synthesized stack): positions are computed on demand by
        /// rendering it exactly as `paved synth` writes it.
        case inMemory(JSON)
    }

    /// The file name, or the stack path (`dev/main.tf.json`) for in-memory stacks.
    var name: String
    var content: Content
    /// True when the document is a file on disk (its name is a real path).
    var isFile: Bool
}

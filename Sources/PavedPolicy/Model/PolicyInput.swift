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

    init(resources: [PolicyResource], documents: [PolicyDocument], diagnostics: [Diagnostic]) {
        self.resources = resources
        self.documents = documents
        self.diagnostics = diagnostics
        var byType: [String: [Int]] = [:]
        for (i, r) in resources.enumerated() { byType[r.type, default: []].append(i) }
        self.byType = byType
        self.types = byType.keys.sorted()
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
        var out: Set<Int> = []
        for match in matches {
            for i in byType[match.type] ?? [] where resources[i].mode == match.mode { out.insert(i) }
        }
        return out.sorted()
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

import PavedTerraform

/// Indexes built during one evaluation, on first use: resources by configuration address, and for
/// each (referring types, attribute) pair the resources that refer to each address. Every index is
/// built in one pass over the resources it covers, so connection conditions stay linear.
final class EvaluationIndexes {
    let input: PolicyInput
    private var referrers: [String: [ObjectIdentifier: [Int]]] = [:]
    private var taggable: [String: Bool?] = [:]

    init(input: PolicyInput) { self.input = input }

    /// Whether resources of `type` can carry tags or labels (from the catalog, looked up once per type).
    func isTaggable(type: String) -> Bool? {
        if let known = taggable[type] { return known }
        let answer = AttributeCatalog.bundled.isTaggable(type: type)
        taggable[type] = .some(answer)
        return answer
    }

    /// Resources at a configuration address in one scope (several with count/for_each).
    func resources(at address: String, scope: Int) -> [Int] {
        input.resources(at: address, scope: scope)
    }

    /// Resources picked by `selector` whose `path` refers to `target`.
    ///
    /// The first call for a (selector, path) pair scans every resource the selector picks once and
    /// records, for each resource referred to, who refers to it.
    func referrers(to target: PolicyResource, selector: TypeSelector, path: AttributePath) -> [Int] {
        let key = "\(selector)|\(path.text)"
        if referrers[key] == nil {
            var index: [ObjectIdentifier: [Int]] = [:]
            for i in input.indices(for: selector) {
                let r = input.resources[i]
                var targets: [Int] = []
                path.forEachValue(in: r.referenceSource ?? r.attributes) { value in
                    if case .string(let text) = value {
                        References.forEachAddress(in: text, modulePath: r.modulePath) { address in
                            for t in resources(at: address, scope: r.scope) where !targets.contains(t) { targets.append(t) }
                        }
                    }
                    return false
                }
                for t in targets { index[ObjectIdentifier(input.resources[t]), default: []].append(i) }
            }
            referrers[key] = index
        }
        return referrers[key]?[ObjectIdentifier(target)] ?? []
    }

    /// Resources that `resource`'s `path` refers to.
    func referenced(from resource: PolicyResource, path: AttributePath) -> [Int] {
        var out: [Int] = []
        path.forEachValue(in: resource.referenceSource ?? resource.attributes) { value in
            if case .string(let text) = value {
                References.forEachAddress(in: text, modulePath: resource.modulePath) { address in
                    for t in resources(at: address, scope: resource.scope) where !out.contains(t) { out.append(t) }
                }
            }
            return false
        }
        return out
    }
}

/// What a Swift rule can ask about the rest of the input.
public struct RuleContext {
    let indexes: EvaluationIndexes

    /// The resources that `resource`'s attribute (a dotted path) refers to, through `${…}`
    /// references in configurations or the plan's configuration references.
    public func resources(referencedBy resource: PolicyResource, attribute: String) -> [PolicyResource] {
        guard case .success(let path) = AttributePath.parse(attribute) else { return [] }
        return indexes.referenced(from: resource, path: path).map { indexes.input.resources[$0] }
    }

    /// The resources of the given types (selector patterns) whose attribute refers to `resource`.
    public func resources(referring resource: PolicyResource, types: [String], attribute: String) -> [PolicyResource] {
        guard case .success(let path) = AttributePath.parse(attribute) else { return [] }
        return indexes.referrers(to: resource, selector: TypeSelector(types), path: path).map { indexes.input.resources[$0] }
    }

    /// Whether resources of `type` can carry tags or labels, by the provider schemas; nil for types
    /// the schemas do not know.
    public func isTaggable(type: String) -> Bool? {
        indexes.isTaggable(type: type)
    }
}

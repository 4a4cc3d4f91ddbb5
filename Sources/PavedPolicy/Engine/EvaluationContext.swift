import PavedTerraform

/// Indexes built during one evaluation, on first use: resources by configuration address, and for
/// each (referring types, attribute) pair the resources that refer to each address. Every index is
/// built in one pass over the resources it covers, so connection conditions stay linear.
final class EvaluationIndexes {
    let input: PolicyInput
    private var byAddress: [ScopedAddress: [Int]]?
    private var referrers: [String: [ScopedAddress: [Int]]] = [:]

    init(input: PolicyInput) { self.input = input }

    struct ScopedAddress: Hashable {
        var scope: Int
        var address: String
    }

    /// Resources at a configuration address in one scope (several with count/for_each).
    func resources(at address: String, scope: Int) -> [Int] {
        if byAddress == nil {
            var index: [ScopedAddress: [Int]] = [:]
            for (i, r) in input.resources.enumerated() {
                index[ScopedAddress(scope: r.scope, address: r.configAddress), default: []].append(i)
            }
            byAddress = index
        }
        return byAddress?[ScopedAddress(scope: scope, address: address)] ?? []
    }

    /// Resources picked by `selector` whose `path` refers to `target`.
    func referrers(to target: PolicyResource, selector: TypeSelector, path: AttributePath) -> [Int] {
        let key = "\(selector)|\(path.text)"
        if referrers[key] == nil {
            var index: [ScopedAddress: [Int]] = [:]
            for i in input.indices(for: selector) {
                let r = input.resources[i]
                var seen: Set<String> = []
                path.forEachValue(in: r.referenceSource ?? r.attributes) { value in
                    if case .string(let text) = value {
                        References.forEachAddress(in: text, modulePath: r.modulePath) { address in
                            if seen.insert(address).inserted {
                                index[ScopedAddress(scope: r.scope, address: address), default: []].append(i)
                            }
                        }
                    }
                    return false
                }
            }
            referrers[key] = index
        }
        return referrers[key]?[ScopedAddress(scope: target.scope, address: target.configAddress)] ?? []
    }

    /// Resources that `resource`'s `path` refers to.
    func referenced(from resource: PolicyResource, path: AttributePath) -> [Int] {
        var out: [Int] = []
        var seen: Set<String> = []
        path.forEachValue(in: resource.referenceSource ?? resource.attributes) { value in
            if case .string(let text) = value {
                References.forEachAddress(in: text, modulePath: resource.modulePath) { address in
                    if seen.insert(address).inserted { out += resources(at: address, scope: resource.scope) }
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
        AttributeCatalog.bundled.isTaggable(type: type)
    }
}

/// Renders a ``Configuration`` as Terraform JSON configuration syntax.
///
/// The only code that turns the model into text. Output is deterministic: sorted keys, resources by
/// address, two-space indent, a final newline, and no timestamps or absolute paths. Each resource
/// carries a `"//"` comment (ignored by Terraform) naming its construct path and Swift `file:line`.
public struct TerraformRenderer: Sendable {
    public init() {}

    /// The configuration as `main.tf.json` text.
    public func render(_ configuration: Configuration) -> String {
        String(decoding: renderBytes(configuration), as: UTF8.self)
    }

    /// The configuration as `main.tf.json` bytes (streamed: the fast path for large platforms).
    public func renderBytes(_ configuration: Configuration) -> [UInt8] {
        StreamingRenderer().render(configuration, renderer: self)
    }

    /// The configuration as a JSON document.
    public func json(_ c: Configuration) -> JSON {
        var root: [String: JSON] = [:]
        let settings = terraformBlock(c.terraform)
        if !settings.isEmpty { root["terraform"] = .object(settings) }
        if !c.providers.isEmpty { root["provider"] = providers(c.providers) }

        var managed: [String: [String: JSON]] = [:]
        var data: [String: [String: JSON]] = [:]
        // Bodies are built on every core for large configurations (each is a tree of its own);
        // they go into the maps in declaration order, so a duplicate address keeps the last, as before.
        let resources = c.resources
        let bodies = Parallel.map(resources.count, chunkSize: 2048) { range in range.map { body(of: resources[$0]) } }
        for (i, body) in zip(resources.indices, bodies.joined()) {
            let address = resources[i].address
            switch address.mode {
            case .managed: managed[address.type, default: [:]][address.name] = body
            case .data: data[address.type, default: [:]][address.name] = body
            }
        }
        if !managed.isEmpty { root["resource"] = .object(managed.mapValues { .object($0) }) }
        if !data.isEmpty { root["data"] = .object(data.mapValues { .object($0) }) }

        if !c.variables.isEmpty {
            root["variable"] = .object(Dictionary(c.variables.map { ($0.name, variable($0)) }, uniquingKeysWith: { a, _ in a }))
        }
        if !c.outputs.isEmpty {
            root["output"] = .object(Dictionary(c.outputs.map { ($0.name, output($0)) }, uniquingKeysWith: { a, _ in a }))
        }
        if !c.locals.isEmpty { root["locals"] = .object(c.locals.mapValues(ExpressionRenderer.json)) }
        if !c.modules.isEmpty {
            root["module"] = .object(Dictionary(c.modules.map { ($0.name, module($0)) }, uniquingKeysWith: { a, _ in a }))
        }
        if !c.moved.isEmpty {
            let moved = c.moved.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
            root["moved"] = .array(moved.map {
                .object(["from": .string($0.from.description), "to": .string($0.to.description)])
            })
        }
        return .object(root)
    }

    /// The body of one resource or data block, with meta-arguments and the provenance comment.
    public func body(of resource: Resource) -> JSON {
        var body: [String: JSON] = [:]
        body.reserveCapacity(resource.arguments.count + 2)
        for (k, v) in resource.arguments { body[k] = ExpressionRenderer.json(v) }
        if !resource.dependsOn.isEmpty {
            body["depends_on"] = .array(resource.dependsOn.sorted().map { .string($0.description) })
        }
        if let count = resource.count { body["count"] = ExpressionRenderer.json(count) }
        if let forEach = resource.forEach { body["for_each"] = ExpressionRenderer.json(forEach) }
        if let provider = resource.provider { body["provider"] = .string(provider.description) }
        if let lifecycle = resource.lifecycle { body["lifecycle"] = .object(self.lifecycle(lifecycle)) }
        if let p = resource.provenance {
            var comment: [String: JSON] = ["construct": .string(p.constructPath), "source": .string(p.location.description)]
            if !p.waivers.isEmpty {
                comment["waivers"] = .array(p.waivers.map {
                    .object([
                        "rule": .string($0.rule), "reason": .string($0.reason), "owner": .string($0.owner),
                        "expires": .string($0.expires), "source": .string($0.location.description),
                    ])
                })
            }
            if let metadata = p.metadata {
                comment["metadata"] = .object(metadata.mapValues { .string($0) })
            }
            body["//"] = .object(comment)
        }
        return .object(body)
    }

    private func terraformBlock(_ t: TerraformSettings) -> [String: JSON] {
        var out: [String: JSON] = [:]
        if let v = t.requiredVersion { out["required_version"] = .string(v) }
        if !t.requiredProviders.isEmpty {
            out["required_providers"] = .object(t.requiredProviders.mapValues {
                .object(["source": .string($0.source), "version": .string($0.version)])
            })
        }
        if let backend = t.backend {
            let settings = JSON.object(backend.settings.mapValues(ExpressionRenderer.json))
            if backend.type == "cloud" {
                out["cloud"] = settings
            } else {
                out["backend"] = .object([backend.type: settings])
            }
        }
        return out
    }

    private func providers(_ configs: [ProviderConfiguration]) -> JSON {
        var byName: [String: [ProviderConfiguration]] = [:]
        for config in configs { byName[config.name, default: []].append(config) }
        return .object(byName.mapValues { list in
            // The default (unaliased) configuration first, then aliases in order.
            let sorted = list.sorted { ($0.alias ?? "") < ($1.alias ?? "") }
            return .array(sorted.map { config in
                var body = config.arguments.mapValues(ExpressionRenderer.json)
                if let alias = config.alias { body["alias"] = .string(alias) }
                return .object(body)
            })
        })
    }

    private func lifecycle(_ l: Lifecycle) -> [String: JSON] {
        var out: [String: JSON] = [:]
        if let v = l.preventDestroy { out["prevent_destroy"] = .bool(v) }
        if let v = l.createBeforeDestroy { out["create_before_destroy"] = .bool(v) }
        switch l.ignoreChanges {
        case .none: break
        case .all: out["ignore_changes"] = .string("all")
        case .attributes(let names): out["ignore_changes"] = .array(names.map(JSON.string))
        }
        return out
    }

    private func variable(_ v: Variable) -> JSON {
        var out: [String: JSON] = [:]
        if let type = v.type { out["type"] = .string(type) }
        if let d = v.defaultValue { out["default"] = ExpressionRenderer.json(d) }
        if let d = v.description { out["description"] = .string(d) }
        if let s = v.sensitive { out["sensitive"] = .bool(s) }
        if let n = v.nullable { out["nullable"] = .bool(n) }
        if !v.validations.isEmpty {
            out["validation"] = .array(v.validations.map {
                .object([
                    "condition": .string("${" + ExpressionRenderer.hcl($0.condition) + "}"),
                    "error_message": .string($0.errorMessage),
                ])
            })
        }
        return .object(out)
    }

    private func output(_ o: Output) -> JSON {
        var out: [String: JSON] = ["value": ExpressionRenderer.json(o.value)]
        if let d = o.description { out["description"] = .string(d) }
        if let s = o.sensitive { out["sensitive"] = .bool(s) }
        if !o.dependsOn.isEmpty { out["depends_on"] = .array(o.dependsOn.sorted().map { .string($0.description) }) }
        return .object(out)
    }

    private func module(_ m: ModuleCall) -> JSON {
        var out = m.inputs.mapValues(ExpressionRenderer.json)
        out["source"] = .string(m.source)
        if let v = m.version { out["version"] = .string(v) }
        if !m.providers.isEmpty { out["providers"] = .object(m.providers.mapValues { .string($0.description) }) }
        if !m.dependsOn.isEmpty { out["depends_on"] = .array(m.dependsOn.sorted().map { .string($0.description) }) }
        if let count = m.count { out["count"] = ExpressionRenderer.json(count) }
        if let forEach = m.forEach { out["for_each"] = ExpressionRenderer.json(forEach) }
        return .object(out)
    }
}

extension Value {
    /// This value as rendered in Terraform JSON (literal strings escaped, expressions as `${…}`).
    public var renderedJSON: JSON { ExpressionRenderer.json(self) }
}

extension Expression {
    /// This expression in HCL syntax, without `${ }`.
    public var hclText: String { ExpressionRenderer.hcl(self) }
}

/// `out/manifest.json`: what one synthesis wrote, for humans and tools.
public struct Manifest: Sendable, Equatable {
    /// Paved's version, written into the manifest (not into stacks, so upgrading Paved alone does not churn them).
    public static let pavedVersion = "0.1.0"

    public var platform: String
    public var stacks: [Stack]

    public init(platform: String, stacks: [Stack]) {
        self.platform = platform
        self.stacks = stacks
    }

    public var json: JSON {
        .object([
            "paved_version": .string(Self.pavedVersion),
            "platform": .string(platform),
            "stacks": .array(stacks.map { stack in
                var byType: [String: JSON] = [:]
                var counts: [String: Int] = [:]
                for r in stack.configuration.resources where r.address.mode == .managed {
                    counts[r.address.type, default: 0] += 1
                }
                for (type, n) in counts { byType[type] = .int(n) }
                let data = stack.configuration.resources.count { $0.address.mode == .data }
                return .object([
                    "environment": .string(stack.environment.rawValue),
                    "path": .string(stack.path),
                    "resources": .int(stack.configuration.resources.count - data),
                    "data_sources": .int(data),
                    "resources_by_type": .object(byType),
                    "providers": .object(stack.configuration.terraform.requiredProviders.mapValues {
                        .object(["source": .string($0.source), "version": .string($0.version)])
                    }),
                    "backend": stack.configuration.terraform.backend.map { .string($0.type) } ?? .string("local"),
                ])
            }),
        ])
    }

    /// The rendered manifest text.
    public func render() -> String { JSONWriter().render(json) }
}

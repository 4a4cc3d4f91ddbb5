/// The schemas of one or more providers, keyed by source address
/// (`registry.terraform.io/hashicorp/aws`): what `terraform providers schema -json` prints.
///
///     let schemas = try ProviderSchemas.load(path: "schemas/")     // a file or a directory
///     let bundled = try ProviderSchemas.bundled()                  // shipped inside Paved
///     schemas.resource("aws_s3_bucket")?.schema.block.attributes["bucket"]
public struct ProviderSchemas: Sendable, Equatable {
    /// Providers by normalized source address.
    public private(set) var providers: [String: ProviderSchema]
    /// Provider source addresses, sorted.
    public private(set) var sources: [String] = []
    /// Which provider (the first by source) has each resource type, and each data source type.
    private var resourceIndex: [String: String] = [:]
    private var dataSourceIndex: [String: String] = [:]

    /// Creates a set of providers; their source addresses are normalized.
    public init(_ providers: [ProviderSchema] = []) {
        self.providers = [:]
        for provider in providers { insert(provider) }
    }

    /// Adds (or replaces) a provider.
    public mutating func insert(_ provider: ProviderSchema) {
        providers[provider.source] = provider
        sources = providers.keys.sorted()
        resourceIndex = [:]
        dataSourceIndex = [:]
        for source in sources.reversed() {
            guard let p = providers[source] else { continue }
            for type in p.resourceSchemas.keys { resourceIndex[type] = source }
            for type in p.dataSourceSchemas.keys { dataSourceIndex[type] = source }
        }
    }

    public static func == (a: ProviderSchemas, b: ProviderSchemas) -> Bool {
        a.providers == b.providers
    }

    /// Marks every provider as partial (see ``ProviderSchema/isPartial``) or complete.
    public mutating func setPartial(_ partial: Bool) {
        for source in providers.keys { providers[source]?.isPartial = partial }
    }

    /// The provider with source address `source` (`hashicorp/aws` and
    /// `registry.terraform.io/hashicorp/aws` both work).
    public func provider(source: String) -> ProviderSchema? {
        providers[Self.normalizeSource(source)]
    }

    /// The provider Terraform would pick for local name `name` when `required_providers` does not
    /// say: `registry.terraform.io/hashicorp/NAME`, else the only provider whose type name is `name`
    /// (`snowflake` → `registry.terraform.io/snowflakedb/snowflake`).
    public func provider(localName name: String) -> ProviderSchema? {
        if let p = providers[Self.normalizeSource(name)] { return p }
        let matches = sources.compactMap { providers[$0] }.filter { $0.typeName == name }
        return matches.first
    }

    /// The managed resource type `type` and its provider, searching every provider.
    public func resource(_ type: String) -> (provider: ProviderSchema, schema: ResourceSchema)? {
        guard let source = resourceIndex[type], let provider = providers[source],
              let schema = provider.resourceSchemas[type] else { return nil }
        return (provider, schema)
    }

    /// The data source type `type` and its provider, searching every provider.
    public func dataSource(_ type: String) -> (provider: ProviderSchema, schema: ResourceSchema)? {
        guard let source = dataSourceIndex[type], let provider = providers[source],
              let schema = provider.dataSourceSchemas[type] else { return nil }
        return (provider, schema)
    }

    /// A source address in its full, lower-case form: `hashicorp/aws` →
    /// `registry.terraform.io/hashicorp/aws`, `aws` → `registry.terraform.io/hashicorp/aws`.
    public static func normalizeSource(_ source: String) -> String {
        let parts = source.lowercased().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: return "registry.terraform.io/hashicorp/\(parts[0])"
        case 2: return "registry.terraform.io/\(parts[0])/\(parts[1])"
        default: return parts.joined(separator: "/")
        }
    }
}

/// One provider: its configuration block and its resource and data source types.
public struct ProviderSchema: Sendable, Equatable {
    /// The normalized source address, e.g. `registry.terraform.io/hashicorp/aws`.
    public var source: String
    /// The schema of the `provider "NAME" { … }` configuration block.
    public var provider: SchemaBlock
    /// Managed resource types by type name.
    public var resourceSchemas: [String: ResourceSchema]
    /// Data source types by type name.
    public var dataSourceSchemas: [String: ResourceSchema]
    /// True when only some of the provider's types are here (Paved's trimmed bundle): a type
    /// that is missing is then unknown to Paved, not necessarily to the provider.
    public var isPartial: Bool = false

    public init(
        source: String, provider: SchemaBlock = SchemaBlock(),
        resourceSchemas: [String: ResourceSchema] = [:], dataSourceSchemas: [String: ResourceSchema] = [:]
    ) {
        self.source = ProviderSchemas.normalizeSource(source)
        self.provider = provider
        self.resourceSchemas = resourceSchemas
        self.dataSourceSchemas = dataSourceSchemas
    }

    /// The provider's type name, the last part of its source address (`aws`), which is also its
    /// usual local name and the prefix of its resource types.
    public var typeName: String {
        source.split(separator: "/").last.map(String.init) ?? source
    }
}

/// The schema of one resource or data source type.
public struct ResourceSchema: Sendable, Equatable {
    /// The schema version (`version` in the JSON).
    public var version: Int
    public var block: SchemaBlock

    public init(version: Int = 0, block: SchemaBlock) {
        self.version = version
        self.block = block
    }
}

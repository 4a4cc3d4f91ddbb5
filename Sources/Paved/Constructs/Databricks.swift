/// Databricks constructs: serverless SQL warehouses that stop when idle, Unity Catalog catalogs
/// and schemas, and grants to account groups from ``Allow`` intents.
///
/// ```swift
/// Databricks.SQLWarehouse("bi", size: .small, autoStop: .minutes(10), maxClusters: 2)
/// Databricks.Catalog("lakehouse") {
///     Databricks.Schema("bronze")
///     Databricks.Schema("gold")
/// }
/// Databricks.Group("analysts", principal: "Data Analysts") {
///     Allow(.read, on: "lakehouse/gold")
/// }
/// ```
///
/// The constructs live in this namespace because the generated bindings already use the flat names
/// (`DatabricksSchema` is the binding of `databricks_schema`).
public enum Databricks {}

/// How stacks that use Databricks configure the `databricks` provider: the workspace URL is an
/// input variable; authentication (OAuth machine-to-machine, a profile, cloud credentials) stays
/// in the provider's environment variables (`DATABRICKS_CLIENT_ID`, …) or `~/.databrickscfg`,
/// never in output.
public enum DatabricksProvider {
    public static let hostVariable = "databricks_host"

    static let variables: [Variable] = [
        Variable(hostVariable, type: "string", description: "Databricks workspace URL (https://<workspace>.cloud.databricks.com)"),
    ]
}

extension Databricks {
    /// A Databricks SQL warehouse (`databricks_sql_endpoint`): Pro, serverless by default, Photon,
    /// stopping after `autoStop` idle, scaling out to `maxClusters`, with the metadata as custom tags.
    ///
    /// ```swift
    /// Databricks.SQLWarehouse("bi", size: .small, autoStop: .minutes(10), maxClusters: 2, serverless: true)
    ///     .overriding(in: .dev, size: .xxsmall, maxClusters: 1)
    /// ```
    public struct SQLWarehouse: Construct {
        /// What one environment changes.
        public struct Override: Sendable {
            public var size: Size?
            public var autoStop: Interval?
            public var maxClusters: Int?
            public var location: SourceLocation
        }

        /// Cluster sizes (`cluster_size`); each step roughly doubles the DBUs per hour.
        public enum Size: String, Sendable, CaseIterable {
            case xxsmall = "2X-Small", xsmall = "X-Small", small = "Small", medium = "Medium", large = "Large"
            case xlarge = "X-Large", xxlarge = "2X-Large", xxxlarge = "3X-Large", x4large = "4X-Large"
        }

        public var kind: String { "databricks sql warehouse" }
        public var name: String
        public var metadata: Metadata
        public var size: Size
        public var autoStop: Interval
        public var maxClusters: Int
        public var serverless: Bool
        public var overrides: [EnvironmentName: Override] = [:]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, size: Size = .xsmall, autoStop: Interval = .minutes(10), maxClusters: Int = 1, serverless: Bool = true,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
            costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) {
            self.name = name
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.size = size
            self.autoStop = autoStop
            self.maxClusters = maxClusters
            self.serverless = serverless
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        /// Changes the size, auto-stop or cluster cap in one environment.
        public func overriding(
            in environment: EnvironmentName, size: Size? = nil, autoStop: Interval? = nil, maxClusters: Int? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) -> Self {
            var copy = self
            copy.overrides[environment] = Override(
                size: size, autoStop: autoStop, maxClusters: maxClusters,
                location: SourceLocation(fileID: file, filePath: filePath, line: line))
            return copy
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            let what = "databricks sql warehouse '\(name)'"
            out += check(autoStop: autoStop, maxClusters: maxClusters, of: what, at: location)
            for environment in overrides.keys.sorted() {
                guard let o = overrides[environment] else { continue }
                out += check(autoStop: o.autoStop, maxClusters: o.maxClusters, of: "\(what) in \(environment)", at: o.location)
            }
            return out
        }

        func check(autoStop: Interval?, maxClusters: Int?, of what: String, at location: SourceLocation) -> [Diagnostic] {
            var out: [Diagnostic] = []
            let minutes = serverless ? 1...60 : 10...60
            if let autoStop, autoStop.seconds % 60 != 0 || !minutes.contains(autoStop.seconds / 60) {
                out.append(.error(
                    "\(what) autoStop must be \(minutes.lowerBound) to 60 whole minutes\(serverless ? "" : " for a non-serverless warehouse") (got \(autoStop)): an idle warehouse bills until it stops",
                    at: location))
            }
            if let maxClusters, !(1...40).contains(maxClusters) {
                out.append(.error("\(what) maxClusters must be 1 to 40 (got \(maxClusters))", at: location))
            }
            return out
        }

        public func lower(into context: inout SynthesisContext) {
            let override = overrides[context.environment.name]
            let size = override?.size ?? size
            let autoStop = override?.autoStop ?? autoStop
            let maxClusters = override?.maxClusters ?? maxClusters
            let tags = context.metadataStrings(metadata).sorted { $0.key < $1.key }.map {
                DatabricksSQLEndpoint.Tags.CustomTags(key: .init($0.key), value: .init($0.value))
            }
            context.add(Identifier.sanitize(name), DatabricksSQLEndpoint(
                autoStopMins: .init(autoStop.seconds / 60), clusterSize: .init(size.rawValue), enablePhoton: true,
                enableServerlessCompute: .init(serverless), maxNumClusters: .init(maxClusters), minNumClusters: 1,
                name: .init(context.physicalName(name)), tags: .init(customTags: tags), warehouseType: "PRO"
            ), for: self)
        }
    }

    /// A schema of a ``Databricks/Catalog``, inheriting its metadata.
    public struct Schema: Sendable {
        public var name: String
        public var description: String?
        public var metadata: Metadata
        public var location: SourceLocation

        public init(
            _ name: String, description: String? = nil, owner: String? = nil, classification: Classification? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) {
            self.name = name
            self.description = description
            self.metadata = Metadata(owner: owner, classification: classification)
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        /// The Unity Catalog name: `raw-events` → `raw_events`.
        var identifier: String { name.replacingOccurrences(of: "-", with: "_") }
    }

    /// A Unity Catalog catalog (`databricks_catalog`, isolated to its workspace) with its schemas
    /// (`databricks_schema`), metadata as properties, and the grants groups ask for with ``Allow``.
    ///
    /// ```swift
    /// Databricks.Catalog("lakehouse", classification: .confidential) {
    ///     Databricks.Schema("bronze")
    ///     Databricks.Schema("gold", description: "Curated marts")
    /// }
    /// ```
    ///
    /// `databricks_grants` is authoritative for its securable, so the catalog writes one per
    /// securable holding every group's privileges on it.
    public struct Catalog: Construct {
        public var kind: String { "databricks catalog" }
        public var name: String
        public var description: String?
        public var metadata: Metadata
        public var schemas: [Schema]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, description: String? = nil,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
            costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
            @DatabricksSchemaBuilder _ schemas: () -> [Schema] = { [] }
        ) {
            self.name = name
            self.description = description
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.schemas = schemas()
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            var seen: Set<String> = []
            for schema in schemas {
                if let d = NameRule.check(schema.name, kind: "databricks schema", at: schema.location) { out.append(d) }
                if schema.identifier == "default" || schema.identifier == "information_schema" {
                    out.append(.error(
                        "databricks schema '\(schema.name)' in catalog '\(name)' is reserved: Unity Catalog creates it", at: schema.location))
                }
                if !seen.insert(schema.identifier).inserted {
                    out.append(.error("databricks catalog '\(name)' declares schema '\(schema.name)' twice", at: schema.location))
                }
            }
            return out
        }

        var resourceName: String { Identifier.sanitize(name) }
        func schemaResourceName(_ schema: Schema) -> String { "\(resourceName)_\(Identifier.sanitize(schema.name))" }

        public func lower(into context: inout SynthesisContext) {
            let n = resourceName
            let catalog = context.add(n, DatabricksCatalog(
                comment: description.map { TypedValue($0) }, forceDestroy: false, isolationMode: "ISOLATED",
                name: .init(context.physicalName(name, separator: "_").replacingOccurrences(of: "-", with: "_")),
                properties: .init(context.metadataStrings(metadata))
            ), for: self, untaggedWith: metadata)
            var schemaRefs: [String: DatabricksSchema.Ref] = [:]
            var added: Set<String> = []
            for schema in schemas where added.insert(schema.identifier).inserted {
                let schemaMetadata = schema.metadata.inheriting(from: metadata)
                schemaRefs[schema.identifier] = context.add(schemaResourceName(schema), DatabricksSchema(
                    catalogName: catalog.name, comment: schema.description.map { TypedValue($0) }, forceDestroy: false,
                    name: .init(schema.identifier), properties: .init(context.metadataStrings(schemaMetadata))
                ), for: self, untaggedWith: schemaMetadata, at: schema.location, part: schema.name)
            }

            // Every group's privileges, by securable and principal.
            var onCatalog: [String: Set<String>] = [:]
            var onSchema: [String: [String: Set<String>]] = [:]
            for group in context.constructs(of: Group.self) {
                for grant in group.grants {
                    guard case .intent(let intent, let target) = grant.grant, intent == .read || intent == .write else { continue }
                    let parts = target.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                    guard parts.first == name, parts.count <= 2 else { continue }
                    let data: Set<String> = intent == .read ? ["SELECT", "USE_SCHEMA"] : ["MODIFY", "SELECT", "USE_SCHEMA"]
                    if parts.count == 1 {
                        onCatalog[group.principal, default: []].formUnion(data.union(["USE_CATALOG"]))
                    } else {
                        let schema = parts[1].replacingOccurrences(of: "-", with: "_")
                        guard schemaRefs[schema] != nil else { continue }
                        onCatalog[group.principal, default: []].insert("USE_CATALOG")
                        onSchema[schema, default: [:]][group.principal, default: []].formUnion(data)
                    }
                }
            }
            if !onCatalog.isEmpty {
                context.add(n, DatabricksGrants(catalog: catalog.name, grant: Self.grantBlocks(onCatalog)), for: self, part: "grants")
            }
            for schema in schemas {
                guard let grants = onSchema.removeValue(forKey: schema.identifier), let ref = schemaRefs[schema.identifier] else { continue }
                context.add(schemaResourceName(schema), DatabricksGrants(grant: Self.grantBlocks(grants), schema: ref.id), for: self, part: "grants")
            }
        }

        static func grantBlocks(_ privileges: [String: Set<String>]) -> [DatabricksGrants.Grant] {
            privileges.keys.sorted().map { principal in
                DatabricksGrants.Grant(principal: .init(principal), privileges: .init((privileges[principal] ?? []).sorted()))
            }
        }
    }

    /// A Databricks account group (created and synced outside Terraform, e.g. by SCIM from your
    /// identity provider) granted catalog or schema access from intents.
    ///
    /// ```swift
    /// Databricks.Group("analysts", principal: "Data Analysts") {
    ///     Allow(.read, on: "lakehouse")          // USE_CATALOG, USE_SCHEMA, SELECT on the catalog
    ///     Allow(.write, on: "lakehouse/bronze")  // USE_CATALOG; USE_SCHEMA, SELECT, MODIFY on the schema
    /// }
    /// ```
    /// The grants are written by the catalog (one authoritative `databricks_grants` per securable).
    public struct Group: Construct {
        public var kind: String { "databricks group" }
        public var name: String
        /// The group's display name in the Databricks account.
        public var principal: String
        public var grants: [Allow]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, principal: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
            @RoleBuilder _ grants: () -> [Allow] = { [] }
        ) {
            self.name = name
            self.principal = principal ?? name
            self.grants = grants()
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            if principal.allSatisfy(\.isWhitespace) || principal.lowercased() == "account users" || principal == "users" {
                out.append(.error(
                    "databricks group '\(name)' principal '\(principal)' is empty or everyone: name a group of the people or jobs that need access",
                    at: location))
            }
            out += grants.explicitGrantErrors(
                "Allow(actions:on:) writes IAM statements for AWS: a databricks group takes Allow(.read, on: \"catalog\") or Allow(.write, on: \"catalog/schema\")")
            return out
        }

        public func lower(into context: inout SynthesisContext) {
            for grant in grants {
                guard case .intent(let intent, let target) = grant.grant else { continue }
                let parts = target.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                guard let first = parts.first, let construct = context.construct(named: first) else {
                    context.error(unknownTarget(parts.first ?? target, expected: nil, context: context), at: grant.location)
                    continue
                }
                if construct is ClusterPolicy, parts.count == 1 {
                    if intent != .use {
                        context.error(
                            "cannot grant .\(intent.rawValue) on databricks cluster policy '\(target)' to databricks group '\(name)': use .use",
                            at: grant.location)
                    }
                    continue
                }
                guard let catalog = construct as? Catalog, parts.count <= 2 else {
                    context.error(
                        "cannot grant .\(intent.rawValue) on \(construct.kind) '\(target)' to databricks group '\(name)': a databricks group can be granted access to databricks catalogs, schemas and cluster policies only",
                        at: grant.location)
                    continue
                }
                guard intent == .read || intent == .write else {
                    context.error(
                        "cannot grant .\(intent.rawValue) on databricks catalog '\(target)' to databricks group '\(name)': use .read or .write",
                        at: grant.location)
                    continue
                }
                if parts.count == 2 {
                    let schema = parts[1].replacingOccurrences(of: "-", with: "_")
                    if !catalog.schemas.contains(where: { $0.identifier == schema }) {
                        var message = "databricks catalog '\(first)' has no schema '\(parts[1])'"
                        let close = Set(catalog.schemas.map(\.name)).sorted().filter { EditDistance.distance($0, parts[1], limit: max(2, parts[1].count / 3)) != nil }
                        if !close.isEmpty { message += "; did you mean " + close.map { "'\(first)/\($0)'" }.joined(separator: " or ") + "?" }
                        context.error(message, at: grant.location)
                    }
                }
            }
        }
    }
}

@resultBuilder
public enum DatabricksSchemaBuilder {
    public static func buildExpression(_ schema: Databricks.Schema) -> [Databricks.Schema] { [schema] }
    public static func buildBlock(_ parts: [Databricks.Schema]...) -> [Databricks.Schema] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Databricks.Schema]?) -> [Databricks.Schema] { part ?? [] }
    public static func buildEither(first: [Databricks.Schema]) -> [Databricks.Schema] { first }
    public static func buildEither(second: [Databricks.Schema]) -> [Databricks.Schema] { second }
    public static func buildArray(_ parts: [[Databricks.Schema]]) -> [Databricks.Schema] { parts.flatMap { $0 } }
}

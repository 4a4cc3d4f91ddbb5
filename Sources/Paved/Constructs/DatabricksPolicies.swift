extension Databricks {
    /// A cluster policy (`databricks_cluster_policy`) that bounds what all-purpose and job clusters
    /// created under it may cost and how they isolate data, with the metadata fixed as custom tags;
    /// groups may use it with `Allow(.use, on: "policy")` (`databricks_permissions`, `CAN_USE`).
    ///
    /// ```swift
    /// Databricks.ClusterPolicy("etl", maxDBUsPerHour: 20, maxWorkers: 8, autoTerminate: .minutes(30))
    /// Databricks.Group("engineers") { Allow(.use, on: "etl") }
    /// ```
    ///
    /// The definition: `dbus_per_hour` at most `maxDBUsPerHour`; `autoscale.max_workers` at most
    /// `maxWorkers`; `autotermination_minutes` 10 to `autoTerminate` (default the maximum);
    /// `data_security_mode` `USER_ISOLATION` or `SINGLE_USER` (Unity Catalog access modes); every
    /// metadata key as a fixed `custom_tags.KEY`.
    ///
    /// `.overriding(in: .dev, maxDBUsPerHour: 5, maxWorkers: 2)` tightens the caps in one environment.
    public struct ClusterPolicy: Construct {
        /// What one environment changes.
        public struct Override: Sendable {
            public var maxDBUsPerHour: Int?
            public var maxWorkers: Int?
            public var autoTerminate: Interval?
            public var maxClustersPerUser: Int?
            public var location: SourceLocation
        }

        public var kind: String { "databricks cluster policy" }
        public var name: String
        public var description: String?
        public var metadata: Metadata
        public var maxDBUsPerHour: Int
        public var maxWorkers: Int
        public var autoTerminate: Interval
        public var maxClustersPerUser: Int
        public var overrides: [EnvironmentName: Override] = [:]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, maxDBUsPerHour: Int, maxWorkers: Int, autoTerminate: Interval = .minutes(30), maxClustersPerUser: Int = 1,
            description: String? = nil,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
            costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) {
            self.name = name
            self.description = description
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.maxDBUsPerHour = maxDBUsPerHour
            self.maxWorkers = maxWorkers
            self.autoTerminate = autoTerminate
            self.maxClustersPerUser = maxClustersPerUser
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        /// Changes the caps in one environment (smaller clusters in dev, say).
        public func overriding(
            in environment: EnvironmentName, maxDBUsPerHour: Int? = nil, maxWorkers: Int? = nil, autoTerminate: Interval? = nil,
            maxClustersPerUser: Int? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) -> Self {
            var copy = self
            copy.overrides[environment] = Override(
                maxDBUsPerHour: maxDBUsPerHour, maxWorkers: maxWorkers, autoTerminate: autoTerminate,
                maxClustersPerUser: maxClustersPerUser, location: SourceLocation(fileID: file, filePath: filePath, line: line))
            return copy
        }

        /// The policy as it applies in `environment`: the construct with that environment's override applied.
        func resolved(in environment: EnvironmentName) -> ClusterPolicy {
            guard let o = overrides[environment] else { return self }
            var copy = self
            copy.maxDBUsPerHour = o.maxDBUsPerHour ?? maxDBUsPerHour
            copy.maxWorkers = o.maxWorkers ?? maxWorkers
            copy.autoTerminate = o.autoTerminate ?? autoTerminate
            copy.maxClustersPerUser = o.maxClustersPerUser ?? maxClustersPerUser
            return copy
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            let what = "databricks cluster policy '\(name)'"
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            out += Self.check(
                maxDBUsPerHour: maxDBUsPerHour, maxWorkers: maxWorkers, autoTerminate: autoTerminate,
                maxClustersPerUser: maxClustersPerUser, of: what, at: location)
            for environment in overrides.keys.sorted() {
                guard let o = overrides[environment] else { continue }
                out += Self.check(
                    maxDBUsPerHour: o.maxDBUsPerHour, maxWorkers: o.maxWorkers, autoTerminate: o.autoTerminate,
                    maxClustersPerUser: o.maxClustersPerUser, of: "\(what) in \(environment)", at: o.location)
            }
            return out
        }

        /// Problems with the limits that are set (an override sets some of them).
        static func check(
            maxDBUsPerHour: Int?, maxWorkers: Int?, autoTerminate: Interval?, maxClustersPerUser: Int?,
            of what: String, at location: SourceLocation
        ) -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let maxDBUsPerHour, maxDBUsPerHour <= 0 {
                out.append(.error("\(what) maxDBUsPerHour must be positive (got \(maxDBUsPerHour))", at: location))
            }
            if let maxWorkers, maxWorkers < 1 {
                out.append(.error("\(what) maxWorkers must be at least 1 (got \(maxWorkers))", at: location))
            }
            if let autoTerminate, autoTerminate.seconds % 60 != 0 || !(10...120).contains(autoTerminate.seconds / 60) {
                out.append(.error(
                    "\(what) autoTerminate must be 10 to 120 whole minutes (got \(autoTerminate)): idle clusters bill until they terminate",
                    at: location))
            }
            if let maxClustersPerUser, maxClustersPerUser < 1 {
                out.append(.error("\(what) maxClustersPerUser must be at least 1 (got \(maxClustersPerUser))", at: location))
            }
            return out
        }

        var resourceName: String { Identifier.sanitize(name) }

        /// The policy definition, as an object (rendered with `jsonencode`, keys sorted).
        func definition(tags: [String: String]) -> Value {
            let minutes = autoTerminate.seconds / 60
            var members: Members = [
                "autotermination_minutes": .object([
                    "type": "range", "minValue": .int(10), "maxValue": .int(minutes), "defaultValue": .int(minutes),
                ]),
                "dbus_per_hour": .object(["type": "range", "maxValue": .int(maxDBUsPerHour)]),
                "autoscale.max_workers": .object(["type": "range", "maxValue": .int(maxWorkers)]),
                "data_security_mode": .object([
                    "type": "allowlist", "values": .list(["USER_ISOLATION", "SINGLE_USER"]), "defaultValue": "USER_ISOLATION",
                ]),
            ]
            for (key, value) in tags { members["custom_tags.\(key)"] = .object(["type": "fixed", "value": .string(value)]) }
            return .object(members)
        }

        public func lower(into context: inout SynthesisContext) {
            let effective = resolved(in: context.environment.name)
            let definition = effective.definition(tags: context.metadataStrings(metadata))
            let maxClustersPerUser = effective.maxClustersPerUser
            let n = resourceName
            let policy = context.add(n, DatabricksClusterPolicy(
                definition: TypedValue(expression: .jsonencode(definition)),
                description: description.map { TypedValue($0) }, maxClustersPerUser: .init(maxClustersPerUser),
                name: .init(context.physicalName(name))
            ), for: self, untaggedWith: metadata)

            var principals: Set<String> = []
            for group in context.constructs(of: Group.self) {
                for grant in group.grants {
                    if case .intent(.use, let target) = grant.grant, target == name { principals.insert(group.principal) }
                }
            }
            guard !principals.isEmpty else { return }
            context.add("cluster_policy_\(n)", DatabricksPermissions(
                accessControl: principals.sorted().map { .init(groupName: .init($0), permissionLevel: "CAN_USE") },
                clusterPolicyID: policy.id
            ), for: self, part: "permissions")
        }
    }
}

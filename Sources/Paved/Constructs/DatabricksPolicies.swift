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
    public struct ClusterPolicy: Construct {
        public var kind: String { "databricks cluster policy" }
        public var name: String
        public var description: String?
        public var metadata: Metadata
        public var maxDBUsPerHour: Int
        public var maxWorkers: Int
        public var autoTerminate: Interval
        public var maxClustersPerUser: Int
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

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            let what = "databricks cluster policy '\(name)'"
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            if maxDBUsPerHour <= 0 {
                out.append(.error("\(what) maxDBUsPerHour must be positive (got \(maxDBUsPerHour))", at: location))
            }
            if maxWorkers < 1 {
                out.append(.error("\(what) maxWorkers must be at least 1 (got \(maxWorkers))", at: location))
            }
            if autoTerminate.seconds % 60 != 0 || !(10...120).contains(autoTerminate.seconds / 60) {
                out.append(.error(
                    "\(what) autoTerminate must be 10 to 120 whole minutes (got \(autoTerminate)): idle clusters bill until they terminate",
                    at: location))
            }
            if maxClustersPerUser < 1 {
                out.append(.error("\(what) maxClustersPerUser must be at least 1 (got \(maxClustersPerUser))", at: location))
            }
            return out
        }

        var resourceName: String { Identifier.sanitize(name) }

        /// The policy definition, as an object (rendered with `jsonencode`, keys sorted).
        func definition(tags: [String: String]) -> Value {
            let minutes = autoTerminate.seconds / 60
            var members: [String: Value] = [
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
            let n = resourceName
            let policy = context.add(n, DatabricksClusterPolicy(
                definition: TypedValue(expression: .jsonencode(definition(tags: context.metadataStrings(metadata)))),
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

/// Snowflake constructs: warehouses with credit budgets, databases and schemas with retention,
/// functional account roles granted per-database access roles (database roles), key-pair service
/// users and network policies.
///
/// ```swift
/// Snowflake.Warehouse("transform", size: .medium, autoSuspend: .minutes(5)) {
///     CreditBudget(perMonth: 500, notifyAt: [50, 90], suspendAt: 100)
/// }
/// Snowflake.Database("raw", retention: .days(7)) {
///     Snowflake.Schema("events")
/// }
/// Snowflake.Role("transformer") {
///     Allow(.read, on: "raw")
///     Allow(.use, on: "transform")
/// }
/// ```
///
/// The constructs live in this namespace because the generated bindings of the provider's types
/// already use the flat names (`SnowflakeWarehouse` is the `snowflake_warehouse` binding).
///
/// Snowflake objects cannot carry tags the way cloud resources do, so owner, tier, classification
/// and cost center go into each object's `comment` and into the provenance comment's `metadata`
/// object, which `paved check` reads.
public enum Snowflake {}

/// A construct that functional roles (``Snowflake/Role``) can be granted access to with ``Allow``.
public protocol SnowflakeGrantTarget: Construct {
    /// The intents this object understands, for messages.
    var snowflakeIntents: [AccessIntent] { get }
    /// Adds the grant of `intent` on this object to the account role named by `role`.
    ///
    /// - Parameters:
    ///   - name: the Terraform local name to use for the grant block.
    ///   - grantee: the construct that asked (its provenance is the grant's).
    ///   - location: the ``Allow`` line.
    func addSnowflakeGrant(
        _ intent: AccessIntent, to role: TypedValue<String>, name: String, for grantee: any Construct,
        at location: SourceLocation, context: inout SynthesisContext)
}

extension SynthesisContext {
    /// `ACME_DATA_DEV_RAW`: the physical Snowflake identifier of a construct, unique per platform
    /// and environment, unquoted (uppercase letters, digits and underscores).
    public func snowflakeIdentifier(_ name: String) -> String {
        if let module { return module.physicalName(name) }  // the module's `name` input, validated there
        var out = ""
        for ch in physicalName(name).uppercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) } else if !out.hasSuffix("_") { out.append("_") }
        }
        return out
    }

    /// The `comment` of a Snowflake object: what it is, where it came from and its metadata, in
    /// a fixed order (`owner=…; team=…; tier=…; data_classification=…; cost_center=…; environment=…`).
    public func snowflakeComment(_ what: String, metadata: Metadata, construct: any Construct) -> String {
        let values = metadataStrings(metadata)
        let keys = [
            Metadata.TagKey.owner, Metadata.TagKey.team, Metadata.TagKey.tier, Metadata.TagKey.classification,
            Metadata.TagKey.costCenter, Metadata.TagKey.environment,
        ]
        let fields = keys.compactMap { key in values[key].map { "\(key)=\($0)" } }
        return "\(what). Managed by Paved (\(platformName)/\(construct.name)). " + fields.joined(separator: "; ")
    }
}

/// A monthly credit budget for a ``Snowflake/Warehouse``: a resource monitor that notifies account
/// administrators at each `notifyAt` percentage and suspends the warehouse at `suspendAt` (letting
/// running queries finish), or at `suspendImmediatelyAt` (cancelling them).
public struct CreditBudget: Sendable, Equatable {
    public var creditsPerMonth: Int
    public var notifyAt: [Int]
    public var suspendAt: Int
    public var suspendImmediatelyAt: Int?
    public var location: SourceLocation

    /// `CreditBudget(perMonth: 500, notifyAt: [50, 90], suspendAt: 100)`.
    public init(
        perMonth credits: Int, notifyAt: [Int] = [75, 90], suspendAt: Int = 100, suspendImmediatelyAt: Int? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.creditsPerMonth = credits
        self.notifyAt = notifyAt
        self.suspendAt = suspendAt
        self.suspendImmediatelyAt = suspendImmediatelyAt
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    func validate(warehouse: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if creditsPerMonth <= 0 {
            out.append(.error("credit budget of warehouse '\(warehouse)' must be a positive number of credits per month (got \(creditsPerMonth))", at: location))
        }
        for percent in notifyAt + [suspendAt] + (suspendImmediatelyAt.map { [$0] } ?? []) where !(1...500).contains(percent) {
            out.append(.error("credit budget of warehouse '\(warehouse)': threshold \(percent)% is outside 1 to 500 percent of the quota", at: location))
        }
        if let tooLate = notifyAt.filter({ $0 >= suspendAt }).min() {
            out.append(.error("credit budget of warehouse '\(warehouse)': notification at \(tooLate)% comes at or after the suspension at \(suspendAt)%, so it is never useful", at: location))
        }
        if Set(notifyAt).count != notifyAt.count {
            out.append(.error("credit budget of warehouse '\(warehouse)' notifies twice at the same percentage (\(notifyAt.map(String.init).joined(separator: ", ")))", at: location))
        }
        if let immediate = suspendImmediatelyAt, immediate < suspendAt {
            out.append(.error("credit budget of warehouse '\(warehouse)': suspendImmediatelyAt \(immediate)% is below suspendAt \(suspendAt)%", at: location))
        }
        return out
    }
}

extension Snowflake {
    /// A virtual warehouse with a credit budget: it suspends when idle, resumes on demand, times
    /// out runaway statements and is watched by a resource monitor.
    ///
    /// ```swift
    /// Snowflake.Warehouse("transform", size: .medium, autoSuspend: .minutes(5)) {
    ///     CreditBudget(perMonth: 500, notifyAt: [50, 90], suspendAt: 100)
    /// }
    /// .overriding(in: .dev, size: .xsmall, creditsPerMonth: 50)
    /// ```
    public struct Warehouse: SnowflakeGrantTarget {
        /// Warehouse sizes; each step doubles the credits per hour.
        public enum Size: String, Sendable, CaseIterable {
            case xsmall = "XSMALL", small = "SMALL", medium = "MEDIUM", large = "LARGE", xlarge = "XLARGE"
            case xxlarge = "XXLARGE", xxxlarge = "XXXLARGE", x4large = "X4LARGE"

            /// The most clusters a multi-cluster warehouse of this size may have (Snowflake's
            /// "Multi-cluster warehouses": 300 up to Medium, halving with each size to 10 from 3X-Large).
            public var maxClusters: Int {
                switch self {
                case .xsmall, .small, .medium: 300
                case .large: 160
                case .xlarge: 80
                case .xxlarge: 40
                case .xxxlarge: 20
                case .x4large: 10
                }
            }
        }

        /// How a multi-cluster warehouse adds clusters: `.standard` favours queueing less,
        /// `.economy` favours spending less.
        public enum ScalingPolicy: String, Sendable {
            case standard = "STANDARD", economy = "ECONOMY"
        }

        /// What one environment changes.
        public struct Override: Sendable {
            public var size: Size?
            public var autoSuspend: Interval?
            public var creditsPerMonth: Int?
            public var location: SourceLocation
        }

        public var kind: String { "snowflake warehouse" }
        public var name: String
        public var description: String?
        public var metadata: Metadata
        public var size: Size
        public var autoSuspend: Interval
        public var statementTimeout: Interval
        public var clusters: ClosedRange<Int>
        public var scaling: ScalingPolicy
        public var budget: CreditBudget?
        public var overrides: [EnvironmentName: Override] = [:]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, size: Size = .xsmall, autoSuspend: Interval = .minutes(5), statementTimeout: Interval = .hours(1),
            clusters: ClosedRange<Int> = 1...1, scaling: ScalingPolicy = .standard, description: String? = nil,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
            costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
            _ budget: () -> CreditBudget? = { nil }
        ) {
            self.name = name
            self.description = description
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.size = size
            self.autoSuspend = autoSuspend
            self.statementTimeout = statementTimeout
            self.clusters = clusters
            self.scaling = scaling
            self.budget = budget()
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        /// Changes the size, auto-suspend or monthly credits in one environment.
        public func overriding(
            in environment: EnvironmentName, size: Size? = nil, autoSuspend: Interval? = nil, creditsPerMonth: Int? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) -> Self {
            var copy = self
            copy.overrides[environment] = Override(
                size: size, autoSuspend: autoSuspend, creditsPerMonth: creditsPerMonth,
                location: SourceLocation(fileID: file, filePath: filePath, line: line))
            return copy
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            out += Self.checkAutoSuspend(autoSuspend, warehouse: name, at: location)
            if !(1...604_800).contains(statementTimeout.seconds) {
                out.append(.error("warehouse '\(name)' statementTimeout must be 1 second to 7 days (got \(statementTimeout))", at: location))
            }
            if clusters.lowerBound < 1 || clusters.upperBound > size.maxClusters {
                out.append(.error(
                    "warehouse '\(name)' clusters must be within 1...\(size.maxClusters) for size \(size.rawValue) (got \(clusters.lowerBound)...\(clusters.upperBound))",
                    at: location))
            }
            if let budget {
                out += budget.validate(warehouse: name)
            } else {
                out.append(.error(
                    "warehouse '\(name)' has no credit budget: add { CreditBudget(perMonth: 100, notifyAt: [75, 90], suspendAt: 100) } so its spending is bounded",
                    at: location))
            }
            for environment in overrides.keys.sorted() {
                guard let o = overrides[environment] else { continue }
                if let a = o.autoSuspend { out += Self.checkAutoSuspend(a, warehouse: name, at: o.location) }
                if let c = o.creditsPerMonth, c <= 0 {
                    out.append(.error("warehouse '\(name)' in \(environment): creditsPerMonth must be positive (got \(c))", at: o.location))
                }
            }
            return out
        }

        static func checkAutoSuspend(_ interval: Interval, warehouse: String, at location: SourceLocation) -> [Diagnostic] {
            guard !(60...3600).contains(interval.seconds) else { return [] }
            return [.error(
                "warehouse '\(warehouse)' autoSuspend must be 1 to 60 minutes (got \(interval)): Snowflake bills at least a minute per resume, and idle warehouses bill every second",
                at: location)]
        }

        var resourceName: String { Identifier.sanitize(name) }
        var warehouseRef: SnowflakeWarehouse.Ref { SnowflakeWarehouse.Ref(resourceName) }

        public func lower(into context: inout SynthesisContext) {
            let n = resourceName
            let identifier = context.snowflakeIdentifier(name)
            let override = overrides[context.environment.name]
            let size = override?.size ?? size
            let autoSuspend = override?.autoSuspend ?? autoSuspend
            let comment = context.snowflakeComment(description ?? "Warehouse \(name)", metadata: metadata, construct: self)

            var monitorName: TypedValue<String>?
            if let budget {
                let credits = override?.creditsPerMonth ?? budget.creditsPerMonth
                let monitor = context.add(n, SnowflakeResourceMonitor(
                    creditQuota: .init(credits), name: .init("\(identifier)_MONITOR"),
                    notifyTriggers: budget.notifyAt.isEmpty ? nil : TypedValue(Set(budget.notifyAt).sorted().map { TypedValue<Double>($0) }),
                    suspendImmediateTrigger: budget.suspendImmediatelyAt.map { TypedValue<Double>($0) },
                    suspendTrigger: .init(budget.suspendAt)
                ), for: self, untaggedWith: metadata, at: budget.location, part: "budget")
                monitorName = monitor.name
            }
            let multiCluster = clusters.upperBound > 1
            context.add(n, SnowflakeWarehouse(
                autoResume: "true", autoSuspend: .init(autoSuspend.seconds), comment: .init(comment),
                initiallySuspended: true,
                maxClusterCount: multiCluster ? .init(clusters.upperBound) : nil,
                minClusterCount: multiCluster ? .init(clusters.lowerBound) : nil,
                name: .init(identifier), resourceMonitor: monitorName,
                scalingPolicy: multiCluster ? .init(scaling.rawValue) : nil,
                statementTimeoutInSeconds: .init(statementTimeout.seconds),
                warehouseSize: .init(size.rawValue)
            ), for: self, untaggedWith: metadata)
        }

        public var snowflakeIntents: [AccessIntent] { [.use] }

        public func addSnowflakeGrant(
            _ intent: AccessIntent, to role: TypedValue<String>, name: String, for grantee: any Construct,
            at location: SourceLocation, context: inout SynthesisContext
        ) {
            guard intent == .use else { return }
            context.add(name, SnowflakeGrantPrivilegesToAccountRole(
                accountRoleName: role,
                onAccountObject: .init(objectName: warehouseRef.name, objectType: "WAREHOUSE"),
                privileges: ["USAGE"]
            ), for: grantee, at: location, part: "grants")
        }
    }
}

/// A compute usage limit of a ``RedshiftServerless`` workgroup, in RPU-hours per day, week or
/// month, with what happens when it is reached.
///
/// ```swift
/// UsageLimit(rpuHoursPerMonth: 2000, breach: .deactivate)
/// UsageLimit(rpuHoursPerDay: 100, breach: .emitMetric)
/// ```
public struct UsageLimit: Sendable, Equatable {
    /// The period the amount is counted over (`period`).
    public enum Period: String, Sendable, Equatable {
        case daily, weekly, monthly
    }

    /// What Redshift does when the limit is reached (`breach_action`).
    public enum Breach: String, Sendable, Equatable {
        /// Records the breach in Redshift's system tables only.
        case log
        /// Emits a CloudWatch metric (alarm on it).
        case emitMetric = "emit-metric"
        /// Stops the workgroup from running queries until the period ends.
        case deactivate
    }

    public var rpuHours: Int
    public var period: Period
    public var breach: Breach
    public var location: SourceLocation

    /// `UsageLimit(rpuHoursPerMonth: 2000, breach: .deactivate)`.
    public init(
        rpuHoursPerMonth: Int, breach: Breach,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.init(rpuHours: rpuHoursPerMonth, period: .monthly, breach: breach, location: SourceLocation(fileID: file, filePath: filePath, line: line))
    }

    /// `UsageLimit(rpuHoursPerWeek: 500, breach: .emitMetric)`.
    public init(
        rpuHoursPerWeek: Int, breach: Breach,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.init(rpuHours: rpuHoursPerWeek, period: .weekly, breach: breach, location: SourceLocation(fileID: file, filePath: filePath, line: line))
    }

    /// `UsageLimit(rpuHoursPerDay: 100, breach: .emitMetric)`.
    public init(
        rpuHoursPerDay: Int, breach: Breach,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.init(rpuHours: rpuHoursPerDay, period: .daily, breach: breach, location: SourceLocation(fileID: file, filePath: filePath, line: line))
    }

    init(rpuHours: Int, period: Period, breach: Breach, location: SourceLocation) {
        self.rpuHours = rpuHours
        self.period = period
        self.breach = breach
        self.location = location
    }

    /// The Terraform local name suffix: `monthly_deactivate`.
    var localName: String { "\(period.rawValue)_\(breach.rawValue.replacingOccurrences(of: "-", with: "_"))" }
}

@resultBuilder
public enum UsageLimitBuilder {
    public static func buildExpression(_ limit: UsageLimit) -> [UsageLimit] { [limit] }
    public static func buildBlock(_ parts: [UsageLimit]...) -> [UsageLimit] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [UsageLimit]?) -> [UsageLimit] { part ?? [] }
    public static func buildEither(first: [UsageLimit]) -> [UsageLimit] { first }
    public static func buildEither(second: [UsageLimit]) -> [UsageLimit] { second }
    public static func buildArray(_ parts: [[UsageLimit]]) -> [UsageLimit] { parts.flatMap { $0 } }
}

/// An Amazon Redshift Serverless warehouse: a namespace (the data) encrypted with its own KMS key,
/// with its admin password kept by Secrets Manager and its audit logs exported, and a workgroup
/// (the compute) reachable only inside the VPC, with capped capacity and compute usage limits.
///
/// ```swift
/// RedshiftServerless("analytics", baseCapacity: 8, maxCapacity: 64,
///                    subnetIDs: ["subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-2a3b4c5d"],
///                    securityGroupIDs: ["sg-0123abcd"]) {
///     UsageLimit(rpuHoursPerMonth: 2000, breach: .deactivate)
/// }
/// ```
///
/// Writes an `aws_kms_key` (rotating) and alias, the `aws_redshiftserverless_namespace`
/// (`kms_key_id`, `manage_admin_password = true`, `admin_password_secret_kms_key_id`, `log_exports`),
/// the `aws_redshiftserverless_workgroup` (`publicly_accessible = false`, `enhanced_vpc_routing = true`,
/// `base_capacity`, `max_capacity`, subnets and security groups) and one
/// `aws_redshiftserverless_usage_limit` (`serverless-compute`) per ``UsageLimit``. No password is
/// ever written: Secrets Manager creates and keeps it.
///
/// The exported audit logs go to log groups Paved creates before the namespace, so that Redshift
/// does not create them without expiry or key: one `aws_cloudwatch_log_group` per log type, named
/// `/aws/redshift/<namespace>/<log type>` (Amazon Redshift Management Guide, "Audit logging for
/// Amazon Redshift Serverless"), kept `keepLogsFor` (default 365 days) and encrypted with the
/// namespace's key, whose key policy lets CloudWatch Logs use it for those three log groups only.
///
/// `.overriding(in: .dev, baseCapacity: 8, maxCapacity: 16, keepLogsFor: .days(90)) { UsageLimit(…) }`
/// changes the capacity and log retention, and replaces the usage limits, in one environment.
public struct RedshiftServerless: Construct {
    /// What one environment changes. Usage limits, when given, replace the construct's.
    public struct Override: Sendable {
        public var baseCapacity: Int?
        public var maxCapacity: Int?
        public var usageLimits: [UsageLimit]
        public var keepLogsFor: Interval?
        public var location: SourceLocation
    }

    public var kind: String { "redshift serverless" }
    public var name: String
    public var metadata: Metadata
    public var baseCapacity: Int
    public var maxCapacity: Int
    public var subnetIDs: [String]
    public var securityGroupIDs: [String]
    public var adminUsername: String
    public var usageLimits: [UsageLimit]
    /// How long CloudWatch Logs keeps the audit logs (nil: 365 days).
    public var keepLogsFor: Interval?
    public var overrides: [EnvironmentName: Override] = [:]
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    /// The audit logs every namespace exports to CloudWatch Logs (SEC-RSS-003).
    static let logExports = ["connectionlog", "useractivitylog", "userlog"]
    /// The audit logs' retention when `keepLogsFor` is not given.
    static let defaultLogRetention = Interval.days(365)

    /// The log group Redshift Serverless writes a namespace's `logType` log to.
    static func logGroupName(namespace: String, logType: String) -> String { "/aws/redshift/\(namespace)/\(logType)" }

    public init(
        _ name: String, baseCapacity: Int = 8, maxCapacity: Int, subnetIDs: [String], securityGroupIDs: [String],
        adminUsername: String = "admin", keepLogsFor: Interval? = nil,
        owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
        costCenter: String? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
        @UsageLimitBuilder _ limits: () -> [UsageLimit] = { [] }
    ) {
        self.name = name
        self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
        self.baseCapacity = baseCapacity
        self.maxCapacity = maxCapacity
        self.subnetIDs = subnetIDs
        self.securityGroupIDs = securityGroupIDs
        self.adminUsername = adminUsername
        self.usageLimits = limits()
        self.keepLogsFor = keepLogsFor
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    /// Changes the capacity or the audit logs' retention in one environment; usage limits given in
    /// the trailing closure replace the construct's there (a smaller budget in dev, say).
    ///
    /// ```swift
    /// .overriding(in: .dev, maxCapacity: 16) { UsageLimit(rpuHoursPerMonth: 100, breach: .deactivate) }
    /// ```
    public func overriding(
        in environment: EnvironmentName, baseCapacity: Int? = nil, maxCapacity: Int? = nil, keepLogsFor: Interval? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
        @UsageLimitBuilder _ limits: () -> [UsageLimit] = { [] }
    ) -> Self {
        var copy = self
        copy.overrides[environment] = Override(
            baseCapacity: baseCapacity, maxCapacity: maxCapacity, usageLimits: limits(), keepLogsFor: keepLogsFor,
            location: SourceLocation(fileID: file, filePath: filePath, line: line))
        return copy
    }

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        let what = "redshift serverless '\(name)'"
        if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
        out += Self.checkCapacity(base: baseCapacity, max: maxCapacity, of: what, at: location)
        if subnetIDs.isEmpty {
            out.append(.error("\(what) needs subnetIDs: the workgroup is reachable only inside your VPC", at: location))
        }
        for id in subnetIDs where !Self.isAWSID(id, prefix: "subnet-") {
            out.append(.error("\(what) subnet '\(id)' is not a subnet ID (subnet- and 8 or 17 hex digits)", at: location))
        }
        if securityGroupIDs.isEmpty {
            out.append(.error("\(what) needs securityGroupIDs: name the security groups that may reach the workgroup", at: location))
        }
        for id in securityGroupIDs where !Self.isAWSID(id, prefix: "sg-") {
            out.append(.error("\(what) security group '\(id)' is not a security group ID (sg- and 8 or 17 hex digits)", at: location))
        }
        if Set(subnetIDs).count != subnetIDs.count || Set(securityGroupIDs).count != securityGroupIDs.count {
            out.append(.error("\(what) lists a subnet or security group twice", at: location))
        }
        if !Self.isAdminUsername(adminUsername) {
            out.append(.error(
                "\(what) adminUsername '\(adminUsername)' is invalid: use 1 to 128 lowercase letters, digits and underscores, starting with a letter",
                at: location))
        }
        if usageLimits.isEmpty {
            out.append(.error(
                "\(what) has no usage limit: add { UsageLimit(rpuHoursPerMonth: 1000, breach: .deactivate) } so its RPU-hours are bounded",
                at: location))
        }
        out += Self.checkLimits(usageLimits, of: what)
        out += Self.checkRetention(keepLogsFor, of: what, at: location)
        for environment in overrides.keys.sorted() {
            guard let o = overrides[environment] else { continue }
            let here = "\(what) in \(environment)"
            if o.baseCapacity != nil || o.maxCapacity != nil {
                out += Self.checkCapacity(base: o.baseCapacity ?? baseCapacity, max: o.maxCapacity ?? maxCapacity, of: here, at: o.location)
            }
            out += Self.checkLimits(o.usageLimits, of: here)
            out += Self.checkRetention(o.keepLogsFor, of: here, at: o.location)
        }
        return out
    }

    static func checkCapacity(base: Int, max: Int, of what: String, at location: SourceLocation) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if !isBaseCapacity(base) {
            out.append(.error(
                "\(what) baseCapacity must be 4, 8 to 512 RPUs in steps of 8, or 512 to 1024 in steps of 32 (got \(base))", at: location))
        }
        if max < base || max % 8 != 0 || max > 5632 {
            out.append(.error(
                "\(what) maxCapacity must be at least baseCapacity (\(base)) and at most 5632 RPUs, in steps of 8 (got \(max))",
                at: location))
        }
        return out
    }

    /// `keepLogsFor`, when given, must be a whole number of days CloudWatch Logs offers.
    static func checkRetention(_ keepLogsFor: Interval?, of what: String, at location: SourceLocation) -> [Diagnostic] {
        guard let k = keepLogsFor, k.seconds % 86_400 != 0 || !Airflow.logRetentionDays.contains(k.days) else { return [] }
        return [.error(
            "\(what) keepLogsFor must be a CloudWatch Logs retention (\(Airflow.logRetentionDays.map(String.init).joined(separator: ", ")) days), got \(k)",
            at: location)]
    }

    /// The base capacities Redshift Serverless accepts: 4; 8 to 512 in steps of 8; 512 to 1024 in
    /// steps of 32 (above 512 only in some regions, which AWS checks at apply time).
    static func isBaseCapacity(_ rpus: Int) -> Bool {
        rpus == 4 || ((8...512).contains(rpus) && rpus % 8 == 0) || ((512...1024).contains(rpus) && rpus % 32 == 0)
    }

    static func checkLimits(_ limits: [UsageLimit], of what: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen: Set<String> = []
        for limit in limits {
            if limit.rpuHours <= 0 {
                out.append(.error("usage limit of \(what) must be a positive number of RPU-hours (got \(limit.rpuHours))", at: limit.location))
            }
            if !seen.insert(limit.localName).inserted {
                out.append(.error(
                    "\(what) has two \(limit.period.rawValue) usage limits that \(limit.breach.rawValue): keep one", at: limit.location))
            }
        }
        return out
    }

    /// `subnet-0a1b2c3d` or `subnet-0123456789abcdef0`.
    static func isAWSID(_ id: String, prefix: String) -> Bool {
        guard id.hasPrefix(prefix) else { return false }
        let hex = id.dropFirst(prefix.count)
        return (hex.count == 8 || hex.count == 17) && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    static func isAdminUsername(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLowercase, name.count <= 128 else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }

    var resourceName: String { Identifier.sanitize(name) }

    public func lower(into context: inout SynthesisContext) {
        let aws = context.aws(for: self)
        let n = resourceName
        let physical = context.physicalName(name)
        if !(3...64).contains(physical.count) {
            context.error(
                "redshift serverless name '\(physical)' is \(physical.count) characters; Redshift allows 3 to 64: shorten the platform or construct name",
                at: location)
        }
        let override = overrides[context.environment.name]
        let baseCapacity = override?.baseCapacity ?? baseCapacity
        let maxCapacity = override?.maxCapacity ?? maxCapacity
        let usageLimits = (override?.usageLimits).flatMap { $0.isEmpty ? nil : $0 } ?? self.usageLimits
        let keepLogsFor = override?.keepLogsFor ?? self.keepLogsFor ?? Self.defaultLogRetention
        let tags = context.typedTags(metadata)
        let logGroupNames = Self.logExports.map { Self.logGroupName(namespace: physical, logType: $0) }
        let key = context.addKMSKey(
            "redshift_\(n)", description: "Encrypts Redshift Serverless namespace \(physical) and its admin password",
            alias: "\(physical)-redshift", for: self, metadata: metadata,
            policy: LogsKeyPolicy.statements(
                accountID: aws.accountID, region: aws.region, sid: "CloudWatchLogsEncryptsRedshiftAuditLogs",
                logGroupNames: logGroupNames))
        var logGroups: [ResourceAddress] = []
        for (logType, groupName) in zip(Self.logExports, logGroupNames) {
            logGroups.append(context.add("redshift_\(n)_\(logType)", AWSCloudwatchLogGroup(
                kmsKeyID: key.arn, name: .init(groupName), retentionInDays: .init(keepLogsFor.days), tags: tags
            ), for: self, part: "logs").terraformAddress)
        }
        let namespace = context.add(n, AWSRedshiftserverlessNamespace(
            adminPasswordSecretKMSKeyID: key.arn, adminUsername: .init(adminUsername),
            dbName: .init(name.replacingOccurrences(of: "-", with: "_")), kmsKeyID: key.arn,
            logExports: .init(Self.logExports), manageAdminPassword: true, namespaceName: .init(physical), tags: tags
        ), for: self, dependsOn: logGroups)
        let workgroup = context.add(n, AWSRedshiftserverlessWorkgroup(
            baseCapacity: .init(baseCapacity), enhancedVPCRouting: true, maxCapacity: .init(maxCapacity),
            namespaceName: namespace.namespaceName, publiclyAccessible: false,
            securityGroupIDs: .init(securityGroupIDs.sorted()), subnetIDs: .init(subnetIDs.sorted()), tags: tags,
            workgroupName: .init(physical)
        ), for: self)
        var added: Set<String> = []
        for limit in usageLimits where added.insert(limit.localName).inserted {  // a duplicate is an error from validate()
            context.add("\(n)_\(limit.localName)", AWSRedshiftserverlessUsageLimit(
                amount: .init(limit.rpuHours), breachAction: .init(limit.breach.rawValue), period: .init(limit.period.rawValue),
                resourceARN: workgroup.arn, usageType: "serverless-compute"
            ), for: self, at: limit.location, part: "usage-limit")
        }
    }
}

/// An Apache Airflow environment, managed by Amazon MWAA or by Google Cloud Composer: one construct,
/// the same words on both clouds.
///
/// ```swift
/// Bucket("airflow-dags")
/// Airflow("core", on: .mwaa(subnetIDs: ["subnet-0a1b2c3d", "subnet-1a2b3c4d"], securityGroupIDs: ["sg-0123abcd"]),
///         version: "2.10.3", dags: "airflow-dags", webserver: .privateOnly) {
///     Allow(.read, on: "raw-events")
///     Allow(.readSecret, on: "snowflake/etl-password")
/// }
/// .overriding(in: .dev, size: .small, workers: 1...2)
///
/// GCPServiceAccount("airflow-worker") { Allow(.read, on: "events") }
/// Airflow("core", on: .composer(serviceAccount: "airflow-worker"), version: "composer-3-airflow-2.10.5",
///         webserver: .allowList(["203.0.113.0/24"]))
/// ```
///
/// On MWAA it writes a private environment encrypted with its own rotating KMS key, five CloudWatch
/// log groups with managed retention, and a dedicated execution role holding exactly what MWAA
/// needs plus the ``Allow`` grants of its jobs (lowered as a ``Role``'s are). On Cloud Composer it
/// writes a private-IP environment with CMEK, a web server allow list, and runs it as a
/// ``GCPServiceAccount`` the platform declares (whose grants stay there).
public struct Airflow: Construct {
    /// The managed service that runs the environment.
    public enum Runtime: Sendable, Equatable {
        /// Amazon MWAA in the environment's AWS account, in two private subnets (in two
        /// Availability Zones) with the security groups that may reach it.
        case mwaa(subnetIDs: [String], securityGroupIDs: [String])
        /// Google Cloud Composer 2 or 3 in the environment's project and region, running as the
        /// platform's ``GCPServiceAccount`` named `serviceAccount`, attached to the VPC `network`
        /// and `subnetwork` (names or `projects/P/global/networks/N`,
        /// `projects/P/regions/R/subnetworks/S`; both, or neither for the project's default network).
        case composer(serviceAccount: String, network: String? = nil, subnetwork: String? = nil)

        var label: String {
            switch self {
            case .mwaa: "MWAA"
            case .composer: "Cloud Composer"
            }
        }
    }

    /// Who may reach the Airflow web server (the UI and REST API).
    public enum WebServer: Sendable, Equatable {
        /// MWAA: only from inside the VPC, through the VPC endpoint (`PRIVATE_ONLY`).
        case privateOnly
        /// Cloud Composer: only from these IPv4 or IPv6 ranges (`web_server_network_access_control`).
        case allowList([String])
        /// MWAA: from the internet, behind IAM sign-in only (`PUBLIC_ONLY`). Named so that a
        /// reviewer sees it; policy SEC-MWAA-001 still flags it and needs a waiver with a reason.
        case publicOnTheInternet
    }

    /// The environment's size: the MWAA environment class, or the Cloud Composer environment size.
    public enum Size: String, Sendable, Equatable, CaseIterable {
        /// `mw1.micro` (MWAA only: one worker, one scheduler).
        case micro
        /// `mw1.small` / `ENVIRONMENT_SIZE_SMALL`.
        case small
        /// `mw1.medium` / `ENVIRONMENT_SIZE_MEDIUM`.
        case medium
        /// `mw1.large` / `ENVIRONMENT_SIZE_LARGE`.
        case large
        /// `mw1.xlarge` (MWAA only).
        case xlarge
        /// `mw1.2xlarge` (MWAA only).
        case xxlarge

        var mwaaClass: String { self == .xxlarge ? "mw1.2xlarge" : "mw1.\(rawValue)" }
        var composerSize: String? {
            switch self {
            case .small, .medium, .large: "ENVIRONMENT_SIZE_\(rawValue.uppercased())"
            case .micro, .xlarge, .xxlarge: nil
            }
        }
    }

    /// The level of the logs MWAA sends to CloudWatch.
    public enum LogLevel: String, Sendable, Equatable {
        case critical = "CRITICAL", error = "ERROR", warning = "WARNING", info = "INFO", debug = "DEBUG"
    }

    /// What one environment changes (a smaller, cheaper dev).
    public struct Override: Sendable {
        public var size: Size?
        public var workers: ClosedRange<Int>?
        public var schedulers: Int?
        public var keepLogsFor: Interval?
        public var location: SourceLocation
    }

    public var kind: String { "airflow" }
    public var name: String
    public var runtime: Runtime
    public var version: String
    /// The ``Bucket`` holding the DAGs (MWAA).
    public var dags: String?
    public var webserver: WebServer
    public var size: Size
    public var workers: ClosedRange<Int>
    public var schedulers: Int
    /// MWAA's log level (default `INFO`).
    public var logLevel: LogLevel?
    /// How long the MWAA log groups keep logs (default 365 days).
    public var keepLogsFor: Interval?
    public var metadata: Metadata
    /// What the jobs may use (MWAA: lowered into the execution role).
    public var grants: [Allow]
    public var overrides: [EnvironmentName: Override] = [:]
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    /// MWAA logs default to a year in CloudWatch (SEC-LOG-001 asks for at least 90 days).
    static let defaultLogRetention = Interval.days(365)
    /// COST-MWAA-001's cap, which Paved applies to both services.
    static let maxWorkers = 25

    /// - Parameters:
    ///   - name: the construct name (kebab-case).
    ///   - runtime: `.mwaa(subnetIDs:securityGroupIDs:)` or `.composer(serviceAccount:)`.
    ///   - version: MWAA: the Airflow version (`2.10.3`); Composer: the image (`composer-3-airflow-2.10.5`).
    ///   - dags: MWAA: the ``Bucket`` with the DAGs (`dags/`), `requirements.txt` and plugins.
    ///   - webserver: `.privateOnly` (MWAA), `.allowList([...])` (Composer), or `.publicOnTheInternet`.
    ///   - size: environment class or size (default `.small`).
    ///   - workers: minimum and maximum workers (default `1...10`, at most 25).
    ///   - schedulers: scheduler count (default 2).
    ///   - logLevel: MWAA's CloudWatch log level for all five log types (default `.info`).
    ///   - keepLogsFor: MWAA's log retention (default 365 days).
    ///   - grants: what the jobs may use, as for a ``Role`` (MWAA only; on Composer grant the service account).
    public init(
        _ name: String, on runtime: Runtime, version: String, dags: String? = nil, webserver: WebServer = .privateOnly,
        size: Size = .small, workers: ClosedRange<Int> = 1...10, schedulers: Int = 2, logLevel: LogLevel? = nil,
        keepLogsFor: Interval? = nil,
        owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
        costCenter: String? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
        @RoleBuilder _ grants: () -> [Allow] = { [] }
    ) {
        self.name = name
        self.runtime = runtime
        self.version = version
        self.dags = dags
        self.webserver = webserver
        self.size = size
        self.workers = workers
        self.schedulers = schedulers
        self.logLevel = logLevel
        self.keepLogsFor = keepLogsFor
        self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
        self.grants = grants()
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    /// Changes the size, worker range, schedulers or (MWAA) log retention in one environment.
    public func overriding(
        in environment: EnvironmentName, size: Size? = nil, workers: ClosedRange<Int>? = nil, schedulers: Int? = nil,
        keepLogsFor: Interval? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) -> Self {
        var copy = self
        copy.overrides[environment] = Override(
            size: size, workers: workers, schedulers: schedulers, keepLogsFor: keepLogsFor,
            location: SourceLocation(fileID: file, filePath: filePath, line: line))
        return copy
    }

    /// The settings in force in one environment.
    struct Settings {
        var size: Size
        var workers: ClosedRange<Int>
        var schedulers: Int
        var keepLogsFor: Interval
    }

    func settings(in environment: EnvironmentName) -> Settings {
        let o = overrides[environment]
        return Settings(
            size: o?.size ?? size, workers: o?.workers ?? workers, schedulers: o?.schedulers ?? schedulers,
            keepLogsFor: o?.keepLogsFor ?? keepLogsFor ?? Self.defaultLogRetention)
    }

    var what: String { "airflow '\(name)'" }

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
        switch runtime {
        case .mwaa(let subnets, let groups):
            out += validateMWAA(subnets: subnets, securityGroups: groups)
        case .composer(let account, let network, let subnetwork):
            out += validateComposer(serviceAccount: account, network: network, subnetwork: subnetwork)
        }
        out += check(size: size, workers: workers, schedulers: schedulers, keepLogsFor: keepLogsFor, of: what, at: location)
        for environment in overrides.keys.sorted() {
            guard let o = overrides[environment] else { continue }
            let effective = settings(in: environment)
            if runtime.isComposer, o.keepLogsFor != nil {
                out.append(.error(
                    "\(what) in \(environment): keepLogsFor applies to MWAA's CloudWatch log groups; Cloud Composer writes to Cloud Logging",
                    at: o.location))
            }
            out += check(
                size: effective.size, workers: effective.workers, schedulers: effective.schedulers,
                keepLogsFor: runtime.isComposer ? nil : o.keepLogsFor, of: "\(what) in \(environment)", at: o.location,
                onlyChanged: o)
        }
        return out
    }

    private func validateMWAA(subnets: [String], securityGroups: [String]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let known = Self.mwaaVersions.joined(separator: ", ")
        if Self.mwaaEndedVersions.contains(version) {
            out.append(.error(
                "\(what) version '\(version)' is past MWAA's end of support: MWAA no longer creates it; use one of \(known)", at: location))
        } else if !Self.isMWAAVersionFormat(version) {
            out.append(.error("\(what) version '\(version)' is not an Airflow 2 or 3 version (X.Y.Z) for MWAA: use one of \(known)", at: location))
        } else if !Self.mwaaVersions.contains(version) {
            out.append(.warning(
                "\(what) version '\(version)' is not one Paved knows MWAA creates (\(known)): MWAA rejects a version it does not support when the environment is created",
                at: location))
        }
        if subnets.count != 2 {
            out.append(.error(
                "\(what) needs exactly 2 private subnetIDs, in two Availability Zones (got \(subnets.count)): MWAA runs in two zones",
                at: location))
        }
        for id in subnets where !RedshiftServerless.isAWSID(id, prefix: "subnet-") {
            out.append(.error("\(what) subnet '\(id)' is not a subnet ID (subnet- and 8 or 17 hex digits)", at: location))
        }
        if securityGroups.isEmpty || securityGroups.count > 5 {
            out.append(.error(
                "\(what) needs 1 to 5 securityGroupIDs (got \(securityGroups.count)): name the security groups that may reach the environment",
                at: location))
        }
        for id in securityGroups where !RedshiftServerless.isAWSID(id, prefix: "sg-") {
            out.append(.error("\(what) security group '\(id)' is not a security group ID (sg- and 8 or 17 hex digits)", at: location))
        }
        if Set(subnets).count != subnets.count || Set(securityGroups).count != securityGroups.count {
            out.append(.error("\(what) lists a subnet or security group twice", at: location))
        }
        if dags == nil {
            out.append(.error(
                "\(what) needs dags: name the Bucket that holds its DAGs (dags: \"airflow-dags\"); MWAA reads dags/ from it",
                at: location))
        }
        if case .allowList = webserver {
            out.append(.error(
                "\(what) on MWAA takes webserver: .privateOnly (reached through the VPC) or .publicOnTheInternet, not an allow list",
                at: location))
        }
        return out
    }

    private func validateComposer(serviceAccount: String, network: String?, subnetwork: String?) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if (network == nil) != (subnetwork == nil) {
            out.append(.error(
                "\(what) needs both network and subnetwork, or neither (the project's default network)", at: location))
        }
        if let network, !Self.isGCPResource(network, collection: ["projects", nil, "global", "networks", nil]) {
            out.append(.error(
                "\(what) network '\(network)' is not a VPC network name or projects/PROJECT/global/networks/NAME", at: location))
        }
        if let subnetwork, !Self.isGCPResource(subnetwork, collection: ["projects", nil, "regions", nil, "subnetworks", nil]) {
            out.append(.error(
                "\(what) subnetwork '\(subnetwork)' is not a subnetwork name or projects/PROJECT/regions/REGION/subnetworks/NAME",
                at: location))
        }
        switch Self.composerMajor(version) {
        case 2, 3: break
        case 1:
            out.append(.error(
                "\(what) version '\(version)' is Cloud Composer 1, which Google no longer updates: use Cloud Composer 3 (composer-3-airflow-2.10.5)",
                at: location))
        default:
            out.append(.error(
                "\(what) version '\(version)' is not a Cloud Composer 2 or 3 image version (composer-3-airflow-X.Y.Z[-build.N] or composer-2.B.C-airflow-X.Y.Z)",
                at: location))
        }
        if serviceAccount.isEmpty {
            out.append(.error("\(what) needs serviceAccount: name the GCPServiceAccount its workers run as", at: location))
        }
        if dags != nil {
            out.append(.error(
                "\(what) on Cloud Composer takes no dags bucket: Composer keeps DAGs in the Cloud Storage bucket it creates",
                at: location))
        }
        if logLevel != nil || keepLogsFor != nil {
            out.append(.error(
                "\(what) on Cloud Composer: logLevel and keepLogsFor apply to MWAA's CloudWatch log groups; Cloud Composer writes to Cloud Logging",
                at: location))
        }
        switch webserver {
        case .privateOnly:
            out.append(.error(
                "\(what) on Cloud Composer needs webserver: .allowList([\"203.0.113.0/24\"]): Google serves its web server, so list the networks that may reach it",
                at: location))
        case .publicOnTheInternet:
            out.append(.error(
                "\(what) on Cloud Composer cannot be open to the internet: list your networks in webserver: .allowList([\"203.0.113.0/24\"])",
                at: location))
        case .allowList(let ranges):
            if ranges.isEmpty {
                out.append(.error("\(what) webserver allow list is empty: list the networks that may reach the web server", at: location))
            }
            for range in ranges where !Self.isCIDR(range) {
                out.append(.error("\(what) webserver allow list: '\(range)' is not an IPv4 or IPv6 CIDR range (such as 203.0.113.0/24)", at: location))
            }
            for range in ranges where Self.isCIDR(range) && range.hasSuffix("/0") {
                out.append(.error("\(what) webserver allow list allows every address ('\(range)'): list only your networks", at: location))
            }
            if Set(ranges).count != ranges.count {
                out.append(.error("\(what) webserver allow list lists a range twice", at: location))
            }
        }
        for grant in grants {
            out.append(.error(
                "\(what) on Cloud Composer runs as gcp service account '\(serviceAccount)': grant access there (GCPServiceAccount(\"\(serviceAccount)\") { Allow(…) })",
                at: grant.location))
        }
        return out
    }

    /// Size, workers, schedulers and retention; with `onlyChanged`, only what that override sets.
    private func check(
        size: Size, workers: ClosedRange<Int>, schedulers: Int, keepLogsFor: Interval?, of what: String,
        at location: SourceLocation, onlyChanged override: Override? = nil
    ) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let changed = { (set: Bool) in override == nil || set }
        switch runtime {
        case .composer:
            if changed(override?.size != nil), size.composerSize == nil {
                out.append(.error("\(what) size .\(size.rawValue) is not a Cloud Composer environment size: use .small, .medium or .large", at: location))
            }
            if changed(override?.schedulers != nil), !(1...10).contains(schedulers) {
                out.append(.error("\(what) schedulers must be 1 to 10 on Cloud Composer (got \(schedulers))", at: location))
            }
        case .mwaa:
            if size == .micro {
                if changed(override?.workers != nil || override?.size != nil), workers != 1...1 {
                    out.append(.error(
                        "\(what) is .micro, which runs exactly 1 worker: use workers: 1...1 (got \(workers.lowerBound)...\(workers.upperBound))",
                        at: location))
                }
                if changed(override?.schedulers != nil || override?.size != nil), schedulers != 1 {
                    out.append(.error("\(what) is .micro, which runs exactly 1 scheduler: use schedulers: 1 (got \(schedulers))", at: location))
                }
            } else if changed(override?.schedulers != nil || override?.size != nil), !(2...5).contains(schedulers) {
                out.append(.error("\(what) schedulers must be 2 to 5 on MWAA (got \(schedulers))", at: location))
            }
            if let k = keepLogsFor, k.seconds % 86_400 != 0 || !Self.logRetentionDays.contains(k.days) {
                out.append(.error(
                    "\(what) keepLogsFor must be a CloudWatch Logs retention (\(Self.logRetentionDays.map(String.init).joined(separator: ", ")) days), got \(k)",
                    at: location))
            }
        }
        if changed(override?.workers != nil), workers.lowerBound < 1 || workers.upperBound > Self.maxWorkers {
            out.append(.error(
                "\(what) workers must be within 1...\(Self.maxWorkers) (got \(workers.lowerBound)...\(workers.upperBound)): each worker is billed by the hour",
                at: location))
        }
        return out
    }

    /// Airflow versions MWAA creates environments with, as Paved knows them (the MWAA API's valid
    /// values, the user guide's "Apache Airflow versions" and AWS's announcements, up to 3.3.1 in
    /// September 2026). Another well-formed version is a warning: MWAA has the last word.
    static let mwaaVersions = ["2.7.2", "2.8.1", "2.9.2", "2.10.1", "2.10.3", "2.11.0", "3.0.6", "3.2.1", "3.3.1"]
    /// Versions MWAA once supported and no longer creates.
    static let mwaaEndedVersions: Set<String> = ["1.10.12", "2.0.2", "2.2.2", "2.4.3", "2.5.1", "2.6.3"]

    /// `2.10.3`, `3.3.1`: Airflow 2 or 3, three numbers.
    static func isMWAAVersionFormat(_ version: String) -> Bool {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy(isNumber) && (parts[0] == "2" || parts[0] == "3")
    }
    /// The values CloudWatch Logs accepts for `retention_in_days` (0, never expire, is not offered).
    static let logRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]

    /// The Cloud Composer major version of an image version, or nil when it is not one:
    /// `composer-3-airflow-2.10.5[-build.N]` (Airflow 2 or 3), `composer-2.B.C-airflow-2.Y.Z`,
    /// and the aliases `composer-3-airflow-2` and `composer-2-airflow-2` (the latest build).
    static func composerMajor(_ version: String) -> Int? {
        guard version.hasPrefix("composer-") else { return nil }
        let rest = version.dropFirst("composer-".count)
        guard let marker = rest.range(of: "-airflow-") else { return nil }
        let composer = rest[..<marker.lowerBound]
        var airflow = rest[marker.upperBound...]
        if let build = airflow.range(of: "-build.") {
            let number = airflow[build.upperBound...]
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), composer == "3" else { return nil }
            airflow = airflow[..<build.lowerBound]
        }
        let airflowParts = airflow.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(airflowParts.count), airflowParts.allSatisfy(Self.isNumber) else { return nil }
        let composerParts = composer.split(separator: ".", omittingEmptySubsequences: false)
        guard composerParts.count == 1 || composerParts.count == 3, composerParts.allSatisfy(Self.isNumber) else { return nil }
        switch (composerParts[0], airflowParts[0]) {
        case ("3", "2"), ("3", "3"): return composerParts.count == 1 ? 3 : nil
        case ("2", "2"): return 2
        case ("1", _): return 1
        default: return nil
        }
    }

    /// A resource name (lowercase letters, digits and dashes, starting with a letter, at most 63
    /// characters), or its full path, where `collection` gives the fixed words (nil: a name).
    static func isGCPResource(_ s: String, collection: [String?]) -> Bool {
        func isName(_ n: Substring) -> Bool {
            guard let first = n.first, first.isASCII, first.isLowercase, n.count <= 63, n.last != "-" else { return false }
            return n.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 1 { return isName(parts[0]) }
        guard parts.count == collection.count else { return false }
        for (part, word) in zip(parts, collection) {
            if let word { if part != word { return false } } else if part.isEmpty || part.contains(" ") { return false }
        }
        return isName(parts[parts.count - 1])
    }

    private static func isNumber(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }

    /// An IPv4 (`203.0.113.0/24`) or IPv6 (`2001:db8::/32`) CIDR range.
    static func isCIDR(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if Snowflake.NetworkPolicy.isIPv4CIDR(s) { return true }
        let address = parts[0]
        guard address.contains(":"), !address.contains(":::"), (0...128).contains(prefix) else { return false }
        let groups = address.split(separator: ":", omittingEmptySubsequences: false)
        guard (3...8).contains(groups.count), address.components(separatedBy: "::").count <= 2 else { return false }
        return groups.allSatisfy { $0.count <= 4 && $0.allSatisfy { $0.isHexDigit } }
    }

    var resourceName: String { Identifier.sanitize(name) }

    public func lower(into context: inout SynthesisContext) {
        switch runtime {
        case .mwaa(let subnets, let groups):
            lowerMWAA(subnets: subnets, securityGroups: groups, into: &context)
        case .composer(let account, let network, let subnetwork):
            lowerComposer(serviceAccount: account, network: network, subnetwork: subnetwork, into: &context)
        }
    }
}

extension Airflow.Runtime {
    var isComposer: Bool {
        if case .composer = self { return true }
        return false
    }
}

/// A Cloud Logging bucket in the environment's project, keeping logs for at least 90 days by
/// default, encrypted with its own Cloud KMS key. (``LogBucket`` is the S3 one.)
///
/// ```swift
/// GCPLogBucket("audit", keepLogsFor: .days(400), classification: .restricted)
///     .overriding(in: .prod, lockRetentionIrreversibly: true)
/// ```
///
/// Writes a `google_kms_key_ring` and a `google_kms_crypto_key` (rotated every 90 days) in the
/// bucket's region, grants the project's Cloud Logging service agent (read from
/// `data.google_logging_project_cmek_settings`) use of that key only, and the
/// `google_logging_project_bucket_config` with `retention_days`, `cmek_settings` and `locked`.
/// Route logs into it with a sink (not written by Paved yet).
public struct GCPLogBucket: Construct {
    /// What one environment changes.
    public struct Override: Sendable {
        public var keepLogsFor: Interval?
        public var lockRetentionIrreversibly: Bool?
        public var location: SourceLocation
    }

    public var kind: String { "gcp log bucket" }
    public var name: String
    /// The region the logs are stored in; the environment's region when nil.
    public var region: String?
    public var description: String?
    /// How long logs are kept (whole days, 1 to 3650). SEC-LOG-003 asks for at least 90.
    public var keepLogsFor: Interval
    /// Locks the bucket: its retention can never be changed, and it cannot be deleted while it
    /// holds logs.
    public var lockRetentionIrreversibly: Bool
    public var metadata: Metadata
    public var overrides: [EnvironmentName: Override] = [:]
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    /// - Parameters:
    ///   - region: where the logs are stored, such as `europe-west1` (default: the environment's region).
    ///   - keepLogsFor: how long logs are kept, 1 to 3650 whole days (default 90).
    ///   - lockRetentionIrreversibly: lock the bucket's retention. Irreversible.
    public init(
        _ name: String, region: String? = nil, keepLogsFor: Interval = .days(90), description: String? = nil,
        lockRetentionIrreversibly: Bool = false,
        owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
        costCenter: String? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.name = name
        self.region = region
        self.description = description
        self.keepLogsFor = keepLogsFor
        self.lockRetentionIrreversibly = lockRetentionIrreversibly
        self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    /// Changes the retention or the lock in one environment (lock only in production, say). Unset
    /// arguments keep the bucket's value.
    public func overriding(
        in environment: EnvironmentName, keepLogsFor: Interval? = nil, lockRetentionIrreversibly: Bool? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) -> Self {
        var copy = self
        copy.overrides[environment] = Override(
            keepLogsFor: keepLogsFor, lockRetentionIrreversibly: lockRetentionIrreversibly,
            location: SourceLocation(fileID: file, filePath: filePath, line: line))
        return copy
    }

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
        if let region, !Synthesizer.isGCPRegion(region) {
            out.append(.error(
                "gcp log bucket '\(name)' region '\(region)' is not a Google Cloud region (such as europe-west1): Paved keeps logs in one region, with a key beside them",
                at: location))
        }
        out += Self.check(keepLogsFor: keepLogsFor, of: "gcp log bucket '\(name)'", at: location)
        for environment in overrides.keys.sorted() {
            guard let o = overrides[environment], let keep = o.keepLogsFor else { continue }
            out += Self.check(keepLogsFor: keep, of: "gcp log bucket '\(name)' in \(environment)", at: o.location)
        }
        return out
    }

    static func check(keepLogsFor: Interval, of what: String, at location: SourceLocation) -> [Diagnostic] {
        guard keepLogsFor.seconds % 86_400 != 0 || !(1...3650).contains(keepLogsFor.days) else { return [] }
        return [.error("\(what) keepLogsFor must be 1 to 3650 whole days (got \(keepLogsFor))", at: location)]
    }

    var resourceName: String { Identifier.sanitize(name) }

    public func lower(into context: inout SynthesisContext) {
        let gcp = context.gcp(for: self)
        let n = resourceName
        let project = TypedValue<String>(gcp.projectID)
        let override = overrides[context.environment.name]
        let keep = override?.keepLogsFor ?? keepLogsFor
        let locked = override?.lockRetentionIrreversibly ?? lockRetentionIrreversibly
        let bucketRegion = region ?? gcp.region
        let bucketID = context.physicalName(name)
        if bucketID.count > 100 {
            context.error("log bucket ID '\(bucketID)' is \(bucketID.count) characters; Cloud Logging allows 100: shorten the platform or bucket name", at: location)
        }

        // Cloud Logging names the agent that uses the key itself (`service-<number>@gcp-sa-logging…`
        // in newer projects, `cmek-p<number>@gcp-sa-logging…` in older ones), so read it rather than
        // build it.
        let settings = context.add("logs_\(n)", DataGoogleLoggingProjectCmekSettings(project: project), for: self, part: "key")
        let agent: TypedValue<String> = "serviceAccount:\(settings.serviceAccountID)"
        let ring = context.add("logs_\(n)", GoogleKMSKeyRing(
            location: .init(bucketRegion), name: .init(context.physicalName("logs-\(name)")), project: project
        ), for: self, part: "key")
        let key = context.add("logs_\(n)", GoogleKMSCryptoKey(
            keyRing: ring.id, labels: context.labels(metadata), name: "logging", purpose: "ENCRYPT_DECRYPT", rotationPeriod: "7776000s"
        ), for: self, part: "key")
        let keyAccess = context.add("logs_\(n)", GoogleKMSCryptoKeyIAMMember(
            cryptoKeyID: key.id, member: agent, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter"
        ), for: self, part: "key")

        context.add(n, GoogleLoggingProjectBucketConfig(
            bucketID: .init(bucketID), cmekSettings: .init(kmsKeyName: key.id),
            description: description.map { TypedValue($0) },
            location: .init(bucketRegion), locked: .init(locked), project: project, retentionDays: .init(keep.days)
        ), for: self, untaggedWith: metadata, dependsOn: [keyAccess.terraformAddress])
    }
}

/// A Cloud Storage bucket for data: private, encrypted with its own Cloud KMS key, versioned, with
/// soft delete, lifecycle rules from ``Retention``, an optional retention policy, labels from the
/// metadata and IAM from intents. (``Bucket`` is the S3 one.)
///
/// ```swift
/// GCSBucket("landing", location: "EU", classification: .confidential) {
///     Retention(expireAfter: .days(400), transitions: [.after(.days(30), to: .nearline), .after(.days(90), to: .coldline)])
/// }
/// .overriding(in: .dev, retention: Retention(expireAfter: .days(14)))
/// ```
///
/// Writes a `google_kms_key_ring` and a `google_kms_crypto_key` (rotated every 90 days) in the
/// bucket's KMS location, grants the project's Cloud Storage service agent use of that key only,
/// and the `google_storage_bucket` with `public_access_prevention = "enforced"`,
/// `uniform_bucket_level_access`, the key as default KMS key and `depends_on` the key grant.
///
/// A retention policy (``retentionPolicy``) keeps every object for a minimum time; locking it is
/// irreversible, so it only happens through ``lockRetentionPolicyIrreversibly``.
public struct GCSBucket: GCPGrantTarget {
    /// Cloud Storage classes a bucket stores new objects in.
    public enum StorageClass: String, Sendable, Equatable, CaseIterable {
        case standard = "STANDARD"
        case nearline = "NEARLINE"
        case coldline = "COLDLINE"
        case archive = "ARCHIVE"

        /// 0 for STANDARD, up to 3 for ARCHIVE: lifecycle rules only move objects to colder classes.
        var coldness: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    }

    /// What one environment changes.
    public struct Override: Sendable {
        public var retention: Retention?
        public var storageClass: StorageClass?
        public var softDelete: Interval?
        public var retentionPolicy: Interval?
        public var lockRetentionPolicyIrreversibly: Bool?
        public var location: SourceLocation
    }

    public var kind: String { "gcs bucket" }
    public var name: String
    /// Where the data lives: a multi-region (`EU`, `US`, `ASIA`), a dual-region (`EUR4`, `NAM4`,
    /// `ASIA1`) or a region (`europe-west1`).
    public var dataLocation: String
    public var storageClass: StorageClass
    /// How long deleted objects stay restorable (7 to 90 days); nil turns soft delete off.
    public var softDelete: Interval?
    /// Lifecycle rules; without one, `Retention()`'s defaults (noncurrent versions deleted after
    /// 30 days, incomplete uploads after 7).
    public var retention: Retention?
    /// Objects cannot be deleted or replaced until they are this old (Bucket Lock).
    public var retentionPolicy: Interval?
    /// Locks the retention policy: it can never be removed or shortened, and the bucket cannot be
    /// deleted until every object has aged out of it.
    public var lockRetentionPolicyIrreversibly: Bool
    public var metadata: Metadata
    public var overrides: [EnvironmentName: Override] = [:]
    public var location: SourceLocation
    public var waivers: [Waiver] = []
    private var extraRetentions: [SourceLocation]

    /// - Parameters:
    ///   - location: `EU`, `US`, `ASIA`, `EUR4`, `NAM4`, `ASIA1` or a region such as `europe-west1`.
    ///   - storageClass: the class new objects are stored in.
    ///   - softDelete: how long deleted objects stay restorable, 7 to 90 days (nil: off).
    ///   - retentionPolicy: the minimum time every object is kept (nil: none). Object Versioning
    ///     is off on a bucket with a retention policy: Cloud Storage does not allow both.
    ///   - lockRetentionPolicyIrreversibly: lock the retention policy. Irreversible.
    public init(
        _ name: String, location: String, storageClass: StorageClass = .standard, softDelete: Interval? = .days(7),
        retentionPolicy: Interval? = nil, lockRetentionPolicyIrreversibly: Bool = false,
        owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil,
        costCenter: String? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
        @BucketBuilder _ content: () -> [Retention] = { [] }
    ) {
        self.name = name
        self.dataLocation = location
        self.storageClass = storageClass
        self.softDelete = softDelete
        self.retentionPolicy = retentionPolicy
        self.lockRetentionPolicyIrreversibly = lockRetentionPolicyIrreversibly
        self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        let parts = content()
        self.retention = parts.first
        self.extraRetentions = parts.dropFirst().map(\.location)
    }

    /// Changes the lifecycle rules, storage class, soft delete or retention policy in one
    /// environment (objects expire sooner in dev, say). Unset arguments keep the bucket's value.
    public func overriding(
        in environment: EnvironmentName, retention: Retention? = nil, storageClass: StorageClass? = nil,
        softDelete: Interval? = nil, retentionPolicy: Interval? = nil, lockRetentionPolicyIrreversibly: Bool? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) -> Self {
        var copy = self
        copy.overrides[environment] = Override(
            retention: retention, storageClass: storageClass, softDelete: softDelete, retentionPolicy: retentionPolicy,
            lockRetentionPolicyIrreversibly: lockRetentionPolicyIrreversibly,
            location: SourceLocation(fileID: file, filePath: filePath, line: line))
        return copy
    }

    /// The settings in effect in one environment.
    struct Settings {
        var retention: Retention?
        var storageClass: StorageClass
        var softDelete: Interval?
        var retentionPolicy: Interval?
        var locked: Bool
        /// Where a problem with the retention policy or soft delete is reported.
        var location: SourceLocation
        /// Versioning is on unless a retention policy is set (Cloud Storage allows only one).
        var versioned: Bool { retentionPolicy == nil }
    }

    func settings(in environment: EnvironmentName?) -> Settings {
        let o = environment.flatMap { overrides[$0] }
        return Settings(
            retention: o?.retention ?? retention, storageClass: o?.storageClass ?? storageClass,
            softDelete: o?.softDelete ?? softDelete, retentionPolicy: o?.retentionPolicy ?? retentionPolicy,
            locked: o?.lockRetentionPolicyIrreversibly ?? lockRetentionPolicyIrreversibly, location: o?.location ?? location)
    }

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
        if Self.kmsLocation(dataLocation) == nil {
            out.append(.error(
                "gcs bucket '\(name)' location '\(dataLocation)' is not a Cloud Storage location (EU, US, ASIA, a dual-region such as EUR4, or a region such as europe-west1)",
                at: location))
        }
        for extra in extraRetentions {
            out.append(.error("gcs bucket '\(name)' has more than one Retention; merge them into one", at: extra))
        }
        out += check(settings(in: nil), what: "gcs bucket '\(name)'", changed: nil)
        for environment in overrides.keys.sorted() {
            guard let o = overrides[environment] else { continue }
            // Only what the override changes: inherited problems were reported at the bucket.
            for d in check(settings(in: environment), what: "gcs bucket '\(name)' in \(environment)", changed: o) where !out.contains(d) {
                out.append(d)
            }
        }
        return out
    }

    /// Problems with the settings of one environment; with `changed`, only those an override causes.
    func check(_ s: Settings, what: String, changed o: Override?) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let soft = s.softDelete, o == nil || o?.softDelete != nil, !(604_800...7_776_000).contains(soft.seconds) {
            out.append(.error("\(what) softDelete must be 7 to 90 days, or nil to turn it off (got \(soft))", at: s.location))
        }
        if let period = s.retentionPolicy, o == nil || o?.retentionPolicy != nil, !(1...3_155_760_000).contains(period.seconds) {
            out.append(.error("\(what) retentionPolicy must be 1 second to 100 years (got \(period))", at: s.location))
        }
        if s.locked && s.retentionPolicy == nil && (o == nil || o?.lockRetentionPolicyIrreversibly != nil) {
            out.append(.error(
                "\(what) lockRetentionPolicyIrreversibly needs a retentionPolicy to lock (such as retentionPolicy: .days(365))",
                at: s.location))
        }
        if let retention = s.retention {
            if o == nil || o?.retention != nil || o?.storageClass != nil {
                out += retention.gcsDiagnostics(bucketClass: s.storageClass)
            }
            if let expire = retention.expireAfter, let period = s.retentionPolicy, expire < period,
               o == nil || o?.retention != nil || o?.retentionPolicy != nil {
                out.append(.error(
                    "retention expires objects after \(expire), but the retention policy of \(what) keeps them for \(period): expiration must come after the retention period",
                    at: retention.location))
            }
        }
        return out
    }

    /// The Cloud KMS location of a Cloud Storage location: `EU` → `europe`, `US` → `us`, `ASIA` →
    /// `asia`, the dual-regions `EUR4`, `NAM4`, `ASIA1` → themselves in lowercase, regions as they are.
    static func kmsLocation(_ location: String) -> String? {
        switch location.uppercased() {
        case "EU": return "europe"
        case "US": return "us"
        case "ASIA": return "asia"
        case "EUR4", "NAM4", "ASIA1": return location.lowercased()
        default: return Synthesizer.isGCPRegion(location.lowercased()) ? location.lowercased() : nil
        }
    }

    var resourceName: String { Identifier.sanitize(name) }
    var bucketRef: GoogleStorageBucket.Ref { GoogleStorageBucket.Ref(resourceName) }

    public func lower(into context: inout SynthesisContext) {
        let gcp = context.gcp(for: self)
        let n = resourceName
        let project = TypedValue<String>(gcp.projectID)
        let s = settings(in: context.environment.name)
        let labels = context.labels(metadata)
        let bucketName = context.physicalName(name)
        if bucketName.count > 63 {
            context.error(
                "bucket name '\(bucketName)' is \(bucketName.count) characters; Cloud Storage allows 63: shorten the platform or bucket name",
                at: location)
        }
        if bucketName.contains("google") || bucketName.hasPrefix("goog") {
            context.error("bucket name '\(bucketName)' contains 'google' or starts with 'goog', which Cloud Storage forbids", at: location)
        }

        let ring = context.add("gcs_\(n)", GoogleKMSKeyRing(
            location: .init(Self.kmsLocation(dataLocation) ?? dataLocation), name: .init(context.physicalName("gcs-\(name)")),
            project: project
        ), for: self, part: "key")
        let key = context.add("gcs_\(n)", GoogleKMSCryptoKey(
            keyRing: ring.id, labels: labels, name: "storage", purpose: "ENCRYPT_DECRYPT", rotationPeriod: "7776000s"
        ), for: self, part: "key")
        let agent = context.add("gcs_\(n)", DataGoogleStorageProjectServiceAccount(project: project), for: self, part: "key")
        let keyAccess = context.add("gcs_\(n)", GoogleKMSCryptoKeyIAMMember(
            cryptoKeyID: key.id, member: "serviceAccount:\(agent.emailAddress)", role: "roles/cloudkms.cryptoKeyEncrypterDecrypter"
        ), for: self, part: "key")

        let retention: Retention
        if let own = s.retention {
            retention = own
        } else if let fallback = context.defaultRetention(for: metadata) {
            // A platform default written with S3 classes does not fit Cloud Storage: say so at the
            // default's line, naming the bucket that takes it.
            for d in fallback.gcsDiagnostics(bucketClass: s.storageClass) {
                context.error("\(d.message) (in the DefaultRetention gcs bucket '\(name)' takes)", at: d.location ?? location)
            }
            retention = fallback
        } else {
            retention = Retention()
        }
        // A bucket made public with PublicAccess cannot enforce public access prevention; the
        // PublicAccess construct carries the waiver of SEC-GCS-001 that justifies it.
        let publicAccess = context.publicAccess[name].flatMap { $0.intent == .read ? $0 : nil }
        var owner = self
        if let publicAccess { owner.waivers += publicAccess.waivers.filter { $0.rule == PublicAccess.gcsPreventionRule } }
        context.add(n, GoogleStorageBucket(
            encryption: .init(defaultKMSKeyName: key.id),
            forceDestroy: false,
            labels: labels,
            lifecycleRule: retention.gcsLifecycleRules(bucketClass: s.storageClass, versioned: s.versioned),
            location: .init(dataLocation.uppercased()),
            name: .init(bucketName),
            project: project,
            publicAccessPrevention: publicAccess == nil ? "enforced" : "inherited",
            retentionPolicy: s.retentionPolicy.map {
                .init(isLocked: .init(s.locked), retentionPeriod: .init($0.seconds))
            },
            softDeletePolicy: .init(retentionDurationSeconds: .init(s.softDelete?.seconds ?? 0)),
            storageClass: .init(s.storageClass.rawValue),
            uniformBucketLevelAccess: true,
            versioning: .init(enabled: .init(s.versioned))
        ), for: owner, dependsOn: [keyAccess.terraformAddress])
    }

    public var gcpIntents: [AccessIntent] { [.read, .write] }

    /// `.read` → `roles/storage.objectViewer` (get and list objects); `.write` →
    /// `roles/storage.objectCreator` (create objects only: no read, no overwrite, no delete), on
    /// this bucket only. The Cloud Storage service agent encrypts and decrypts with the bucket's
    /// key, so grantees need no Cloud KMS role.
    public func addGCPGrant(
        _ intent: AccessIntent, member: TypedValue<String>, name: String, for grantee: any Construct,
        at location: SourceLocation, context: inout SynthesisContext
    ) {
        let role: String
        switch intent {
        case .read: role = "roles/storage.objectViewer"
        case .write: role = "roles/storage.objectCreator"
        case .readSecret, .use, .own: return
        }
        context.add(name, GoogleStorageBucketIAMMember(
            bucket: bucketRef.name, member: member, role: .init(role)
        ), for: grantee, at: location, part: "grants")
    }
}

extension Retention {
    /// The Cloud Storage class of a transition: the GCS classes as they are, and `archiveAfter:`
    /// as ARCHIVE. Other S3 classes have none.
    func gcsClass(_ t: Transition) -> GCSBucket.StorageClass? {
        if t.viaArchiveAfter { return .archive }
        switch t.storageClass {
        case .nearline: return .nearline
        case .coldline: return .coldline
        case .archive: return .archive
        default: return nil
        }
    }

    /// Problems Cloud Storage would reject (or that would never take effect) in a bucket whose
    /// objects start in `bucketClass`, reported at the `Retention` line.
    func gcsDiagnostics(bucketClass: GCSBucket.StorageClass) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func wholeDays(_ i: Interval, _ what: String) {
            if i.seconds < 86_400 || i.seconds % 86_400 != 0 {
                out.append(.error("retention \(what) must be a whole number of days, at least 1 (got \(i))", at: location))
            }
        }
        var previous: (GCSBucket.StorageClass, String) = (bucketClass, "the bucket's storage class")
        for t in transitions {
            guard let target = gcsClass(t) else {
                out.append(.error(
                    "retention transition to \(t.storageClass.rawValue) is an S3 storage class: a gcs bucket moves objects to .nearline, .coldline or .archive",
                    at: location))
                continue
            }
            wholeDays(t.after, "transition to \(target.rawValue)")
            if target.coldness <= previous.0.coldness {
                out.append(.error(
                    "retention transition to \(target.rawValue) after \(t.after) is not colder than \(previous.0.rawValue) (\(previous.1)): Cloud Storage lifecycle rules only move objects to colder classes",
                    at: location))
            }
            previous = (target, "the transition before it")
        }
        if let e = expireAfter {
            wholeDays(e, "expiration")
            if let last = transitions.last, e <= last.after {
                out.append(.error(
                    "retention expires objects after \(e), before or when they move to \((gcsClass(last) ?? .archive).rawValue) after \(last.after): expiration must come after every transition",
                    at: location))
            }
        }
        if let n = noncurrentVersionsExpireAfter { wholeDays(n, "for noncurrent versions") }
        wholeDays(abortIncompleteUploadsAfter, "for incomplete uploads")
        return out
    }

    /// The `lifecycle_rule` blocks of a `google_storage_bucket` whose objects start in `bucketClass`:
    /// one `SetStorageClass` per transition (live objects of the warmer classes only), `Delete` of
    /// live objects at expiration, `Delete` of noncurrent versions (`days_since_noncurrent_time`)
    /// when the bucket is versioned, and `AbortIncompleteMultipartUpload`.
    func gcsLifecycleRules(bucketClass: GCSBucket.StorageClass, versioned: Bool) -> [GoogleStorageBucket.LifecycleRule] {
        var rules: [GoogleStorageBucket.LifecycleRule] = []
        for t in transitions {
            guard let target = gcsClass(t) else { continue }
            let warmer = GCSBucket.StorageClass.allCases.filter { $0.coldness >= bucketClass.coldness && $0.coldness < target.coldness }
            rules.append(.init(
                action: .init(storageClass: .init(target.rawValue), type: "SetStorageClass"),
                condition: .init(
                    age: .init(t.after.days), matchesStorageClass: .init(warmer.map(\.rawValue)), withState: "LIVE")))
        }
        if let e = expireAfter {
            rules.append(.init(action: .init(type: "Delete"), condition: .init(age: .init(e.days), withState: "LIVE")))
        }
        if versioned, let n = noncurrentVersionsExpireAfter {
            rules.append(.init(
                action: .init(type: "Delete"),
                condition: .init(daysSinceNoncurrentTime: .init(n.days), withState: "ARCHIVED")))
        }
        rules.append(.init(
            action: .init(type: "AbortIncompleteMultipartUpload"),
            condition: .init(age: .init(abortIncompleteUploadsAfter.days))))
        return rules
    }
}

/// How long objects live: transitions to colder storage, expiration, and expiry of old versions.
///
/// ```swift
/// Bucket("raw-events") {
///     Retention(expireAfter: .days(400), archiveAfter: .days(90))
/// }
/// ```
public struct Retention: Sendable, Equatable {
    /// Storage classes a lifecycle rule can move objects to: S3's for a ``Bucket``, Cloud Storage's
    /// (`.nearline`, `.coldline`, `.archive`) for a ``GCSBucket``.
    public enum StorageClass: String, Sendable, Equatable {
        case standardIA = "STANDARD_IA"
        case oneZoneIA = "ONEZONE_IA"
        case intelligentTiering = "INTELLIGENT_TIERING"
        case glacierInstantRetrieval = "GLACIER_IR"
        case glacier = "GLACIER"
        case deepArchive = "DEEP_ARCHIVE"
        /// Cloud Storage Nearline (30-day minimum storage duration).
        case nearline = "NEARLINE"
        /// Cloud Storage Coldline (90-day minimum storage duration).
        case coldline = "COLDLINE"
        /// Cloud Storage Archive (365-day minimum storage duration).
        case archive = "ARCHIVE"

        /// True for the Cloud Storage classes, which an S3 bucket cannot use.
        var isCloudStorage: Bool { self == .nearline || self == .coldline || self == .archive }

        /// The minimum age in days S3 accepts for a transition to this class.
        var minimumDays: Int {
            switch self {
            case .standardIA, .oneZoneIA: 30
            default: 0
            }
        }
    }

    public struct Transition: Sendable, Equatable {
        public var after: Interval
        public var storageClass: StorageClass
        /// Written as `archiveAfter:`: the coldest archive class of the bucket's cloud (Glacier
        /// Flexible Retrieval on S3, ARCHIVE on Cloud Storage).
        var viaArchiveAfter = false

        public static func after(_ interval: Interval, to storageClass: StorageClass) -> Transition {
            Transition(after: interval, storageClass: storageClass)
        }
    }

    public var transitions: [Transition]
    public var expireAfter: Interval?
    public var noncurrentVersionsExpireAfter: Interval?
    public var abortIncompleteUploadsAfter: Interval
    public var location: SourceLocation

    /// - Parameters:
    ///   - expireAfter: delete objects this long after creation.
    ///   - archiveAfter: move objects to the archive class after this long: Glacier Flexible
    ///     Retrieval in an S3 ``Bucket``, ARCHIVE in a ``GCSBucket``.
    ///   - transitions: explicit transitions, for more than one step.
    ///   - noncurrentVersionsExpireAfter: delete overwritten versions after this long (default 30 days).
    ///   - abortIncompleteUploadsAfter: clean up abandoned multipart uploads (default 7 days).
    public init(
        expireAfter: Interval? = nil, archiveAfter: Interval? = nil, transitions: [Transition] = [],
        noncurrentVersionsExpireAfter: Interval? = .days(30), abortIncompleteUploadsAfter: Interval = .days(7),
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        var all = transitions
        if let archiveAfter { all.append(Transition(after: archiveAfter, storageClass: .glacier, viaArchiveAfter: true)) }
        self.transitions = all.sorted { $0.after < $1.after }
        self.expireAfter = expireAfter
        self.noncurrentVersionsExpireAfter = noncurrentVersionsExpireAfter
        self.abortIncompleteUploadsAfter = abortIncompleteUploadsAfter
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    /// Problems S3 would reject, reported at the `Retention` line.
    func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        func wholeDays(_ i: Interval, _ what: String) {
            if i.seconds < 86_400 || i.seconds % 86_400 != 0 {
                out.append(.error("retention \(what) must be a whole number of days, at least 1 (got \(i))", at: location))
            }
        }
        for t in transitions {
            if t.storageClass.isCloudStorage {
                out.append(.error(
                    "retention transition to \(t.storageClass.rawValue) is a Cloud Storage class: an S3 bucket moves objects to .standardIA, .glacier or another S3 class",
                    at: location))
                continue
            }
            wholeDays(t.after, "transition to \(t.storageClass.rawValue)")
            if t.after.days < t.storageClass.minimumDays {
                out.append(.error(
                    "retention transition to \(t.storageClass.rawValue) after \(t.after) is too early: S3 needs at least \(t.storageClass.minimumDays) days",
                    at: location))
            }
        }
        if let e = expireAfter {
            wholeDays(e, "expiration")
            if let last = transitions.last, e <= last.after {
                out.append(.error(
                    "retention expires objects after \(e), before or when they move to \(last.storageClass.rawValue) after \(last.after): expiration must come after every transition",
                    at: location))
            }
        }
        if let n = noncurrentVersionsExpireAfter { wholeDays(n, "for noncurrent versions") }
        wholeDays(abortIncompleteUploadsAfter, "for incomplete uploads")
        return out
    }

    /// The `rule` block of an `aws_s3_bucket_lifecycle_configuration`.
    var rule: AWSS3BucketLifecycleConfiguration.Rule {
        AWSS3BucketLifecycleConfiguration.Rule(
            abortIncompleteMultipartUpload: [.init(daysAfterInitiation: .init(abortIncompleteUploadsAfter.days))],
            expiration: expireAfter.map { [.init(days: .init($0.days))] } ?? [],
            filter: [.init()],  // an empty filter: the rule applies to every object
            id: "paved-retention",
            noncurrentVersionExpiration: noncurrentVersionsExpireAfter.map { [.init(noncurrentDays: .init($0.days))] } ?? [],
            status: "Enabled",
            transition: transitions.map { .init(days: .init($0.after.days), storageClass: .init($0.storageClass.rawValue)) })
    }
}

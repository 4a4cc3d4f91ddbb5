/// How long data of one classification lives when a construct does not say: the platform's
/// retention default for that classification.
///
/// ```swift
/// Platform("acme-data", owner: "data-platform@acme.io") {
///     DefaultRetention(for: .confidential, expireAfter: .days(400), archiveAfter: .days(90))
///     DefaultRetention(for: .restricted, expireAfter: .days(2555), transitions: [.after(.days(30), to: .glacierInstantRetrieval)])
///
///     Bucket("raw-events", classification: .confidential)      // gets the confidential default
///     Bucket("scratch", classification: .confidential) {
///         Retention(expireAfter: .days(7))                      // its own retention wins
///     }
/// }
/// ```
///
/// Object-storage buckets (``Bucket``, ``GCSBucket``) that declare no ``Retention`` of their own
/// take the default of their classification (their own, or the platform's when they set none).
/// Without a default, S3 buckets keep objects until deleted and Cloud Storage buckets get
/// `Retention()`'s defaults, as before.
public struct DefaultRetention: Sendable, Equatable {
    public var classification: Classification
    public var retention: Retention

    /// The same parameters as ``Retention``, for data of `classification`.
    public init(
        for classification: Classification, expireAfter: Interval? = nil, archiveAfter: Interval? = nil,
        transitions: [Retention.Transition] = [], noncurrentVersionsExpireAfter: Interval? = .days(30),
        abortIncompleteUploadsAfter: Interval = .days(7),
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.classification = classification
        self.retention = Retention(
            expireAfter: expireAfter, archiveAfter: archiveAfter, transitions: transitions,
            noncurrentVersionsExpireAfter: noncurrentVersionsExpireAfter, abortIncompleteUploadsAfter: abortIncompleteUploadsAfter,
            file: file, filePath: filePath, line: line)
    }

    /// Problems with the defaults of a platform: each retention's own, and a classification given twice.
    static func validate(_ defaults: [DefaultRetention]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen: [Classification: SourceLocation] = [:]
        for d in defaults {
            out += d.retention.validate()
            if let first = seen[d.classification] {
                out.append(.error(
                    "DefaultRetention for \(d.classification.rawValue) data is declared twice; first at \(first)", at: d.retention.location))
            } else {
                seen[d.classification] = d.retention.location
            }
        }
        return out
    }
}

/// The one way to give everyone access to data: an explicit, named construct that policy sees and
/// a waiver must justify.
///
/// No other construct can grant to Snowflake's `PUBLIC` role, Google Cloud's `allUsers` or
/// `allAuthenticatedUsers`, or a `*` principal. When data really is public (an open data set), say
/// so here, and justify it with a waiver of the rule the grant breaks:
///
/// ```swift
/// PublicAccess(.read, on: "open-data")
///     .waive("GOV-GRANT-002", reason: "Published open data set, approved by the data council in DC-142",
///            owner: "data-council@acme.io", expires: "2027-12-31")
/// ```
///
/// | target | grant | rule to waive |
/// |---|---|---|
/// | `BigQueryDataset` | `google_bigquery_dataset_iam_member` to `allUsers` (or `allAuthenticatedUsers`) with the intent's role | GOV-GRANT-002 |
/// | `Snowflake.Database` | the database's read access role (database role `"<DB>"."READ"`) granted to `PUBLIC` | GOV-GRANT-001 |
/// | `GCSBucket` | `google_storage_bucket_iam_member` to `allUsers` with `roles/storage.objectViewer`; the bucket's `public_access_prevention` becomes `inherited` | GOV-GRANT-002 and SEC-GCS-001 |
///
/// S3 buckets cannot be made public this way: they are encrypted with a customer-managed KMS key,
/// which anonymous requests cannot use; publish through CloudFront with origin access control.
public struct PublicAccess: Construct {
    /// Who "everyone" is.
    public enum Audience: String, Sendable, Equatable {
        /// Anyone, signed in or not: `allUsers` on Google Cloud, `PUBLIC` in Snowflake.
        case anyone
        /// Anyone signed in to any Google account: `allAuthenticatedUsers` (Google Cloud only).
        case anyAuthenticatedUser
    }

    /// The rule a public Cloud Storage bucket breaks by not enforcing public access prevention.
    static let gcsPreventionRule = "SEC-GCS-001"

    public var kind: String { "public access" }
    /// `<target>-public`: one public grant per target.
    public var name: String { "\(target)-public" }
    public var intent: AccessIntent
    public var target: String
    public var audience: Audience
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    public init(
        _ intent: AccessIntent, on target: String, to audience: Audience = .anyone,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.intent = intent
        self.target = target
        self.audience = audience
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    public func validate() -> [Diagnostic] {
        guard intent != .read else { return [] }
        return [.error(
            "public access to '\(target)' may only be .read: everyone writing, owning or using it cannot be made safe", at: location)]
    }

    public func lower(into context: inout SynthesisContext) {
        guard intent == .read else { return }  // an error from validate()
        guard let construct = context.construct(named: target) else {
            context.error(unknownTarget(target, expected: nil, context: context), at: location)
            return
        }
        let grantName = "public_\(intent.rawValue)_\(Identifier.sanitize(target))"
        let rules: [String]
        let member = audience == .anyone ? "allUsers" : "allAuthenticatedUsers"
        switch construct {
        case let dataset as BigQueryDataset:
            rules = ["GOV-GRANT-002"]
            dataset.addGCPGrant(intent, member: .init(member), name: grantName, for: self, at: location, context: &context)
        case let bucket as GCSBucket:
            rules = ["GOV-GRANT-002", Self.gcsPreventionRule]
            bucket.addGCPGrant(intent, member: .init(member), name: grantName, for: self, at: location, context: &context)
        case let database as Snowflake.Database:
            guard audience == .anyone else {
                context.error("public access to snowflake database '\(target)' is for .anyone (PUBLIC): Snowflake has no signed-in-only audience", at: location)
                return
            }
            rules = ["GOV-GRANT-001"]
            database.addSnowflakeGrant(intent, to: "PUBLIC", name: grantName, for: self, at: location, context: &context)
        case is Bucket:
            context.error(
                "bucket '\(target)' cannot be made public: its objects are encrypted with a customer-managed KMS key, which anonymous requests cannot use; publish it through CloudFront with origin access control",
                at: location)
            return
        default:
            context.error(
                "\(construct.kind) '\(target)' cannot be made public: public access is supported on bigquery datasets, gcs buckets and snowflake databases",
                at: location)
            return
        }
        for rule in rules where !waivers.contains(where: { $0.rule == rule }) {
            context.error(
                "public access to \(construct.kind) '\(target)' must be justified: add .waive(\"\(rule)\", reason: \"why this data is public\", owner: \"…\", expires: \"YYYY-MM-DD\")",
                at: location)
        }
    }
}

/// An S3 bucket for data, private and encrypted by default.
///
/// Lowers to: a customer-managed KMS key that rotates (and its alias); the bucket; a public access
/// block with all four flags; `BucketOwnerEnforced` ownership (no ACLs); SSE-KMS with a bucket key;
/// versioning; a bucket policy that denies requests without TLS; access logging into the platform's
/// ``LogBucket`` when one is declared; and a lifecycle configuration from ``Retention``.
///
/// ```swift
/// Bucket("raw-events", classification: .confidential, tier: .tier1) {
///     Retention(expireAfter: .days(400), archiveAfter: .days(90))
/// }
/// ```
public struct Bucket: AccessTarget {
    public var kind: String { "bucket" }
    public var name: String
    public var metadata: Metadata
    public var retention: Retention?
    /// Let `terraform destroy` delete a bucket that still holds objects. Off by default.
    public var forceDestroy: Bool
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    public init(
        _ name: String, classification: Classification? = nil, tier: Tier? = nil, owner: String? = nil,
        team: String? = nil, costCenter: String? = nil, forceDestroy: Bool = false,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
        @BucketBuilder _ content: () -> [Retention] = { [] }
    ) {
        self.name = name
        self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
        self.forceDestroy = forceDestroy
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        let parts = content()
        self.retention = parts.first
        self.extraRetentions = parts.dropFirst().map(\.location)
    }

    private var extraRetentions: [SourceLocation]

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
        for extra in extraRetentions {
            out.append(.error("bucket '\(name)' has more than one Retention; merge them into one", at: extra))
        }
        out += retention?.validate() ?? []
        return out
    }

    /// Terraform names: `aws_s3_bucket.raw_events`.
    var resourceName: String { Identifier.sanitize(name) }
    var bucketAddress: ResourceAddress { .resource("aws_s3_bucket", resourceName) }
    var keyAddress: ResourceAddress { .resource("aws_kms_key", "bucket_\(resourceName)") }

    public func lower(into context: inout SynthesisContext) {
        _ = context.aws(for: self)
        let bucketName = context.physicalName(name)
        if bucketName.count > 63 {
            context.error("bucket name '\(bucketName)' is \(bucketName.count) characters; S3 allows 63: shorten the platform or bucket name", at: location)
        }
        let n = resourceName
        let tags = context.tags(metadata)
        let key = context.addKMSKey(
            keyAddress.name, description: "Encrypts s3://\(bucketName)", alias: bucketName, for: self, metadata: metadata)
        let bucket = context.add("aws_s3_bucket", n, [
            "bucket": .string(bucketName), "force_destroy": .bool(forceDestroy), "tags": tags,
        ], for: self)
        context.add("aws_s3_bucket_public_access_block", n, [
            "bucket": .ref(bucket, "id"), "block_public_acls": true, "block_public_policy": true,
            "ignore_public_acls": true, "restrict_public_buckets": true,
        ], for: self)
        context.add("aws_s3_bucket_ownership_controls", n, [
            "bucket": .ref(bucket, "id"), "rule": [["object_ownership": "BucketOwnerEnforced"]],
        ], for: self)
        context.add("aws_s3_bucket_server_side_encryption_configuration", n, [
            "bucket": .ref(bucket, "id"),
            "rule": [[
                "apply_server_side_encryption_by_default": [["sse_algorithm": "aws:kms", "kms_master_key_id": .ref(key, "arn")]],
                "bucket_key_enabled": true,
            ]],
        ], for: self)
        context.add("aws_s3_bucket_versioning", n, [
            "bucket": .ref(bucket, "id"), "versioning_configuration": [["status": "Enabled"]],
        ], for: self)
        let policy = context.addPolicyDocument(
            "bucket_\(n)", [SynthesisContext.denyInsecureTransport(bucket: bucket)], for: self, part: "policy")
        context.add("aws_s3_bucket_policy", n, [
            "bucket": .ref(bucket, "id"), "policy": .ref(policy, "json"),
        ], for: self, part: "policy", dependsOn: [.resource("aws_s3_bucket_public_access_block", n)])
        if let logs = context.logBucket {
            context.add("aws_s3_bucket_logging", n, [
                "bucket": .ref(bucket, "id"), "target_bucket": .ref(logs.bucketAddress, "id"),
                "target_prefix": .string("\(bucketName)/"),
            ], for: self, part: "logging")
        }
        if let retention {
            context.add("aws_s3_bucket_lifecycle_configuration", n, [
                "bucket": .ref(bucket, "id"), "rule": [retention.rule],
            ], for: self, at: retention.location, part: "retention", dependsOn: [.resource("aws_s3_bucket_versioning", n)])
        }
    }

    public var supportedIntents: [AccessIntent] { [.read, .write] }

    public func iamStatements(for intent: AccessIntent, context: SynthesisContext) -> [IAMStatement] {
        let id = StatementID.from(name)
        let objects = Value.template([.expression(bucketAddress.attribute("arn")), .literal("/*")])
        let viaS3 = IAMStatement.Condition(
            "StringEquals", "kms:ViaService", [.string("s3.\(context.environment.aws?.region ?? "us-east-1").amazonaws.com")])
        switch intent {
        case .read:
            return [
                IAMStatement(sid: "List\(id)", actions: ["s3:ListBucket"], resources: [.ref(bucketAddress, "arn")]),
                IAMStatement(sid: "Read\(id)", actions: ["s3:GetObject"], resources: [objects]),
                IAMStatement(sid: "Decrypt\(id)", actions: ["kms:Decrypt"], resources: [.ref(keyAddress, "arn")], conditions: [viaS3]),
            ]
        case .write:
            return [
                IAMStatement(sid: "Write\(id)", actions: ["s3:AbortMultipartUpload", "s3:PutObject"], resources: [objects]),
                IAMStatement(
                    sid: "Encrypt\(id)", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [.ref(keyAddress, "arn")],
                    conditions: [viaS3]),
            ]
        case .readSecret:
            return []
        }
    }
}

/// The bucket that receives S3 server access logs from every other bucket of the platform.
///
/// Server access logs cannot be delivered to an SSE-KMS bucket, so this one uses SSE-S3; it is
/// otherwise private, versioned, TLS-only, and keeps logs for `retention` (default 365 days).
public struct LogBucket: Construct {
    public var kind: String { "log bucket" }
    public var name: String
    public var metadata: Metadata
    public var retention: Retention
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    public init(
        _ name: String, keepLogsFor: Interval = .days(365), owner: String? = nil,
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
    ) {
        self.name = name
        self.metadata = Metadata(owner: owner, classification: .internal)
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        self.retention = Retention(
            expireAfter: keepLogsFor, noncurrentVersionsExpireAfter: .days(7), file: file, filePath: filePath, line: line)
    }

    public func validate() -> [Diagnostic] {
        (NameRule.check(name, kind: kind, at: location).map { [$0] } ?? []) + retention.validate()
    }

    var resourceName: String { Identifier.sanitize(name) }
    var bucketAddress: ResourceAddress { .resource("aws_s3_bucket", resourceName) }

    public func lower(into context: inout SynthesisContext) {
        let aws = context.aws(for: self)
        let n = resourceName
        let bucketName = context.physicalName(name)
        if bucketName.count > 63 {
            context.error("bucket name '\(bucketName)' is \(bucketName.count) characters; S3 allows 63: shorten the platform or bucket name", at: location)
        }
        let bucket = context.add("aws_s3_bucket", n, [
            "bucket": .string(bucketName), "force_destroy": false, "tags": context.tags(metadata),
        ], for: self)
        context.add("aws_s3_bucket_public_access_block", n, [
            "bucket": .ref(bucket, "id"), "block_public_acls": true, "block_public_policy": true,
            "ignore_public_acls": true, "restrict_public_buckets": true,
        ], for: self)
        context.add("aws_s3_bucket_ownership_controls", n, [
            "bucket": .ref(bucket, "id"), "rule": [["object_ownership": "BucketOwnerEnforced"]],
        ], for: self)
        context.add("aws_s3_bucket_server_side_encryption_configuration", n, [
            "bucket": .ref(bucket, "id"),
            "rule": [["apply_server_side_encryption_by_default": [["sse_algorithm": "AES256"]]]],
        ], for: self)
        context.add("aws_s3_bucket_versioning", n, [
            "bucket": .ref(bucket, "id"), "versioning_configuration": [["status": "Enabled"]],
        ], for: self)
        let delivery = IAMStatement(
            sid: "AllowS3ServerAccessLogs", actions: ["s3:PutObject"],
            resources: [.template([.expression(bucket.attribute("arn")), .literal("/*")])],
            principals: [.init(type: "Service", identifiers: ["logging.s3.amazonaws.com"])],
            conditions: [.init("StringEquals", "aws:SourceAccount", [.string(aws.accountID)])])
        let policy = context.addPolicyDocument(
            "bucket_\(n)", [delivery, SynthesisContext.denyInsecureTransport(bucket: bucket)], for: self, part: "policy")
        context.add("aws_s3_bucket_policy", n, [
            "bucket": .ref(bucket, "id"), "policy": .ref(policy, "json"),
        ], for: self, part: "policy", dependsOn: [.resource("aws_s3_bucket_public_access_block", n)])
        context.add("aws_s3_bucket_lifecycle_configuration", n, [
            "bucket": .ref(bucket, "id"), "rule": [retention.rule],
        ], for: self, part: "retention", dependsOn: [.resource("aws_s3_bucket_versioning", n)])
    }
}

/// Builds a bucket's body: its ``Retention``.
@resultBuilder
public enum BucketBuilder {
    public static func buildExpression(_ retention: Retention) -> [Retention] { [retention] }
    public static func buildBlock(_ parts: [Retention]...) -> [Retention] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Retention]?) -> [Retention] { part ?? [] }
    public static func buildEither(first: [Retention]) -> [Retention] { first }
    public static func buildEither(second: [Retention]) -> [Retention] { second }
}

/// IAM statement ids: alphanumeric, from a construct name. `raw-events` → `RawEvents`.
enum StatementID {
    static func from(_ name: String) -> String {
        name.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }
}

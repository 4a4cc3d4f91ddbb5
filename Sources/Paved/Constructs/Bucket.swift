/// An S3 bucket for data, private and encrypted by default.
///
/// Lowers to: a customer-managed KMS key that rotates (and its alias); the bucket; a public access
/// block with all four flags; `BucketOwnerEnforced` ownership (no ACLs); SSE-KMS with a bucket key;
/// versioning; a bucket policy that denies requests without TLS; access logging into the platform's
/// ``LogBucket`` when one is declared; and a lifecycle configuration from its ``Retention``, or else
/// from the platform's ``DefaultRetention`` for its classification.
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
    var bucketRef: AWSS3Bucket.Ref { AWSS3Bucket.Ref(resourceName) }
    var keyRef: AWSKMSKey.Ref { AWSKMSKey.Ref("bucket_\(resourceName)") }

    public func lower(into context: inout SynthesisContext) {
        _ = context.aws(for: self)
        let bucketName = context.physicalName(name)
        if bucketName.count > 63 {
            context.error("bucket name '\(bucketName)' is \(bucketName.count) characters; S3 allows 63: shorten the platform or bucket name", at: location)
        }
        let n = resourceName
        let key = context.addKMSKey(
            keyRef.terraformAddress.name, description: "Encrypts s3://\(bucketName)", alias: bucketName, for: self, metadata: metadata)
        let bucket = context.add(n, AWSS3Bucket(
            bucket: .init(bucketName), forceDestroy: .init(forceDestroy), tags: context.typedTags(metadata)), for: self)
        let publicAccess = context.add(n, AWSS3BucketPublicAccessBlock.allBlocked(bucket: bucket), for: self)
        context.add(n, AWSS3BucketOwnershipControls(bucket: bucket.id, rule: .init(objectOwnership: "BucketOwnerEnforced")), for: self)
        context.add(n, AWSS3BucketServerSideEncryptionConfiguration(
            bucket: bucket.id,
            rule: [.init(
                applyServerSideEncryptionByDefault: .init(kmsMasterKeyID: key.arn, sseAlgorithm: "aws:kms"),
                bucketKeyEnabled: true)]
        ), for: self)
        let versioning = context.add(n, AWSS3BucketVersioning(bucket: bucket.id, versioningConfiguration: .init(status: "Enabled")), for: self)
        let policy = context.addPolicyDocument(
            "bucket_\(n)", [SynthesisContext.denyInsecureTransport(bucket: bucket)], for: self, part: "policy")
        context.add(
            n, AWSS3BucketPolicy(bucket: bucket.id, policy: policy.json),
            for: self, part: "policy", dependsOn: [publicAccess.terraformAddress])
        if let logs = context.logBucket {
            context.add(
                n, AWSS3BucketLogging(bucket: bucket.id, targetBucket: logs.bucketRef.id, targetPrefix: "\(bucketName)/"),
                for: self, part: "logging")
        }
        if let retention = retention ?? context.defaultRetention(for: metadata) {
            context.add(
                n, AWSS3BucketLifecycleConfiguration(bucket: bucket.id, rule: [retention.rule]),
                for: self, at: retention.location, part: "retention", dependsOn: [versioning.terraformAddress])
        }
    }

    public var supportedIntents: [AccessIntent] { [.read, .write] }

    public func iamStatements(for intent: AccessIntent, context: SynthesisContext) -> [IAMStatement] {
        let id = StatementID.from(name)
        let bucket = bucketRef
        let objects: TypedValue<String> = "\(bucket.arn)/*"
        let viaS3 = IAMStatement.Condition(
            "StringEquals", "kms:ViaService", ["s3.\(context.environment.aws?.region ?? "us-east-1").amazonaws.com"])
        switch intent {
        case .read:
            return [
                IAMStatement(sid: "List\(id)", actions: ["s3:ListBucket"], resources: [bucket.arn]),
                IAMStatement(sid: "Read\(id)", actions: ["s3:GetObject"], resources: [objects]),
                IAMStatement(sid: "Decrypt\(id)", actions: ["kms:Decrypt"], resources: [keyRef.arn], conditions: [viaS3]),
            ]
        case .write:
            return [
                IAMStatement(sid: "Write\(id)", actions: ["s3:AbortMultipartUpload", "s3:PutObject"], resources: [objects]),
                IAMStatement(
                    sid: "Encrypt\(id)", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [keyRef.arn],
                    conditions: [viaS3]),
            ]
        case .readSecret, .use, .own:
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
    var bucketRef: AWSS3Bucket.Ref { AWSS3Bucket.Ref(resourceName) }

    public func lower(into context: inout SynthesisContext) {
        let aws = context.aws(for: self)
        let n = resourceName
        let bucketName = context.physicalName(name)
        if bucketName.count > 63 {
            context.error("bucket name '\(bucketName)' is \(bucketName.count) characters; S3 allows 63: shorten the platform or bucket name", at: location)
        }
        let bucket = context.add(n, AWSS3Bucket(bucket: .init(bucketName), forceDestroy: false, tags: context.typedTags(metadata)), for: self)
        let publicAccess = context.add(n, AWSS3BucketPublicAccessBlock.allBlocked(bucket: bucket), for: self)
        context.add(n, AWSS3BucketOwnershipControls(bucket: bucket.id, rule: .init(objectOwnership: "BucketOwnerEnforced")), for: self)
        context.add(n, AWSS3BucketServerSideEncryptionConfiguration(
            bucket: bucket.id, rule: [.init(applyServerSideEncryptionByDefault: .init(sseAlgorithm: "AES256"))]
        ), for: self)
        let versioning = context.add(n, AWSS3BucketVersioning(bucket: bucket.id, versioningConfiguration: .init(status: "Enabled")), for: self)
        let delivery = IAMStatement(
            sid: "AllowS3ServerAccessLogs", actions: ["s3:PutObject"],
            resources: ["\(bucket.arn)/*"],
            principals: [.init(type: "Service", identifiers: ["logging.s3.amazonaws.com"])],
            conditions: [.init("StringEquals", "aws:SourceAccount", [.init(aws.accountID)])])
        let policy = context.addPolicyDocument(
            "bucket_\(n)", [delivery, SynthesisContext.denyInsecureTransport(bucket: bucket)], for: self, part: "policy")
        context.add(
            n, AWSS3BucketPolicy(bucket: bucket.id, policy: policy.json),
            for: self, part: "policy", dependsOn: [publicAccess.terraformAddress])
        context.add(
            n, AWSS3BucketLifecycleConfiguration(bucket: bucket.id, rule: [retention.rule]),
            for: self, part: "retention", dependsOn: [versioning.terraformAddress])
    }
}

extension AWSS3BucketPublicAccessBlock {
    /// All four public-access blocks on: no public ACLs or policies, and existing ones ignored.
    static func allBlocked(bucket: AWSS3Bucket.Ref) -> AWSS3BucketPublicAccessBlock {
        AWSS3BucketPublicAccessBlock(
            blockPublicACLs: true, blockPublicPolicy: true, bucket: bucket.id, ignorePublicACLs: true, restrictPublicBuckets: true)
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
        var name = name  // its bytes are read in place
        if let id = name.withUTF8({ ascii($0) }) { return id }
        return name.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// The id of an ASCII name (every name Paved accepts): the same words, byte by byte; nil for
    /// any other name.
    private static func ascii(_ name: UnsafeBufferPointer<UInt8>) -> String? {
        guard name.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: name.count) { out in
            var count = 0
            var startOfWord = true
            for byte in name {
                let isLetter = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                guard isLetter || isDigit else {
                    startOfWord = true
                    continue
                }
                let upper = startOfWord && byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
                out[count] = upper ? byte - 32 : byte
                count += 1
                startOfWord = false
            }
            return count
        }
    }
}

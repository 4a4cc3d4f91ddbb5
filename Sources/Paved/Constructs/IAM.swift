/// One statement of an IAM policy, before it is written as an `aws_iam_policy_document` block.
public struct IAMStatement: Sendable, Equatable {
    public struct Condition: Sendable, Equatable {
        public var test: String
        public var variable: String
        public var values: [TypedValue<String>]

        public init(_ test: String, _ variable: String, _ values: [TypedValue<String>]) {
            self.test = test
            self.variable = variable
            self.values = values
        }
    }

    public struct Principal: Sendable, Equatable {
        /// `Service`, `AWS`, or `Federated`.
        public var type: String
        public var identifiers: [TypedValue<String>]

        public init(type: String, identifiers: [TypedValue<String>]) {
            self.type = type
            self.identifiers = identifiers
        }
    }

    public var sid: String
    public var allow: Bool
    public var actions: [String]
    public var resources: [TypedValue<String>]
    public var principals: [Principal]
    public var conditions: [Condition]

    public init(
        sid: String, allow: Bool = true, actions: [String], resources: [TypedValue<String>] = [], principals: [Principal] = [],
        conditions: [Condition] = []
    ) {
        self.sid = sid
        self.allow = allow
        self.actions = actions
        self.resources = resources
        self.principals = principals
        self.conditions = conditions
    }

    /// The `statement` block of an `aws_iam_policy_document`.
    var block: DataAWSIAMPolicyDocument.Statement {
        DataAWSIAMPolicyDocument.Statement(
            actions: .init(actions),
            condition: conditions.map { .init(test: .init($0.test), values: .init($0.values), variable: .init($0.variable)) },
            effect: allow ? "Allow" : "Deny",
            principals: principals.map { .init(identifiers: .init($0.identifiers), type: .init($0.type)) },
            resources: resources.isEmpty ? nil : .init(resources),
            sid: .init(sid))
    }
}

extension SynthesisContext {
    /// Adds an `aws_iam_policy_document` data source with `statements`; its rendered JSON is
    /// `.json` of the result (`data.aws_iam_policy_document.NAME.json`).
    @discardableResult
    public mutating func addPolicyDocument(
        _ name: String, _ statements: [IAMStatement], for construct: any Construct, part: String
    ) -> DataAWSIAMPolicyDocument.Ref {
        add(name, DataAWSIAMPolicyDocument(statement: statements.map(\.block)), for: construct, part: part)
    }

    /// A statement denying every S3 request that is not over TLS.
    static func denyInsecureTransport(bucket: AWSS3Bucket.Ref) -> IAMStatement {
        IAMStatement(
            sid: "DenyInsecureTransport", allow: false, actions: ["s3:*"],
            resources: [bucket.arn, "\(bucket.arn)/*"],
            principals: [.init(type: "AWS", identifiers: ["*"])],
            conditions: [.init("Bool", "aws:SecureTransport", ["false"])])
    }

    /// A customer-managed KMS key with rotation, and its alias.
    mutating func addKMSKey(
        _ name: String, description: String, alias: String, for construct: any Construct, metadata: Metadata
    ) -> AWSKMSKey.Ref {
        let key = add(name, AWSKMSKey(
            deletionWindowInDays: 30, description: .init(description), enableKeyRotation: true, rotationPeriodInDays: 365,
            tags: typedTags(metadata)
        ), for: construct, part: "kms-key")
        add(name, AWSKMSAlias(name: "alias/\(alias)", targetKeyID: key.keyID), for: construct, part: "kms-key")
        return key
    }
}

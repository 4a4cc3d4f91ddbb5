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

    /// The `statement` block of an `aws_iam_policy_document`, as the generated binding writes it
    /// (``block``'s `terraformObject`), built directly: a role's policies hold thousands of
    /// statements on a large platform, and the binding in between was about half of their cost. A
    /// test holds the two to the same value.
    var object: Value {
        var out = TerraformArgumentsBuilder(capacity: 6)
        out.untyped("actions", .list(actions.map(Value.string)))
        if !conditions.isEmpty {
            out.untyped("condition", .list(conditions.map { condition in
                var c = TerraformArgumentsBuilder(capacity: 3)
                c.untyped("test", .string(condition.test))
                c.untyped("values", .list(condition.values.map(\.value)))
                c.untyped("variable", .string(condition.variable))
                return .object(c.build())
            }))
        }
        out.untyped("effect", .string(allow ? "Allow" : "Deny"))
        if !principals.isEmpty {
            out.untyped("principals", .list(principals.map { principal in
                var p = TerraformArgumentsBuilder(capacity: 2)
                p.untyped("identifiers", .list(principal.identifiers.map(\.value)))
                p.untyped("type", .string(principal.type))
                return .object(p.build())
            }))
        }
        if !resources.isEmpty { out.untyped("resources", .list(resources.map(\.value))) }
        out.untyped("sid", .string(sid))
        return .object(out.build())
    }

    /// The `statement` block of an `aws_iam_policy_document`, as a binding.
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
        // What `add(name, DataAWSIAMPolicyDocument(statement: statements.map(\.block)), …)` adds.
        var arguments = TerraformArgumentsBuilder(capacity: 1)
        if !statements.isEmpty { arguments.untyped("statement", .list(statements.map(\.object))) }
        let address = addData(DataAWSIAMPolicyDocument.terraformType, name, arguments.build(), for: construct, part: part)
        return DataAWSIAMPolicyDocument.Ref(address.name)
    }

    /// A statement denying every S3 request that is not over TLS.
    static func denyInsecureTransport(bucket: AWSS3Bucket.Ref) -> IAMStatement {
        IAMStatement(
            sid: "DenyInsecureTransport", allow: false, actions: ["s3:*"],
            resources: [bucket.arn, "\(bucket.arn)/*"],
            principals: [.init(type: "AWS", identifiers: ["*"])],
            conditions: [.init("Bool", "aws:SecureTransport", ["false"])])
    }

    /// A customer-managed KMS key with rotation, and its alias. With `policy`, the key gets that key
    /// policy (an `aws_iam_policy_document` named `NAME_key`); without, AWS's default one.
    mutating func addKMSKey(
        _ name: String, description: String, alias: String, for construct: any Construct, metadata: Metadata,
        policy: [IAMStatement]? = nil
    ) -> AWSKMSKey.Ref {
        let document = policy.map { addPolicyDocument("\(name)_key", $0, for: construct, part: "kms-key") }
        let key = add(name, AWSKMSKey(
            deletionWindowInDays: 30, description: .init(description), enableKeyRotation: true, policy: document?.json,
            rotationPeriodInDays: 365, tags: typedTags(metadata)
        ), for: construct, part: "kms-key")
        add(name, AWSKMSAlias(name: "alias/\(alias)", targetKeyID: key.keyID), for: construct, part: "kms-key")
        return key
    }
}

/// The key policy of a KMS key that encrypts CloudWatch Logs log groups: the account administers and
/// uses the key (through IAM), and CloudWatch Logs in the region may use it for the named log groups
/// only (`kms:EncryptionContext:aws:logs:arn`, AWS CloudWatch Logs User Guide, "Encrypt log data in
/// CloudWatch Logs using AWS KMS").
enum LogsKeyPolicy {
    /// What the account root (and through it, IAM policies of the account) may do with the key: the
    /// administration and use of a key, listed rather than `kms:*` (the default key policy), so that
    /// no policy document grants a whole service on `*`.
    static let accountActions = [
        "kms:CancelKeyDeletion", "kms:Create*", "kms:Decrypt", "kms:Delete*", "kms:Describe*", "kms:Disable*", "kms:Enable*",
        "kms:Encrypt", "kms:GenerateDataKey*", "kms:Get*", "kms:List*", "kms:Put*", "kms:ReEncrypt*", "kms:RetireGrant",
        "kms:Revoke*", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:Update*",
    ]

    /// What CloudWatch Logs needs to encrypt and read a log group with the key.
    static let logsActions = ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"]

    /// The two statements: `AccountAdministersKey`, and `sid` letting `logs.<region>.amazonaws.com`
    /// use the key when the log group ARN is like one of `logGroupNames` (each may end in `*`).
    static func statements(accountID: String, region: String, sid: String, logGroupNames: [String]) -> [IAMStatement] {
        [
            IAMStatement(
                sid: "AccountAdministersKey", actions: accountActions, resources: ["*"],
                principals: [.init(type: "AWS", identifiers: [.init("arn:aws:iam::\(accountID):root")])]),
            IAMStatement(
                sid: sid, actions: logsActions, resources: ["*"],
                principals: [.init(type: "Service", identifiers: [.init("logs.\(region).amazonaws.com")])],
                conditions: [.init(
                    "ArnLike", "kms:EncryptionContext:aws:logs:arn",
                    logGroupNames.map { .init("arn:aws:logs:\(region):\(accountID):log-group:\($0)") })]),
        ]
    }
}

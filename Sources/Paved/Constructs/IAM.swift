/// One statement of an IAM policy, before it is written as an `aws_iam_policy_document` block.
public struct IAMStatement: Sendable, Equatable {
    public struct Condition: Sendable, Equatable {
        public var test: String
        public var variable: String
        public var values: [Value]

        public init(_ test: String, _ variable: String, _ values: [Value]) {
            self.test = test
            self.variable = variable
            self.values = values
        }
    }

    public struct Principal: Sendable, Equatable {
        /// `Service`, `AWS`, or `Federated`.
        public var type: String
        public var identifiers: [Value]

        public init(type: String, identifiers: [Value]) {
            self.type = type
            self.identifiers = identifiers
        }
    }

    public var sid: String
    public var allow: Bool
    public var actions: [String]
    public var resources: [Value]
    public var principals: [Principal]
    public var conditions: [Condition]

    public init(
        sid: String, allow: Bool = true, actions: [String], resources: [Value] = [], principals: [Principal] = [],
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
    var block: Value {
        var block: [String: Value] = [
            "sid": .string(sid), "effect": .string(allow ? "Allow" : "Deny"), "actions": .strings(actions),
        ]
        if !resources.isEmpty { block["resources"] = .list(resources) }
        if !principals.isEmpty {
            block["principals"] = .list(principals.map { ["type": .string($0.type), "identifiers": .list($0.identifiers)] })
        }
        if !conditions.isEmpty {
            block["condition"] = .list(conditions.map {
                ["test": .string($0.test), "variable": .string($0.variable), "values": .list($0.values)]
            })
        }
        return .object(block)
    }
}

extension SynthesisContext {
    /// Adds an `aws_iam_policy_document` data source with `statements` and returns its address;
    /// its rendered JSON is `data.aws_iam_policy_document.NAME.json`.
    @discardableResult
    public mutating func addPolicyDocument(
        _ name: String, _ statements: [IAMStatement], for construct: any Construct, part: String
    ) -> ResourceAddress {
        addData("aws_iam_policy_document", name, ["statement": .list(statements.map(\.block))], for: construct, part: part)
    }

    /// A statement denying every S3 request that is not over TLS.
    static func denyInsecureTransport(bucket: ResourceAddress) -> IAMStatement {
        IAMStatement(
            sid: "DenyInsecureTransport", allow: false, actions: ["s3:*"],
            resources: [.ref(bucket, "arn"), .template([.expression(bucket.attribute("arn")), .literal("/*")])],
            principals: [.init(type: "AWS", identifiers: ["*"])],
            conditions: [.init("Bool", "aws:SecureTransport", ["false"])])
    }

    /// A customer-managed KMS key with rotation, and its alias.
    mutating func addKMSKey(_ name: String, description: String, alias: String, for construct: any Construct, metadata: Metadata) -> ResourceAddress {
        let key = add("aws_kms_key", name, [
            "description": .string(description),
            "enable_key_rotation": true,
            "rotation_period_in_days": 365,
            "deletion_window_in_days": 30,
            "tags": tags(metadata),
        ], for: construct, part: "kms-key")
        add("aws_kms_alias", name, [
            "name": .string("alias/\(alias)"), "target_key_id": .ref(key, "key_id"),
        ], for: construct, part: "kms-key")
        return key
    }
}

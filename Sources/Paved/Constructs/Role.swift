/// An AWS IAM role: who may assume it, and what it may do, from intents.
///
/// ```swift
/// Role("etl-runner", assumedBy: .service(.glue)) {
///     Allow(.read, on: "raw-events")
///     Allow(.readSecret, on: "snowflake/etl-password")
/// }
/// ```
/// A job an orchestrator runs on EKS assumes a role through its Kubernetes service account:
///
/// ```swift
/// Role("dagster-runner", assumedBy: .kubernetes(
///     oidcProvider: "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE", namespace: "dagster", serviceAccount: "runner"))
/// ```
/// Each ``Allow`` lowers to exactly the actions the intent needs on exactly the target's ARNs: no
/// `*` unless written with ``Allow/init(actions:on:file:filePath:line:)``.
public struct Role: Construct {
    /// Who may assume the role.
    public enum Principal: Sendable, Equatable {
        /// An AWS service, such as Glue or MWAA.
        case service(AWSService)
        /// Another role of this platform, by name.
        case role(String)
        /// An IAM role or user outside the platform, by ARN.
        case arn(String)
        /// Pods running as a Kubernetes service account, through the cluster's IAM OIDC identity
        /// provider (EKS IAM roles for service accounts): `oidcProvider` is the issuer without
        /// `https://` (`oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`), and
        /// the provider must exist in the environment's account.
        case kubernetes(oidcProvider: String, namespace: String, serviceAccount: String)
    }

    public var kind: String { "role" }
    public var name: String
    public var description: String?
    public var metadata: Metadata
    public var assumedBy: [Principal]
    public var grants: [Allow]
    public var maxSessionDuration: Interval
    public var location: SourceLocation
    public var waivers: [Waiver] = []

    public init(
        _ name: String, assumedBy: Principal..., description: String? = nil, owner: String? = nil,
        maxSessionDuration: Interval = .hours(1),
        file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
        @RoleBuilder _ grants: () -> [Allow] = { [] }
    ) {
        self.name = name
        self.description = description
        self.metadata = Metadata(owner: owner)
        self.assumedBy = assumedBy
        self.grants = grants()
        self.maxSessionDuration = maxSessionDuration
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    public func validate() -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
        if assumedBy.isEmpty {
            out.append(.error("role '\(name)' has no principal: add assumedBy: .service(.glue) or another principal", at: location))
        }
        if !(3600...43_200).contains(maxSessionDuration.seconds) {
            out.append(.error("role '\(name)' maxSessionDuration must be 1 to 12 hours (got \(maxSessionDuration))", at: location))
        }
        for case .arn(let arn) in assumedBy where !(arn.hasPrefix("arn:aws:iam::") && arn.count > 13) {
            out.append(.error("role '\(name)' principal '\(arn)' is not an IAM ARN (arn:aws:iam::ACCOUNT:role/NAME)", at: location))
        }
        for case .kubernetes(let issuer, let namespace, let serviceAccount) in assumedBy {
            if let problem = Self.issuerProblem(issuer) {
                out.append(.error("role '\(name)' .kubernetes oidcProvider '\(issuer)' \(problem)", at: location))
            }
            if !KubernetesName.isLabel(namespace) {
                out.append(.error("role '\(name)' .kubernetes namespace '\(namespace)' \(KubernetesName.labelRule)", at: location))
            }
            if !KubernetesName.isSubdomain(serviceAccount) {
                out.append(.error("role '\(name)' .kubernetes service account '\(serviceAccount)' \(KubernetesName.subdomainRule)", at: location))
            }
        }
        for grant in grants { out += grant.validate() }
        return out
    }

    /// Why `issuer` is not an OIDC issuer as IAM names it (host and path, no scheme), or nil.
    /// EKS issuers are `oidc.eks.REGION.amazonaws.com/id/ID` with a 32-character hexadecimal ID.
    static func issuerProblem(_ issuer: String) -> String? {
        if issuer.hasPrefix("https://") || issuer.hasPrefix("http://") {
            return "must not include the scheme: write '\(issuer.drop { $0 != "/" }.dropFirst(2))'"
        }
        if issuer.hasSuffix("/") { return "must not end with '/'" }
        let parts = issuer.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let host = parts[0]
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let hostOK = labels.count >= 2 && labels.allSatisfy { l in
            !l.isEmpty && l.count <= 63 && l.first != "-" && l.last != "-" && l.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        }
        if !hostOK || parts.dropFirst().contains(where: { $0.isEmpty || $0.contains(where: { !$0.isASCII || $0.isWhitespace || "?#*:".contains($0) }) }) {
            return "is not an OIDC issuer host and path (such as oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE)"
        }
        if host.hasPrefix("oidc.eks.") {
            let region = host.dropFirst("oidc.eks.".count).split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
            let id = parts.count == 3 && parts[1] == "id" ? parts[2] : ""
            guard Synthesizer.isRegion(region), host == "oidc.eks.\(region).amazonaws.com",
                  id.count == 32, id.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
            else {
                return "is not an EKS issuer: expected oidc.eks.REGION.amazonaws.com/id/ID with a 32-character ID of uppercase letters and digits (aws eks describe-cluster --query cluster.identity.oidc.issuer, without https://)"
            }
        }
        return nil
    }

    var resourceName: String { Identifier.sanitize(name) }
    var roleRef: AWSIAMRole.Ref { AWSIAMRole.Ref(resourceName) }

    public func lower(into context: inout SynthesisContext) {
        _ = context.aws(for: self)
        let n = resourceName
        let roleName = context.physicalName(name)
        if roleName.count > 64 {
            context.error("role name '\(roleName)' is \(roleName.count) characters; IAM allows 64: shorten the platform or role name", at: location)
        }

        var principals: [IAMStatement.Principal] = []
        let services = assumedBy.flatMap { p -> [String] in if case .service(let s) = p { return s.principals } else { return [] } }
        if !services.isEmpty {
            principals.append(.init(type: "Service", identifiers: services.sorted().map { TypedValue<String>($0) }))
        }
        var roleARNs: [TypedValue<String>] = []
        for principal in assumedBy {
            switch principal {
            case .service, .kubernetes: break
            case .arn(let arn): roleARNs.append(.init(arn))
            case .role(let other):
                if let role = context.construct(named: other) as? Role {
                    roleARNs.append(role.roleRef.arn)
                } else {
                    context.error(unknownTarget(other, expected: "role", context: context), at: location)
                }
            }
        }
        if !roleARNs.isEmpty { principals.append(.init(type: "AWS", identifiers: roleARNs)) }
        var trustConditions: [IAMStatement.Condition] = []
        if !services.isEmpty {
            // Confused-deputy protection: only this account's resources may make the service assume the role.
            trustConditions.append(.init("StringEquals", "aws:SourceAccount", [.init(context.environment.aws?.accountID ?? "")]))
        }
        var trustStatements: [IAMStatement] = []
        if !principals.isEmpty {
            trustStatements.append(IAMStatement(sid: "AssumeRole", actions: ["sts:AssumeRole"], principals: principals, conditions: trustConditions))
        }
        trustStatements += webIdentityStatements(account: context.environment.aws?.accountID ?? "")
        let trust = context.addPolicyDocument("\(n)_trust", trustStatements, for: self, part: "trust")
        let role = context.add(n, AWSIAMRole(
            assumeRolePolicy: trust.json, description: description.map { TypedValue($0) },
            maxSessionDuration: .init(maxSessionDuration.seconds), name: .init(roleName), tags: context.typedTags(metadata)
        ), for: self)

        let statements = grants.iamStatements(context: &context)
        guard !statements.isEmpty else { return }
        let permissions = context.addPolicyDocument("\(n)_permissions", statements, for: self, part: "permissions")
        context.add(
            n, AWSIAMRolePolicy(name: "\(roleName)-permissions", policy: permissions.json, role: role.id),
            for: self, part: "permissions")
    }
}

extension Role {
    /// One `sts:AssumeRoleWithWebIdentity` statement per OIDC issuer, sorted: the issuer's IAM
    /// identity provider as the federated principal, and `StringEquals` on the token's audience
    /// (`sts.amazonaws.com`) and subject (`system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT`).
    func webIdentityStatements(account: String) -> [IAMStatement] {
        var subjects: [String: Set<String>] = [:]
        for case .kubernetes(let issuer, let namespace, let serviceAccount) in assumedBy {
            subjects[issuer, default: []].insert("system:serviceaccount:\(namespace):\(serviceAccount)")
        }
        return subjects.keys.sorted().enumerated().map { i, issuer in
            IAMStatement(
                sid: i == 0 ? "AssumeRoleWithWebIdentity" : "AssumeRoleWithWebIdentity\(i + 1)",
                actions: ["sts:AssumeRoleWithWebIdentity"],
                principals: [.init(type: "Federated", identifiers: [.init("arn:aws:iam::\(account):oidc-provider/\(issuer)")])],
                conditions: [
                    .init("StringEquals", "\(issuer):aud", ["sts.amazonaws.com"]),
                    .init("StringEquals", "\(issuer):sub", (subjects[issuer] ?? []).sorted().map { TypedValue<String>($0) }),
                ])
        }
    }
}

/// AWS services that can assume a role.
public struct AWSService: Sendable, Equatable {
    /// The service principals, such as `glue.amazonaws.com`.
    public var principals: [String]

    public init(_ principals: String...) { self.principals = principals }

    public static let glue = AWSService("glue.amazonaws.com")
    public static let lambda = AWSService("lambda.amazonaws.com")
    public static let ecsTasks = AWSService("ecs-tasks.amazonaws.com")
    public static let ec2 = AWSService("ec2.amazonaws.com")
    public static let emrServerless = AWSService("emr-serverless.amazonaws.com")
    public static let redshift = AWSService("redshift.amazonaws.com")
    public static let stepFunctions = AWSService("states.amazonaws.com")
    /// Amazon MWAA (managed Airflow) execution roles.
    public static let airflow = AWSService("airflow.amazonaws.com", "airflow-env.amazonaws.com")
}

/// A grant inside a ``Role``: an intent on a named target, or explicit actions on explicit resources.
public struct Allow: Sendable {
    enum Grant: Sendable {
        case intent(AccessIntent, target: String)
        case explicit(actions: [String], resources: [String])
    }

    let grant: Grant
    public let location: SourceLocation

    /// `Allow(.read, on: "raw-events")`: the least privilege the intent needs on that construct.
    public init(_ intent: AccessIntent, on target: String, file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line) {
        self.grant = .intent(intent, target: target)
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    /// Explicit IAM actions on explicit ARNs; the only way to write `*`, so policy can see it.
    public init(actions: [String], on resources: [String], file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line) {
        self.grant = .explicit(actions: actions, resources: resources)
        self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
    }

    func validate() -> [Diagnostic] {
        guard case .explicit(let actions, let resources) = grant else { return [] }
        var out: [Diagnostic] = []
        if actions.isEmpty { out.append(.error("Allow(actions:on:) needs at least one action", at: location)) }
        if resources.isEmpty { out.append(.error("Allow(actions:on:) needs at least one resource ARN (write \"*\" explicitly if you mean it)", at: location)) }
        for action in actions where action != "*" && !Self.isAction(action) {
            out.append(.error("'\(action)' is not an IAM action (service:Action, such as s3:GetObject)", at: location))
        }
        return out
    }

    static func isAction(_ s: String) -> Bool {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && parts[0].allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    func statements(context: inout SynthesisContext) -> [IAMStatement] {
        switch grant {
        case .explicit(let actions, let resources):
            let sid = "Explicit\(location.line)"
            return [IAMStatement(sid: sid, actions: actions, resources: resources.map { TypedValue<String>($0) })]
        case .intent(let intent, let target):
            guard let construct = context.construct(named: target) else {
                if let engine = target.split(separator: "/").first, context.construct(named: String(engine)) is Vault.KVEngine {
                    context.error("cannot grant .\(intent.rawValue) on vault secret '\(target)': AWS roles cannot be granted Vault secrets: grant it in a Vault.Principal", at: location)
                    return []
                }
                context.error(unknownTarget(target, expected: nil, context: context), at: location)
                return []
            }
            guard let accessTarget = construct.accessTarget, accessTarget.supportedIntents.contains(intent) else {
                let supported = construct.accessTarget?.supportedIntents.map { ".\($0.rawValue)" } ?? []
                let hint = construct is any SnowflakeGrantTarget ? "AWS roles cannot be granted Snowflake objects: grant it in a Snowflake.Role"
                    : construct is any GCPGrantTarget ? "AWS roles cannot be granted Google Cloud resources: grant it in a GCPServiceAccount"
                    : construct is Vault.KVEngine ? "AWS roles cannot be granted Vault secrets: grant it in a Vault.Principal"
                    : supported.isEmpty ? "it cannot be granted" : "use \(supported.joined(separator: " or "))"
                context.error("cannot grant .\(intent.rawValue) on \(construct.kind) '\(target)': \(hint)", at: location)
                return []
            }
            return accessTarget.iamStatements(for: intent, context: context)
        }
    }
}

extension Array where Element == Allow {
    /// The IAM statements of every grant, after `base`: a grant written twice adds nothing, and a
    /// statement id already taken gets a number (`ReadRawEvents2`). Shared by ``Role`` and the
    /// other constructs that own an IAM role (``Airflow``'s execution role).
    func iamStatements(after base: [IAMStatement] = [], context: inout SynthesisContext) -> [IAMStatement] {
        // A role has a few statements: searching them is cheaper than hashing every id into a set.
        var statements = base
        for grant in self {
            for var statement in grant.statements(context: &context) {
                if statements.contains(statement) { continue }  // the same grant written twice
                let stem = statement.sid
                var i = 2
                while statements.contains(where: { $0.sid == statement.sid }) {
                    statement.sid = "\(stem)\(i)"
                    i += 1
                }
                statements.append(statement)
            }
        }
        return statements
    }

    /// An error for each explicit `Allow(actions:on:)`: only AWS roles take IAM statements.
    /// `message` says what the principal takes instead.
    func explicitGrantErrors(_ message: String) -> [Diagnostic] {
        compactMap { grant in
            if case .explicit = grant.grant { return .error(message, at: grant.location) }
            return nil
        }
    }
}

func unknownTarget(_ name: String, expected: String?, context: SynthesisContext) -> String {
    var message = "no \(expected ?? "construct") named '\(name)' in platform '\(context.platformName)'"
    let close = context.suggestions(for: name)
    if !close.isEmpty { message += "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?" }
    return message
}

/// Builds a role's body: its ``Allow`` grants.
@resultBuilder
public enum RoleBuilder {
    public static func buildExpression(_ allow: Allow) -> [Allow] { [allow] }
    public static func buildBlock(_ parts: [Allow]...) -> [Allow] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Allow]?) -> [Allow] { part ?? [] }
    public static func buildEither(first: [Allow]) -> [Allow] { first }
    public static func buildEither(second: [Allow]) -> [Allow] { second }
    public static func buildArray(_ parts: [[Allow]]) -> [Allow] { parts.flatMap { $0 } }
}

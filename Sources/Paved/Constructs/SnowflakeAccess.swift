extension Snowflake {
    /// A functional account role, granted access through intents (a database's access roles are
    /// database roles granted to it), and rolled up to `SYSADMIN` so administrators keep control of
    /// what it creates.
    ///
    /// ```swift
    /// Snowflake.Role("transformer") {
    ///     Allow(.read, on: "raw")            // the database role "<DB>"."READ"
    ///     Allow(.write, on: "analytics")     // the database role "<DB>"."WRITE"
    ///     Allow(.use, on: "transform")       // USAGE on the warehouse
    ///     Allow(.own, on: "analytics")       // the database role "<DB>"."OWN" (DDL)
    /// }
    /// ```
    public struct Role: Construct {
        public var kind: String { "snowflake role" }
        public var name: String
        public var description: String?
        public var metadata: Metadata
        public var grants: [Allow]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, description: String? = nil, owner: String? = nil, team: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
            @RoleBuilder _ grants: () -> [Allow] = { [] }
        ) {
            self.name = name
            self.description = description
            self.metadata = Metadata(owner: owner, team: team)
            self.grants = grants()
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            out += grants.explicitGrantErrors(
                "Allow(actions:on:) writes IAM statements, which Snowflake roles do not have: use Allow(.read, on: \"database\"), .write, .own or .use")
            return out
        }

        var resourceName: String { Identifier.sanitize(name) }
        var roleRef: SnowflakeAccountRole.Ref { SnowflakeAccountRole.Ref(resourceName) }

        public func lower(into context: inout SynthesisContext) {
            let n = resourceName
            let role = context.add(n, SnowflakeAccountRole(
                comment: .init(context.snowflakeComment(description ?? "Functional role \(name)", metadata: metadata, construct: self)),
                name: .init(context.snowflakeIdentifier(name))
            ), for: self, untaggedWith: metadata)
            context.add("\(n)_to_sysadmin", SnowflakeGrantAccountRole(parentRoleName: "SYSADMIN", roleName: role.name), for: self, part: "grants")

            var done: Set<String> = []
            for grant in grants {
                guard case .intent(let intent, let targetName) = grant.grant else { continue }
                if let (databaseName, schemaName) = Snowflake.Database.schemaTarget(targetName) {
                    guard let database = context.construct(named: databaseName) as? Snowflake.Database else {
                        context.error(unknownTarget(databaseName, expected: "snowflake database", context: context), at: grant.location)
                        continue
                    }
                    guard database.schemas.contains(where: { $0.name == schemaName }) else {
                        let close = database.schemas.map(\.name).filter { EditDistance.distance($0, schemaName, limit: max(2, schemaName.count / 3)) != nil }
                        let hint = close.isEmpty ? "" : "; did you mean " + close.map { "'\(databaseName)/\($0)'" }.joined(separator: " or ") + "?"
                        context.error("snowflake database '\(databaseName)' has no schema '\(schemaName)'\(hint)", at: grant.location)
                        continue
                    }
                    guard intent == .read || intent == .write else {
                        context.error("cannot grant .\(intent.rawValue) on schema '\(targetName)' to snowflake role '\(name)': use .read or .write (or grant .own on the database)", at: grant.location)
                        continue
                    }
                    let grantName = "\(n)_\(intent.rawValue)_\(Identifier.sanitize(targetName))"
                    guard done.insert(grantName).inserted else { continue }
                    database.addSchemaGrant(intent, schema: schemaName, to: role.name, name: grantName, for: self, at: grant.location, context: &context)
                    continue
                }
                guard let construct = context.construct(named: targetName) else {
                    context.error(unknownTarget(targetName, expected: nil, context: context), at: grant.location)
                    continue
                }
                guard let target = construct as? any SnowflakeGrantTarget, target.snowflakeIntents.contains(intent) else {
                    let supported = (construct as? any SnowflakeGrantTarget)?.snowflakeIntents.map { ".\($0.rawValue)" } ?? []
                    let hint = supported.isEmpty
                        ? "a snowflake role can be granted access to snowflake databases and warehouses only"
                        : "use \(supported.joined(separator: " or "))"
                    context.error("cannot grant .\(intent.rawValue) on \(construct.kind) '\(targetName)' to snowflake role '\(name)': \(hint)", at: grant.location)
                    continue
                }
                let grantName = "\(n)_\(intent.rawValue)_\(Identifier.sanitize(targetName))"
                guard done.insert(grantName).inserted else { continue }  // the same grant written twice
                target.addSnowflakeGrant(intent, to: role.name, name: grantName, for: self, at: grant.location, context: &context)
            }
        }
    }

    /// A service user for a pipeline: key-pair authentication only (the public key comes from a
    /// Terraform variable, with a second, optional one for rotating keys; no password exists), a
    /// functional role as its only role, and a network policy that limits where it can log in from.
    ///
    /// ```swift
    /// Snowflake.ServiceUser("dbt", role: "transformer", warehouse: "transform", networkPolicy: "pipelines")
    /// ```
    public struct ServiceUser: Construct {
        public var kind: String { "snowflake service user" }
        public var name: String
        public var role: String
        public var warehouse: String?
        public var networkPolicy: String
        public var description: String?
        public var metadata: Metadata
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, role: String, warehouse: String? = nil, networkPolicy: String, description: String? = nil,
            owner: String? = nil, team: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) {
            self.name = name
            self.role = role
            self.warehouse = warehouse
            self.networkPolicy = networkPolicy
            self.description = description
            self.metadata = Metadata(owner: owner, team: team)
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        public func validate() -> [Diagnostic] {
            NameRule.check(name, kind: kind, at: location).map { [$0] } ?? []
        }

        /// The variable that holds the user's RSA public key.
        public var publicKeyVariable: String { "snowflake_\(Identifier.sanitize(name))_rsa_public_key" }
        /// The variable for a second key, set only while rotating keys (null otherwise).
        public var secondPublicKeyVariable: String { "snowflake_\(Identifier.sanitize(name))_rsa_public_key_2" }

        public func lower(into context: inout SynthesisContext) {
            let n = Identifier.sanitize(name)
            let role = lookUp(role, as: Snowflake.Role.self, expected: "snowflake role", context: &context)?.roleRef
            let warehouseRef = warehouse.flatMap {
                lookUp($0, as: Snowflake.Warehouse.self, expected: "snowflake warehouse", context: &context)?.warehouseRef
            }
            let policy = lookUp(networkPolicy, as: Snowflake.NetworkPolicy.self, expected: "snowflake network policy", context: &context)?.policyRef
            let variable = publicKeyVariable
            let key = context.declareVariable(Variable(
                variable, type: "string",
                description: "RSA public key of Snowflake service user \(name) (the base64 body of the PEM, without header lines); the private key stays with the workload",
                validations: [Variable.Validation(
                    condition: .raw("!strcontains(var.\(variable), \"PRIVATE\")"),
                    errorMessage: "This must be the public key; never put a private key in Terraform.")]))
            let second = secondPublicKeyVariable
            let key2 = context.declareVariable(Variable(
                second, type: "string", default: .null,
                description: "Second RSA public key of Snowflake service user \(name), set only while rotating keys (add the new key here, switch the workload to it, then move it to \(variable))",
                nullable: true,
                validations: [Variable.Validation(
                    condition: .raw("try(!strcontains(var.\(second), \"PRIVATE\"), true)"),  // true when null
                    errorMessage: "This must be a public key; never put a private key in Terraform.")]))
            let user = context.add(n, SnowflakeServiceUser(
                comment: .init(context.snowflakeComment(description ?? "Service user \(name)", metadata: metadata, construct: self)),
                defaultRole: role?.name, defaultSecondaryRolesOption: "NONE", defaultWarehouse: warehouseRef?.name,
                name: .init(context.snowflakeIdentifier(name)), networkPolicy: policy?.name, rsaPublicKey: key,
                rsaPublicKey2: key2
            ), for: self, untaggedWith: metadata)
            if let role {
                context.add("\(n)_\(role.terraformAddress.name)", SnowflakeGrantAccountRole(roleName: role.name, userName: user.name),
                            for: self, part: "grants")
            }
        }

        private func lookUp<T: Construct>(_ target: String, as type: T.Type, expected: String, context: inout SynthesisContext) -> T? {
            if let found = context.construct(named: target) as? T { return found }
            if let other = context.construct(named: target) {
                context.error("service user '\(name)': '\(target)' is a \(other.kind), not a \(expected)", at: location)
            } else {
                context.error(unknownTarget(target, expected: expected, context: context), at: location)
            }
            return nil
        }
    }

    /// A network policy: the only addresses its users may connect from.
    ///
    /// ```swift
    /// Snowflake.NetworkPolicy("pipelines", allowedIPs: ["203.0.113.0/24"])
    /// ```
    public struct NetworkPolicy: Construct {
        public var kind: String { "snowflake network policy" }
        public var name: String
        public var allowedIPs: [String]
        public var blockedIPs: [String]
        public var description: String?
        public var metadata: Metadata
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, allowedIPs: [String], blockedIPs: [String] = [], description: String? = nil, owner: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) {
            self.name = name
            self.allowedIPs = allowedIPs
            self.blockedIPs = blockedIPs
            self.description = description
            self.metadata = Metadata(owner: owner)
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            if allowedIPs.isEmpty {
                out.append(.error("network policy '\(name)' allows no address: list the networks its users connect from in allowedIPs", at: location))
            }
            for ip in allowedIPs + blockedIPs where !Self.isIPv4CIDR(ip) {
                out.append(.error("network policy '\(name)': '\(ip)' is not an IPv4 address or CIDR range (such as 203.0.113.0/24)", at: location))
            }
            for ip in allowedIPs where Self.isIPv4CIDR(ip) && (ip == "0.0.0.0" || ip.hasSuffix("/0")) {
                out.append(.error("network policy '\(name)' allows every address ('\(ip)'): list only your networks", at: location))
            }
            return out
        }

        static func isIPv4CIDR(_ s: String) -> Bool {
            let parts = s.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { return false }
            if parts.count == 2 {
                guard let prefix = Int(parts[1]), (0...32).contains(prefix), parts[1].allSatisfy(\.isNumber) else { return false }
            }
            let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
            return octets.count == 4 && octets.allSatisfy { o in
                !o.isEmpty && o.count <= 3 && o.allSatisfy { $0.isASCII && $0.isNumber } && (Int(o) ?? 256) <= 255
            }
        }

        var policyRef: SnowflakeNetworkPolicy.Ref { SnowflakeNetworkPolicy.Ref(Identifier.sanitize(name)) }

        public func lower(into context: inout SynthesisContext) {
            let unique = { (list: [String]) in Array(Set(list)).sorted() }
            context.add(Identifier.sanitize(name), SnowflakeNetworkPolicy(
                allowedIPList: TypedValue(unique(allowedIPs)),
                blockedIPList: blockedIPs.isEmpty ? nil : TypedValue(unique(blockedIPs)),
                comment: .init(context.snowflakeComment(description ?? "Network policy \(name)", metadata: metadata, construct: self)),
                name: .init(context.snowflakeIdentifier(name))
            ), for: self, untaggedWith: metadata)
        }
    }
}

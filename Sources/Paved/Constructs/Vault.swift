/// HashiCorp Vault: KV v2 secrets engines with declared secrets (never their values), and
/// principals that log in with AppRole or Kubernetes and read exactly the secrets they are granted.
///
/// ```swift
/// Vault.KVEngine("apps", description: "Application secrets") {
///     Vault.Secret("snowflake/etl-password", owner: "etl@acme.io")
/// }
/// Vault.Principal("etl-runner", login: .kubernetes(namespaces: ["dagster"], serviceAccounts: ["runner"])) {
///     Allow(.readSecret, on: "apps/snowflake/etl-password")
/// }
/// ```
/// Vault objects carry no tags: their metadata goes into the provenance comment (`untaggedWith:`),
/// and a secret's metadata also into its KV v2 `custom_metadata`.
public enum Vault {}

/// How stacks that use Vault configure the `vault` provider: the address (and, on Vault
/// Enterprise or HCP, the namespace) are input variables; the token comes from `VAULT_TOKEN` or
/// another of the provider's own login methods, never from this file.
public enum VaultProvider {
    public static let addressVariable = "vault_address"
    public static let namespaceVariable = "vault_namespace"

    static let variables: [Variable] = [
        Variable(addressVariable, type: "string", description: "Vault address (https://vault.example.com:8200)"),
        Variable(
            namespaceVariable, type: "string", default: .null,
            description: "Vault Enterprise or HCP namespace (such as admin/data); null for none or to use VAULT_NAMESPACE",
            nullable: true),
    ]
}

extension Vault {
    /// A KV version 2 secrets engine (`vault_mount` of type `kv`, `options.version = 2`) with its
    /// mount configuration (`vault_kv_secret_backend_v2`), and the secrets it holds.
    ///
    /// ```swift
    /// Vault.KVEngine("apps", description: "Application secrets", maxVersions: 10, deleteVersionAfter: .days(365)) {
    ///     Vault.Secret("snowflake/etl-password", owner: "etl@acme.io")
    ///     Vault.Secret("partner/api-key", maxVersions: 5)
    /// }
    /// ```
    /// The engine is mounted at `<platform>-<environment>-<name>` (`acme-data-prod-apps`).
    /// Check-and-set is required by default, so a writer cannot overwrite a version it has not seen.
    public struct KVEngine: Construct {
        public var kind: String { "vault kv engine" }
        public var name: String
        public var description: String?
        public var metadata: Metadata
        /// Versions kept per secret (`max_versions`); older ones are destroyed.
        public var maxVersions: Int
        /// New versions are deleted (soft) this long after they are written; nil keeps them.
        public var deleteVersionAfter: Interval?
        /// Every write must name the version it replaces (`cas_required`).
        public var casRequired: Bool
        public var secrets: [Secret]
        public var overrides: [EnvironmentName: Override] = [:]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        /// What one environment changes: how many versions are kept, and for how long.
        public struct Override: Sendable {
            public var maxVersions: Int?
            public var deleteVersionAfter: Interval?
            public var location: SourceLocation
        }

        /// Keeps fewer versions, or for a shorter time, in one environment (dev, say).
        ///
        /// ```swift
        /// Vault.KVEngine("apps", maxVersions: 20, deleteVersionAfter: .days(365)) { … }
        ///     .overriding(in: .dev, maxVersions: 3, deleteVersionAfter: .days(30))
        /// ```
        public func overriding(
            in environment: EnvironmentName, maxVersions: Int? = nil, deleteVersionAfter: Interval? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) -> Self {
            var copy = self
            copy.overrides[environment] = Override(
                maxVersions: maxVersions, deleteVersionAfter: deleteVersionAfter,
                location: SourceLocation(fileID: file, filePath: filePath, line: line))
            return copy
        }

        /// The engine as it applies in `environment`: its override's settings in place.
        func resolved(in environment: EnvironmentName) -> KVEngine {
            guard let o = overrides[environment] else { return self }
            var copy = self
            copy.maxVersions = o.maxVersions ?? maxVersions
            copy.deleteVersionAfter = o.deleteVersionAfter ?? deleteVersionAfter
            return copy
        }

        public init(
            _ name: String, description: String? = nil, maxVersions: Int = 10, deleteVersionAfter: Interval? = nil,
            casRequired: Bool = true,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil, costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
            @VaultSecretsBuilder _ secrets: () -> [Secret] = { [] }
        ) {
            self.name = name
            self.description = description
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification ?? .restricted, costCenter: costCenter)
            self.maxVersions = maxVersions
            self.deleteVersionAfter = deleteVersionAfter
            self.casRequired = casRequired
            self.secrets = secrets()
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            let what = "vault kv engine '\(name)'"
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            out += Self.check(maxVersions: maxVersions, deleteVersionAfter: deleteVersionAfter, of: what, at: location)
            for environment in overrides.keys.sorted() {
                guard let o = overrides[environment] else { continue }
                let here = "\(what) in \(environment)"
                out += Self.check(maxVersions: o.maxVersions, deleteVersionAfter: o.deleteVersionAfter, of: here, at: o.location)
                // A shorter engine-wide deletion in this environment caps every secret's own.
                if let engineAfter = o.deleteVersionAfter, engineAfter.seconds >= 1 {
                    for secret in secrets {
                        if let after = secret.deleteVersionAfter, after > engineAfter {
                            out.append(.error(
                                "vault secret '\(name)/\(secret.path)' deleteVersionAfter \(after) is longer than its engine's \(engineAfter) in \(environment), which Vault applies instead",
                                at: o.location))
                        }
                    }
                }
            }
            var seen: [String: SourceLocation] = [:]
            for secret in secrets {
                out += secret.validate(in: self)
                if let first = seen[secret.path] {
                    out.append(.error("\(what) declares secret '\(secret.path)' twice; first at \(first)", at: secret.location))
                } else {
                    seen[secret.path] = secret.location
                }
            }
            return out
        }

        static func check(maxVersions: Int?, deleteVersionAfter: Interval?, of what: String, at location: SourceLocation) -> [Diagnostic] {
            var out: [Diagnostic] = []
            if let maxVersions, maxVersions < 1 {
                out.append(.error("\(what) maxVersions must be at least 1 (got \(maxVersions))", at: location))
            }
            if let after = deleteVersionAfter, after.seconds < 1 {
                out.append(.error("\(what) deleteVersionAfter must be positive (got \(after)); leave it nil to keep versions", at: location))
            }
            return out
        }

        var resourceName: String { Identifier.sanitize(name) }

        /// The mount path in `context`'s environment: `acme-data-prod-apps`.
        func mountPath(_ context: SynthesisContext) -> String { context.physicalName(name) }

        /// The declared secret at `path`, if any.
        func secret(at path: String) -> Secret? { secrets.first { $0.path == path } }

        public func lower(into context: inout SynthesisContext) {
            context.useProvider("vault")
            let engine = resolved(in: context.environment.name)
            let n = resourceName
            let mount = context.add(n, VaultMount(
                description: .init(description ?? "KV v2 secrets of \(context.platformName) (\(context.environment.name.rawValue)), managed by Paved"),
                options: ["version": "2"], path: .init(mountPath(context)), type: "kv"
            ), for: self, untaggedWith: metadata)
            context.add(n, VaultKvSecretBackendV2(
                casRequired: .init(casRequired), deleteVersionAfter: engine.deleteVersionAfter.map { .init($0.seconds) },
                maxVersions: .init(engine.maxVersions), mount: mount.path
            ), for: self, untaggedWith: metadata, part: "config")

            // Terraform local names: unique even when two paths sanitize alike (`a-b/c`, `a/b-c`).
            var used: Set<String> = []
            for secret in secrets {
                var local = "\(n)_\(Identifier.sanitize(secret.path))"
                var i = 2
                while used.contains(local) {
                    local = "\(n)_\(Identifier.sanitize(secret.path))_\(i)"
                    i += 1
                }
                used.insert(local)
                let secretMetadata = secret.metadata.inheriting(from: metadata)
                context.add(local, VaultGenericEndpoint(
                    dataJSON: TypedValue(expression: .jsonencode(secret.metadataDocument(
                        engine: engine, customMetadata: context.metadataStrings(secretMetadata)))),
                    disableDelete: true, disableRead: false, ignoreAbsentFields: true,
                    path: "\(mount.path)/metadata/\(secret.path)"
                ), for: self, untaggedWith: secretMetadata, at: secret.location, part: "secret/\(secret.path)")
            }
        }
    }

    /// A secret declared in a ``KVEngine``: its path and KV v2 metadata, never its value.
    ///
    /// Paved writes the secret's metadata (`<mount>/metadata/<path>`): `custom_metadata` with its
    /// owner, tier and classification, `max_versions`, `delete_version_after` and `cas_required`.
    /// Values are written out of band (`vault kv put -cas=0 -mount=<mount> <path> …`); nothing in
    /// the synthesized output is secret. Removing a secret from the platform does not delete it
    /// from Vault (`disable_delete`), because deleting metadata destroys every version.
    public struct Secret: Sendable, Equatable {
        public var path: String
        public var description: String?
        public var metadata: Metadata
        /// Overrides the engine's `maxVersions` for this secret.
        public var maxVersions: Int?
        /// Overrides the engine's `deleteVersionAfter` (at most the engine's, which Vault enforces).
        public var deleteVersionAfter: Interval?
        /// Requires check-and-set for this secret; nil follows the engine.
        public var casRequired: Bool?
        public var location: SourceLocation

        public init(
            _ path: String, description: String? = nil, maxVersions: Int? = nil, deleteVersionAfter: Interval? = nil, casRequired: Bool? = nil,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil, costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line
        ) {
            self.path = path
            self.description = description
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.maxVersions = maxVersions
            self.deleteVersionAfter = deleteVersionAfter
            self.casRequired = casRequired
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        func validate(in engine: KVEngine) -> [Diagnostic] {
            var out: [Diagnostic] = []
            let what = "vault secret '\(engine.name)/\(path)'"
            if let problem = VaultPath.problem(path) {
                out.append(.error("vault secret path '\(path)' in kv engine '\(engine.name)' is invalid: \(problem)", at: location))
            }
            if let maxVersions, maxVersions < 1 {
                out.append(.error("\(what) maxVersions must be at least 1 (got \(maxVersions))", at: location))
            }
            if let after = deleteVersionAfter {
                if after.seconds < 1 {
                    out.append(.error("\(what) deleteVersionAfter must be positive (got \(after))", at: location))
                } else if let engineAfter = engine.deleteVersionAfter, after > engineAfter {
                    out.append(.error(
                        "\(what) deleteVersionAfter \(after) is longer than its engine's \(engineAfter), which Vault applies instead",
                        at: location))
                }
            }
            if casRequired == false && engine.casRequired {
                out.append(.error(
                    "\(what) casRequired: false has no effect: kv engine '\(engine.name)' requires check-and-set for every secret",
                    at: location))
            }
            for (field, value) in [("description", description), ("owner", metadata.owner), ("team", metadata.team), ("costCenter", metadata.costCenter)] {
                if let value, value.utf8.count > 512 {
                    out.append(.error("\(what) \(field) is \(value.utf8.count) bytes; Vault custom metadata values hold at most 512", at: location))
                }
            }
            return out
        }

        /// The body written to `<mount>/metadata/<path>`.
        func metadataDocument(engine: KVEngine, customMetadata: [String: String]) -> Value {
            var custom = customMetadata
            if let description { custom["description"] = description }
            return .object([
                "max_versions": .int(maxVersions ?? engine.maxVersions),
                "cas_required": .bool(casRequired ?? engine.casRequired),
                "delete_version_after": .string(VaultPath.goDuration(deleteVersionAfter ?? engine.deleteVersionAfter ?? .seconds(0))),
                "custom_metadata": .object(Members(custom.lazy.map { ($0.key, Value.string($0.value)) })),
            ])
        }
    }

    /// A workload that logs in to Vault (AppRole, Kubernetes, or both) and reads the secrets it is
    /// granted: one `vault_policy` with one rule per secret, attached to each login role.
    ///
    /// ```swift
    /// Vault.Principal("etl-runner", login: .appRole(secretIDTTL: .days(7)), .kubernetes(namespaces: ["dagster"], serviceAccounts: ["runner"])) {
    ///     Allow(.readSecret, on: "apps/snowflake/etl-password")
    /// }
    /// ```
    /// `Allow(.readSecret, on: "ENGINE/PATH")` lowers to exactly
    /// `path "<mount>/data/<path>" { capabilities = ["read"] }`. Wildcards are refused; to grant
    /// every secret below a prefix, write ``AllowEverySecret`` so reviewers see it.
    public struct Principal: Construct {
        public var kind: String { "vault principal" }
        public var name: String
        public var metadata: Metadata
        public var logins: [Login]
        public var grants: [Grant]
        public var location: SourceLocation
        public var waivers: [Waiver] = []

        public init(
            _ name: String, login: Login...,
            owner: String? = nil, team: String? = nil, tier: Tier? = nil, classification: Classification? = nil, costCenter: String? = nil,
            file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line,
            @VaultGrantBuilder _ grants: () -> [Grant] = { [] }
        ) {
            self.name = name
            self.metadata = Metadata(owner: owner, team: team, tier: tier, classification: classification, costCenter: costCenter)
            self.logins = login
            self.grants = grants()
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }

        /// One entry of a principal's body: an ``Allow`` or an ``AllowEverySecret``.
        public enum Grant: Sendable {
            case allow(Allow)
            case everySecret(AllowEverySecret)

            var location: SourceLocation {
                switch self {
                case .allow(let a): a.location
                case .everySecret(let e): e.location
                }
            }
        }

        public func validate() -> [Diagnostic] {
            var out: [Diagnostic] = []
            let what = "vault principal '\(name)'"
            if let d = NameRule.check(name, kind: kind, at: location) { out.append(d) }
            if logins.isEmpty {
                out.append(.error(
                    "\(what) has no login: add login: .appRole() or .kubernetes(namespaces: [\"ns\"], serviceAccounts: [\"sa\"])", at: location))
            }
            if logins.filter({ $0.isAppRole }).count > 1 {
                out.append(.error("\(what) lists .appRole more than once; a principal has one AppRole role", at: location))
            }
            if logins.filter({ !$0.isAppRole }).count > 1 {
                out.append(.error("\(what) lists .kubernetes more than once; put every namespace and service account in one", at: location))
            }
            for login in logins { out += login.validate(what, at: location) }
            if grants.isEmpty {
                out.append(.error("\(what) has no grants: add Allow(.readSecret, on: \"engine/path\")", at: location))
            }
            var allows: [Allow] = []
            for case .allow(let allow) in grants { allows.append(allow) }
            out += allows.explicitGrantErrors(
                "Allow(actions:on:) writes IAM statements for AWS: a vault principal takes Allow(.readSecret, on: \"engine/path\")")
            for case .everySecret(let e) in grants {
                if e.intent != .readSecret {
                    out.append(.error("AllowEverySecret(.\(e.intent.rawValue), under: \"\(e.prefix)\"): vault secrets take .readSecret", at: e.location))
                }
            }
            return out
        }

        var resourceName: String { Identifier.sanitize(name) }

        /// The policy's rules: capabilities by path, resolved against the platform's engines.
        func rules(context: inout SynthesisContext) -> [String: [String]] {
            var rules: [String: [String]] = [:]
            let engines = context.constructs(of: KVEngine.self)
            for grant in grants {
                switch grant {
                case .allow(let allow):
                    guard case .intent(let intent, let target) = allow.grant else { continue }
                    if target.contains("*") || target.contains("+") {
                        let prefix = target.split(separator: "/").prefix { !$0.contains("*") && !$0.contains("+") }.joined(separator: "/")
                        context.error(
                            "Allow(.\(intent.rawValue), on: \"\(target)\") is a wildcard path: name each secret, or write Vault.AllowEverySecret(.readSecret, under: \"\(prefix.isEmpty ? "engine" : prefix)\") to grant every secret below a prefix",
                            at: allow.location)
                        continue
                    }
                    guard let (engine, path) = resolve(target, intent: intent, engines: engines, at: allow.location, context: &context) else { continue }
                    guard let path else {
                        context.error(
                            "Allow(.\(intent.rawValue), on: \"\(target)\") names kv engine '\(engine.name)', not a secret: write \"\(engine.name)/PATH\", or Vault.AllowEverySecret(.readSecret, under: \"\(engine.name)\") for all of it",
                            at: allow.location)
                        continue
                    }
                    guard intent == .readSecret else {
                        context.error("cannot grant .\(intent.rawValue) on vault secret '\(target)': use .readSecret", at: allow.location)
                        continue
                    }
                    guard engine.secret(at: path) != nil else {
                        var message = "kv engine '\(engine.name)' declares no secret '\(path)'"
                        let close = Set(engine.secrets.map(\.path)).filter { EditDistance.distance($0, path, limit: max(2, path.count / 3)) != nil }.sorted()
                        if !close.isEmpty { message += "; did you mean " + close.map { "'\(engine.name)/\($0)'" }.joined(separator: " or ") + "?" }
                        else { message += ": declare it with Vault.Secret(\"\(path)\") in the engine" }
                        context.error(message, at: allow.location)
                        continue
                    }
                    rules["\(engine.mountPath(context))/data/\(path)", default: []].append("read")
                case .everySecret(let every):
                    guard every.intent == .readSecret else { continue }  // reported by validate()
                    if let problem = VaultPath.problem(every.prefix) {
                        context.error("Vault.AllowEverySecret prefix '\(every.prefix)' is invalid: \(problem)", at: every.location)
                        continue
                    }
                    guard let (engine, path) = resolve(every.prefix, intent: every.intent, engines: engines, at: every.location, context: &context) else { continue }
                    let below = path.map { "\($0)/*" } ?? "*"
                    rules["\(engine.mountPath(context))/data/\(below)", default: []].append("read")
                }
            }
            return rules.mapValues { Array(Set($0)).sorted() }
        }

        /// The engine named by the first segment of `target`, and the rest of it (nil for the engine itself).
        private func resolve(
            _ target: String, intent: AccessIntent, engines: [KVEngine], at location: SourceLocation, context: inout SynthesisContext
        ) -> (KVEngine, String?)? {
            let parts = target.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let engineName = String(parts[0])
            let rest = parts.count > 1 ? String(parts[1]) : nil
            if let engine = engines.first(where: { $0.name == engineName }) { return (engine, rest) }
            if let other = context.construct(named: target) ?? context.construct(named: engineName) {
                context.error(
                    "cannot grant .\(intent.rawValue) on \(other.kind) '\(other.name)' to vault principal '\(name)': a vault principal can be granted secrets of a Vault.KVEngine only (\"engine/path\")",
                    at: location)
                return nil
            }
            var message = "no vault kv engine named '\(engineName)' in platform '\(context.platformName)'"
            let close = engines.map(\.name).filter { EditDistance.distance($0, engineName, limit: max(2, engineName.count / 3)) != nil }.sorted()
            if !close.isEmpty { message += "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?" }
            context.error(message, at: location)
            return nil
        }

        /// The policy text: one rule per path, sorted, in Vault's HCL.
        static func policyText(_ rules: [String: [String]]) -> String {
            rules.keys.sorted().map { path in
                let capabilities = (rules[path] ?? []).map { "\"\($0)\"" }.joined(separator: ", ")
                return "path \"\(path)\" {\n  capabilities = [\(capabilities)]\n}\n"
            }.joined(separator: "\n")
        }

        public func lower(into context: inout SynthesisContext) {
            context.useProvider("vault")
            let n = resourceName
            let rules = rules(context: &context)
            guard !rules.isEmpty else { return }  // every grant was reported
            let physical = context.physicalName(name)
            let policy = context.add(n, VaultPolicy(name: .init(physical), policy: .init(Self.policyText(rules))),
                                     for: self, untaggedWith: metadata, part: "policy")
            let policies = TypedValue<Set<String>>([policy.name])
            for login in logins {
                let cidrs = { (list: [String]) in list.isEmpty ? nil : TypedValue<Set<String>>(Array(Set(list)).sorted()) }
                switch login.method {
                case .appRole(let secretIDTTL, let secretIDBoundCIDRs):
                    context.add(n, VaultApproleAuthBackendRole(
                        backend: .init(login.backend), roleName: .init(physical), secretIDBoundCidrs: cidrs(secretIDBoundCIDRs),
                        secretIDTTL: .init(secretIDTTL.seconds), tokenBoundCidrs: cidrs(login.tokenBoundCIDRs),
                        tokenMaxTTL: .init(login.tokenMaxTTL.seconds), tokenPolicies: policies, tokenTTL: .init(login.tokenTTL.seconds)
                    ), for: self, untaggedWith: metadata, part: "approle")
                case .kubernetes(let namespaces, let serviceAccounts, let audience):
                    context.add(n, VaultKubernetesAuthBackendRole(
                        audience: audience.map { .init($0) }, backend: .init(login.backend),
                        boundServiceAccountNames: .init(Array(Set(serviceAccounts)).sorted()),
                        boundServiceAccountNamespaces: .init(Array(Set(namespaces)).sorted()),
                        roleName: .init(physical), tokenBoundCidrs: cidrs(login.tokenBoundCIDRs),
                        tokenMaxTTL: .init(login.tokenMaxTTL.seconds), tokenPolicies: policies, tokenTTL: .init(login.tokenTTL.seconds)
                    ), for: self, untaggedWith: metadata, part: "kubernetes")
                }
            }
        }
    }

    /// How a ``Principal`` logs in: an AppRole role or a Kubernetes auth role, on an auth method
    /// that is already mounted (at `approle` / `kubernetes` unless `backend` says otherwise).
    public struct Login: Sendable, Equatable {
        enum Method: Sendable, Equatable {
            case appRole(secretIDTTL: Interval, secretIDBoundCIDRs: [String])
            case kubernetes(namespaces: [String], serviceAccounts: [String], audience: String?)
        }

        var method: Method
        var backend: String
        var tokenTTL: Interval
        var tokenMaxTTL: Interval
        var tokenBoundCIDRs: [String]

        var isAppRole: Bool { if case .appRole = method { true } else { false } }

        /// An AppRole role: secret IDs expire after `secretIDTTL` (at most 30 days), tokens after
        /// `tokenTTL`, renewable up to `tokenMaxTTL` (at most 24 hours). CIDR lists pin where secret
        /// IDs may be used to log in and where tokens may be used.
        public static func appRole(
            backend: String = "approle", secretIDTTL: Interval = .days(7), tokenTTL: Interval = .hours(1), tokenMaxTTL: Interval = .hours(4),
            secretIDBoundCIDRs: [String] = [], tokenBoundCIDRs: [String] = []
        ) -> Login {
            Login(
                method: .appRole(secretIDTTL: secretIDTTL, secretIDBoundCIDRs: secretIDBoundCIDRs), backend: backend,
                tokenTTL: tokenTTL, tokenMaxTTL: tokenMaxTTL, tokenBoundCIDRs: tokenBoundCIDRs)
        }

        /// A Kubernetes auth role for pods running as one of `serviceAccounts` in one of `namespaces`
        /// (no wildcards). `audience`, when set, must match the audience of the pod's projected token.
        public static func kubernetes(
            backend: String = "kubernetes", namespaces: [String], serviceAccounts: [String], audience: String? = nil,
            tokenTTL: Interval = .hours(1), tokenMaxTTL: Interval = .hours(4), tokenBoundCIDRs: [String] = []
        ) -> Login {
            Login(
                method: .kubernetes(namespaces: namespaces, serviceAccounts: serviceAccounts, audience: audience), backend: backend,
                tokenTTL: tokenTTL, tokenMaxTTL: tokenMaxTTL, tokenBoundCIDRs: tokenBoundCIDRs)
        }

        func validate(_ what: String, at location: SourceLocation) -> [Diagnostic] {
            var out: [Diagnostic] = []
            let label = isAppRole ? ".appRole" : ".kubernetes"
            if let problem = VaultPath.problem(backend) {
                out.append(.error("\(what) \(label) backend '\(backend)' is not an auth mount path: \(problem)", at: location))
            }
            if tokenMaxTTL.seconds < 1 || tokenMaxTTL.seconds > 86_400 {
                out.append(.error("\(what) \(label) tokenMaxTTL must be 1 second to 24 hours (got \(tokenMaxTTL))", at: location))
            }
            if tokenTTL.seconds < 1 || tokenTTL > tokenMaxTTL {
                out.append(.error("\(what) \(label) tokenTTL must be positive and at most tokenMaxTTL \(tokenMaxTTL) (got \(tokenTTL))", at: location))
            }
            for cidr in tokenBoundCIDRs where !CIDR.isValid(cidr) {
                out.append(.error("\(what) \(label) tokenBoundCIDRs entry '\(cidr)' is not a CIDR block (such as 10.0.0.0/16)", at: location))
            }
            switch method {
            case .appRole(let secretIDTTL, let secretIDBoundCIDRs):
                if secretIDTTL.seconds < 1 || secretIDTTL > .days(30) {
                    out.append(.error("\(what) .appRole secretIDTTL must be 1 second to 30 days (got \(secretIDTTL))", at: location))
                }
                for cidr in secretIDBoundCIDRs where !CIDR.isValid(cidr) {
                    out.append(.error("\(what) .appRole secretIDBoundCIDRs entry '\(cidr)' is not a CIDR block (such as 10.0.0.0/16)", at: location))
                }
            case .kubernetes(let namespaces, let serviceAccounts, let audience):
                if namespaces.isEmpty {
                    out.append(.error("\(what) .kubernetes needs at least one namespace", at: location))
                }
                if serviceAccounts.isEmpty {
                    out.append(.error("\(what) .kubernetes needs at least one service account", at: location))
                }
                for namespace in namespaces where !KubernetesName.isLabel(namespace) {
                    out.append(.error("\(what) .kubernetes namespace '\(namespace)' \(KubernetesName.labelRule)", at: location))
                }
                for account in serviceAccounts where !KubernetesName.isSubdomain(account) {
                    out.append(.error("\(what) .kubernetes service account '\(account)' \(KubernetesName.subdomainRule)", at: location))
                }
                if let audience, audience.isEmpty || audience.contains(where: \.isWhitespace) {
                    out.append(.error("\(what) .kubernetes audience '\(audience)' must be non-empty, without spaces", at: location))
                }
            }
            return out
        }
    }

    /// The explicit escape for a prefix: every secret below `prefix` (`ENGINE` or `ENGINE/PATH`),
    /// including ones declared later. Lowers to `path "<mount>/data/<path>/*"`.
    ///
    /// ```swift
    /// Vault.AllowEverySecret(.readSecret, under: "apps/partner")
    /// ```
    public struct AllowEverySecret: Sendable {
        public let intent: AccessIntent
        public let prefix: String
        public let location: SourceLocation

        public init(_ intent: AccessIntent, under prefix: String, file: StaticString = #fileID, filePath: StaticString = #filePath, line: UInt = #line) {
            self.intent = intent
            self.prefix = prefix
            self.location = SourceLocation(fileID: file, filePath: filePath, line: line)
        }
    }
}

/// Builds a ``Vault/KVEngine``'s secrets.
@resultBuilder
public enum VaultSecretsBuilder {
    public static func buildExpression(_ secret: Vault.Secret) -> [Vault.Secret] { [secret] }
    public static func buildBlock(_ parts: [Vault.Secret]...) -> [Vault.Secret] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Vault.Secret]?) -> [Vault.Secret] { part ?? [] }
    public static func buildEither(first: [Vault.Secret]) -> [Vault.Secret] { first }
    public static func buildEither(second: [Vault.Secret]) -> [Vault.Secret] { second }
    public static func buildArray(_ parts: [[Vault.Secret]]) -> [Vault.Secret] { parts.flatMap { $0 } }
}

/// Builds a ``Vault/Principal``'s grants: ``Allow`` and ``Vault/AllowEverySecret``.
@resultBuilder
public enum VaultGrantBuilder {
    public static func buildExpression(_ allow: Allow) -> [Vault.Principal.Grant] { [.allow(allow)] }
    public static func buildExpression(_ every: Vault.AllowEverySecret) -> [Vault.Principal.Grant] { [.everySecret(every)] }
    public static func buildBlock(_ parts: [Vault.Principal.Grant]...) -> [Vault.Principal.Grant] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Vault.Principal.Grant]?) -> [Vault.Principal.Grant] { part ?? [] }
    public static func buildEither(first: [Vault.Principal.Grant]) -> [Vault.Principal.Grant] { first }
    public static func buildEither(second: [Vault.Principal.Grant]) -> [Vault.Principal.Grant] { second }
    public static func buildArray(_ parts: [[Vault.Principal.Grant]]) -> [Vault.Principal.Grant] { parts.flatMap { $0 } }
}

/// Rules for Vault paths Paved writes into policies and endpoints.
enum VaultPath {
    /// Why `path` is not a safe Vault path, or nil: segments of lowercase letters, digits, `-` and
    /// `_`, each starting with a letter or digit, separated by single `/`; no glob characters.
    static func problem(_ path: String) -> String? {
        if path.contains("*") || path.contains("+") {
            return "'*' and '+' are policy wildcards; name the path exactly"
        }
        if path.isEmpty { return "it is empty" }
        if path.utf8.count > 256 { return "it is \(path.utf8.count) characters; use at most 256" }
        if path.hasPrefix("/") || path.hasSuffix("/") { return "it starts or ends with '/'" }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { return "it has an empty segment ('//')" }
            guard let first = segment.first, first.isASCII, first.isLowercase || first.isNumber else {
                return "segment '\(segment)' must start with a lowercase letter or digit"
            }
            if !segment.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }) {
                return "segment '\(segment)' may use only lowercase letters, digits, '-' and '_'"
            }
        }
        return nil
    }

    /// `interval` as Go's `time.Duration` prints it (`0s`, `45s`, `30m0s`, `2160h0m0s`), the form
    /// Vault returns on read, so reads compare equal to what was written.
    static func goDuration(_ interval: Interval) -> String {
        let s = interval.seconds
        if s == 0 { return "0s" }
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(s % 60)s" }
        return "\(s / 3600)h\(s % 3600 / 60)m\(s % 60)s"
    }
}

/// CIDR blocks (`10.0.0.0/16`, `2001:db8::/32`).
enum CIDR {
    static func isValid(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = Int(parts[1]), parts[1].allSatisfy(\.isNumber) else { return false }
        let address = parts[0]
        if address.contains(":") {
            guard (0...128).contains(bits) else { return false }
            let groups = address.split(separator: ":", omittingEmptySubsequences: false)
            let compressed = address.contains("::")
            let chars = Array(address)
            let doubleColons = chars.indices.dropLast().filter { chars[$0] == ":" && chars[$0 + 1] == ":" }.count
            guard groups.count >= 3 || compressed, groups.count <= 8, doubleColons <= 1 else { return false }
            if !compressed && groups.count != 8 { return false }
            return groups.allSatisfy { g in g.count <= 4 && g.allSatisfy(\.isHexDigit) }
        }
        guard (0...32).contains(bits) else { return false }
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { o in
            !o.isEmpty && o.count <= 3 && o.allSatisfy(\.isNumber) && (Int(o) ?? 256) <= 255
        }
    }
}

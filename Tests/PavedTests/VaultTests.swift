import Foundation
import Paved
import PavedTesting
import Testing

/// Vault KV v2 engines, declared secrets (metadata only), principals with AppRole and Kubernetes
/// logins: goldens, exact policy text, metadata, provider configuration, schema validity, diagnostics.
@Suite struct VaultTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/golden/constructs")

    /// The least a team writes: an engine with one secret and a pod that reads it.
    static let minimal = Platform("vlt", owner: "data@acme.io", tier: .tier2) {
        Environment(.prod, backend: .local(path: "prod.tfstate"))
        Vault.KVEngine("apps") {
            Vault.Secret("snowflake/etl-password")
        }
        Vault.Principal("etl-runner", login: .kubernetes(namespaces: ["dagster"], serviceAccounts: ["runner"])) {
            Allow(.readSecret, on: "apps/snowflake/etl-password")
        }
    }

    static let full = Platform(
        "acme-data", owner: "data-platform@acme.io", team: "data-platform", tier: .tier2, costCenter: "cc-4100"
    ) {
        Environment(.dev, backend: .local(path: "dev.tfstate"))
        Environment(.prod, backend: .local(path: "prod.tfstate"))
        Vault.KVEngine(
            "apps", description: "Application secrets", maxVersions: 20, deleteVersionAfter: .days(365),
            owner: "security@acme.io", tier: .tier1
        ) {
            Vault.Secret("snowflake/etl-password", description: "Password of the ETL service user", owner: "etl@acme.io")
            Vault.Secret("partner/api-key", maxVersions: 5, deleteVersionAfter: .days(90), classification: .confidential)
            Vault.Secret("partner/webhook-token")
        }
        Vault.KVEngine("ci", casRequired: false, tier: .tier3) {
            Vault.Secret("github/deploy-key", casRequired: true)
        }
        Vault.Principal(
            "etl-runner",
            login: .appRole(
                secretIDTTL: .days(30), tokenTTL: .minutes(30), tokenMaxTTL: .hours(24),
                secretIDBoundCIDRs: ["10.20.0.0/16", "10.10.0.0/16"], tokenBoundCIDRs: ["10.20.0.0/16"]),
            .kubernetes(backend: "eks-prod", namespaces: ["dagster"], serviceAccounts: ["sensor", "runner"], audience: "vault"),
            owner: "etl@acme.io"
        ) {
            Allow(.readSecret, on: "ci/github/deploy-key")
            Allow(.readSecret, on: "apps/snowflake/etl-password")
            Allow(.readSecret, on: "apps/snowflake/etl-password")
        }
        Vault.Principal("partner-sync", login: .appRole()) {
            Vault.AllowEverySecret(.readSecret, under: "apps/partner")
        }
    }

    static func resource(_ config: Configuration, _ type: String, _ name: String) -> Resource? {
        config.resources.first { $0.address == ResourceAddress.resource(type, name) }
    }

    @Test(arguments: [("minimal", "prod"), ("full", "dev"), ("full", "prod")])
    func matchesGolden(_ platform: String, _ env: String) throws {
        let rendered = PavedTesting.render(platform == "minimal" ? Self.minimal : Self.full)
        let text = try #require(rendered.files["\(env)/main.tf.json"])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent("vault-\(platform)-\(env).tf.json"))
    }

    @Test func synthesizesWithoutDiagnostics() {
        #expect(PavedTesting.diagnostics(of: Self.minimal) == [])
        #expect(PavedTesting.diagnostics(of: Self.full) == [])
    }

    /// One rule per granted secret on its KV v2 data path, read only, sorted; nothing on metadata,
    /// no `*` unless written with AllowEverySecret.
    @Test func policiesAreExactAndLeastPrivilege() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let etl = try #require(Self.resource(config, "vault_policy", "etl_runner"))
        #expect(etl.arguments["name"]?.renderedJSON == "acme-data-prod-etl-runner")
        #expect(etl.arguments["policy"]?.renderedJSON.stringValue == """
            path "acme-data-prod-apps/data/snowflake/etl-password" {
              capabilities = ["read"]
            }

            path "acme-data-prod-ci/data/github/deploy-key" {
              capabilities = ["read"]
            }

            """)
        let partner = try #require(Self.resource(config, "vault_policy", "partner_sync"))
        #expect(partner.arguments["policy"]?.renderedJSON.stringValue == """
            path "acme-data-prod-apps/data/partner/*" {
              capabilities = ["read"]
            }

            """)
        let minimal = try #require(PavedTesting.stack(Self.minimal, .prod))
        #expect(Self.resource(minimal, "vault_policy", "etl_runner")?.arguments["policy"]?.renderedJSON.stringValue == """
            path "vlt-prod-apps/data/snowflake/etl-password" {
              capabilities = ["read"]
            }

            """)
        // SEC-VAULT-001 (path "*") cannot match any policy Paved writes.
        for policy in config.resources.filter({ $0.address.type == "vault_policy" }) {
            let text = policy.arguments["policy"]?.renderedJSON.stringValue ?? ""
            #expect(!text.contains("path \"*\""))
            #expect(!text.contains("/metadata/"))
        }
    }

    /// The same grants in any order, written twice, give the same policy.
    @Test func policyIsDeterministic() throws {
        func policy(_ reversed: Bool) -> String? {
            let platform = Platform("vlt", owner: "o@acme.io", tier: .tier2) {
                Environment(.prod)
                Vault.KVEngine("apps") {
                    Vault.Secret("a")
                    Vault.Secret("b/c")
                }
                Vault.Principal("p", login: .appRole()) {
                    if reversed {
                        Allow(.readSecret, on: "apps/b/c")
                        Allow(.readSecret, on: "apps/a")
                        Allow(.readSecret, on: "apps/b/c")
                    } else {
                        Allow(.readSecret, on: "apps/a")
                        Allow(.readSecret, on: "apps/b/c")
                    }
                }
            }
            return PavedTesting.stack(platform, .prod).flatMap { Self.resource($0, "vault_policy", "p") }?
                .arguments["policy"]?.renderedJSON.stringValue
        }
        #expect(policy(false) != nil)
        #expect(policy(false) == policy(true))
        let first = PavedTesting.render(Self.full).files
        #expect(first == PavedTesting.render(Self.full).files)
    }

    /// The mount is KV version 2 with its description; the mount configuration requires check-and-set.
    @Test func engineMountAndConfiguration() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let mount = try #require(Self.resource(config, "vault_mount", "apps"))
        #expect(mount.arguments["path"]?.renderedJSON == "acme-data-prod-apps")
        #expect(mount.arguments["type"]?.renderedJSON == "kv")
        #expect(mount.arguments["options"]?.renderedJSON.objectValue == ["version": "2"])
        #expect(mount.arguments["description"]?.renderedJSON == "Application secrets")
        let kv = try #require(Self.resource(config, "vault_kv_secret_backend_v2", "apps"))
        #expect(kv.arguments["mount"]?.renderedJSON == "${vault_mount.apps.path}")
        #expect(kv.arguments["cas_required"]?.renderedJSON == .bool(true))
        #expect(kv.arguments["max_versions"]?.renderedJSON == .int(20))
        #expect(kv.arguments["delete_version_after"]?.renderedJSON == .int(31_536_000))
        let ci = try #require(Self.resource(config, "vault_kv_secret_backend_v2", "ci"))
        #expect(ci.arguments["cas_required"]?.renderedJSON == .bool(false))
        #expect(ci.arguments["max_versions"]?.renderedJSON == .int(10))
        #expect(ci.arguments["delete_version_after"] == nil)
        let minimal = try #require(PavedTesting.stack(Self.minimal, .prod))
        #expect(Self.resource(minimal, "vault_mount", "apps")?.arguments["description"]?.renderedJSON
            == "KV v2 secrets of vlt (prod), managed by Paved")
        #expect(Self.resource(minimal, "vault_kv_secret_backend_v2", "apps")?.arguments["cas_required"]?.renderedJSON == .bool(true))
    }

    /// Each secret writes its KV v2 metadata, never a value: custom metadata from Paved metadata,
    /// versions and check-and-set from the secret or its engine.
    @Test func secretsWriteMetadataOnly() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let etl = try #require(Self.resource(config, "vault_generic_endpoint", "apps_snowflake_etl_password"))
        #expect(etl.arguments["path"]?.renderedJSON == "${vault_mount.apps.path}/metadata/snowflake/etl-password")
        #expect(etl.arguments["disable_delete"]?.renderedJSON == .bool(true))
        #expect(etl.arguments["disable_read"]?.renderedJSON == .bool(false))
        #expect(etl.arguments["ignore_absent_fields"]?.renderedJSON == .bool(true))
        #expect(etl.arguments["data_json"] == .expression(.jsonencode(.object([
            "max_versions": .int(20), "cas_required": .bool(true), "delete_version_after": "8760h0m0s",
            "custom_metadata": .object([
                "description": "Password of the ETL service user", "owner": "etl@acme.io", "team": "data-platform", "tier": "tier1",
                "data_classification": "restricted", "cost_center": "cc-4100", "environment": "prod", "platform": "acme-data",
                "managed_by": "paved",
            ]),
        ]))))
        let key = try #require(Self.resource(config, "vault_generic_endpoint", "apps_partner_api_key"))
        #expect(key.arguments["data_json"] == .expression(.jsonencode(.object([
            "max_versions": .int(5), "cas_required": .bool(true), "delete_version_after": "2160h0m0s",
            "custom_metadata": .object([
                "owner": "security@acme.io", "team": "data-platform", "tier": "tier1", "data_classification": "confidential",
                "cost_center": "cc-4100", "environment": "prod", "platform": "acme-data", "managed_by": "paved",
            ]),
        ]))))
        let deploy = try #require(Self.resource(config, "vault_generic_endpoint", "ci_github_deploy_key"))
        #expect(deploy.arguments["path"]?.renderedJSON == "${vault_mount.ci.path}/metadata/github/deploy-key")
        guard case .expression(.call("jsonencode", let args)) = deploy.arguments["data_json"], case .object(let body)? = args.first else {
            Issue.record("data_json is not jsonencode(…)")
            return
        }
        #expect(body["cas_required"] == .bool(true))
        #expect(body["max_versions"] == .int(10))
        #expect(body["delete_version_after"] == "0s")
        // Nothing that writes a secret value: no KV data resources, no data path written.
        let text = try #require(PavedTesting.render(Self.full).files["prod/main.tf.json"])
        for word in ["vault_kv_secret_v2", "vault_generic_secret", "/data/snowflake\\\"", "data_json_wo", "\"token\""] {
            #expect(!text.contains(word), "\(word) in output")
        }
        #expect(!config.resources.contains { r in
            r.address.type == "vault_generic_endpoint" && !(r.arguments["path"]?.renderedJSON.stringValue ?? "").contains("/metadata/")
        })
    }

    /// The policy is attached to an AppRole role (expiring secret IDs and tokens) and a Kubernetes
    /// role (bound service accounts and namespaces, no wildcards).
    @Test func authRoles() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let approle = try #require(Self.resource(config, "vault_approle_auth_backend_role", "etl_runner"))
        let a = { (k: String) in approle.arguments[k]?.renderedJSON }
        #expect(a("backend") == "approle")
        #expect(a("role_name") == "acme-data-prod-etl-runner")
        #expect(a("token_policies") == .array(["${vault_policy.etl_runner.name}"]))
        #expect(a("secret_id_ttl") == .int(2_592_000))
        #expect(a("token_ttl") == .int(1800))
        #expect(a("token_max_ttl") == .int(86_400))
        #expect(a("secret_id_bound_cidrs") == .array(["10.10.0.0/16", "10.20.0.0/16"]))
        #expect(a("token_bound_cidrs") == .array(["10.20.0.0/16"]))
        let k8s = try #require(Self.resource(config, "vault_kubernetes_auth_backend_role", "etl_runner"))
        let k = { (key: String) in k8s.arguments[key]?.renderedJSON }
        #expect(k("backend") == "eks-prod")
        #expect(k("role_name") == "acme-data-prod-etl-runner")
        #expect(k("bound_service_account_names") == .array(["runner", "sensor"]))
        #expect(k("bound_service_account_namespaces") == .array(["dagster"]))
        #expect(k("token_policies") == .array(["${vault_policy.etl_runner.name}"]))
        #expect(k("audience") == "vault")
        #expect(k("token_ttl") == .int(3600))
        #expect(k("token_max_ttl") == .int(14_400))
        // Defaults: a week for secret IDs, an hour for tokens, four hours at most; no CIDR pinning.
        let partner = try #require(Self.resource(config, "vault_approle_auth_backend_role", "partner_sync"))
        #expect(partner.arguments["secret_id_ttl"]?.renderedJSON == .int(604_800))
        #expect(partner.arguments["token_ttl"]?.renderedJSON == .int(3600))
        #expect(partner.arguments["token_max_ttl"]?.renderedJSON == .int(14_400))
        #expect(partner.arguments["secret_id_bound_cidrs"] == nil)
        #expect(Self.resource(config, "vault_kubernetes_auth_backend_role", "partner_sync") == nil)
        // SEC-VAULT-003: secret_id_ttl in (0, 30 days], token_max_ttl in (0, 24 h] on every AppRole role.
        for role in config.resources.filter({ $0.address.type == "vault_approle_auth_backend_role" }) {
            let secretID = role.arguments["secret_id_ttl"]?.renderedJSON.numberValue ?? 0
            let maxTTL = role.arguments["token_max_ttl"]?.renderedJSON.numberValue ?? 0
            #expect(secretID > 0 && secretID <= 2_592_000 && maxTTL > 0 && maxTTL <= 86_400, "\(role.address)")
        }
    }

    /// The provider reads the address (and namespace) from variables; the token never appears.
    @Test func providerConfiguration() throws {
        let config = try #require(PavedTesting.stack(Self.minimal, .prod))
        let vault = try #require(config.providers.first { $0.name == "vault" })
        #expect(vault.arguments == [
            "address": .expression(.variable("vault_address")), "namespace": .expression(.variable("vault_namespace")),
        ])
        #expect(config.terraform.requiredProviders["vault"] == ProviderVersions.vault)
        #expect(config.variables.map(\.name) == ["vault_address", "vault_namespace"])
        #expect(config.variables.last?.defaultValue == .null)
        #expect(config.providers.map(\.name) == ["vault"])
    }

    /// Vault objects carry no tags: every one has its metadata in provenance, for GOV-META-001/002.
    @Test func metadataOnEveryVaultObject() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let vault = config.resources.filter { $0.address.type.hasPrefix("vault_") }
        #expect(vault.count == 13)
        for r in vault {
            let m = r.provenance?.metadata ?? [:]
            #expect(m["owner"] != nil && m["tier"] != nil && m["data_classification"] != nil, "\(r.address)")
            #expect(["tier1", "tier2", "tier3"].contains(m["tier"] ?? ""), "\(r.address)")
            #expect(["public", "internal", "confidential", "restricted"].contains(m["data_classification"] ?? ""), "\(r.address)")
        }
        #expect(Self.resource(config, "vault_mount", "apps")?.provenance?.metadata?["owner"] == "security@acme.io")
        #expect(Self.resource(config, "vault_mount", "ci")?.provenance?.metadata?["tier"] == "tier3")
        #expect(Self.resource(config, "vault_generic_endpoint", "apps_snowflake_etl_password")?.provenance?.metadata?["owner"] == "etl@acme.io")
        #expect(Self.resource(config, "vault_generic_endpoint", "apps_partner_api_key")?.provenance?.metadata?["data_classification"] == "confidential")
        #expect(Self.resource(config, "vault_policy", "etl_runner")?.provenance?.metadata?["owner"] == "etl@acme.io")
        // Each secret's metadata points at the line that declared it.
        #expect(Self.resource(config, "vault_generic_endpoint", "apps_partner_api_key")?.provenance?.constructPath == "acme-data/apps/secret/partner/api-key")
    }

    @Test(.enabled(if: SchemaValidityTests.hasSharedSchema("vault.json")))
    func validAgainstTheFullVaultSchema() throws {
        #expect(try SchemaValidityTests.sharedSchemaFindings("vault.json", [Self.minimal, Self.full]) == [])
    }

    @Test func invalidInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/VaultTests.swift"
        let line = #line
        let platform = Platform("vlt", owner: "o@acme.io") {
            Environment(.prod, aws: .account("123456789012", region: "eu-west-1"))
            Vault.KVEngine("apps", maxVersions: 0, deleteVersionAfter: .days(30)) {
                Vault.Secret("snowflake/etl-password")
                Vault.Secret("snowflake/etl-password")
                Vault.Secret("Partner/*", deleteVersionAfter: .days(60), casRequired: false)
                Vault.Secret("a//b", maxVersions: 0)
            }
            Vault.Principal(
                "etl-runner",
                login: .appRole(secretIDTTL: .days(31), tokenTTL: .hours(26), tokenMaxTTL: .hours(25), secretIDBoundCIDRs: ["10.0.0.0/33"]),
                .kubernetes(namespaces: ["Dagster"], serviceAccounts: ["*"]), .appRole()
            ) {
                Allow(.readSecret, on: "aps/snowflake/etl-password")
                Allow(.readSecret, on: "apps/snowflake/etl-pasword")
                Allow(.readSecret, on: "apps/snowflake/*")
                Allow(.read, on: "apps/snowflake/etl-password")
                Allow(.readSecret, on: "apps")
                Allow(actions: ["s3:GetObject"], on: ["*"])
                Vault.AllowEverySecret(.readSecret, under: "apps/snow*")
                Vault.AllowEverySecret(.read, under: "apps")
                Allow(.readSecret, on: "bucket")
            }
            Vault.Principal("idle")
            Bucket("bucket")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: vault kv engine 'apps' maxVersions must be at least 1 (got 0)",
            "\(file):\(line + 5): error: vault kv engine 'apps' declares secret 'snowflake/etl-password' twice; first at \(file):\(line + 4)",
            "\(file):\(line + 6): error: vault secret path 'Partner/*' in kv engine 'apps' is invalid: '*' and '+' are policy wildcards; name the path exactly",
            "\(file):\(line + 6): error: vault secret 'apps/Partner/*' deleteVersionAfter 60 days is longer than its engine's 30 days, which Vault applies instead",
            "\(file):\(line + 6): error: vault secret 'apps/Partner/*' casRequired: false has no effect: kv engine 'apps' requires check-and-set for every secret",
            "\(file):\(line + 7): error: vault secret path 'a//b' in kv engine 'apps' is invalid: it has an empty segment ('//')",
            "\(file):\(line + 7): error: vault secret 'apps/a//b' maxVersions must be at least 1 (got 0)",
            "\(file):\(line + 9): error: vault principal 'etl-runner' lists .appRole more than once; a principal has one AppRole role",
            "\(file):\(line + 9): error: vault principal 'etl-runner' .appRole tokenMaxTTL must be 1 second to 24 hours (got 25 hours)",
            "\(file):\(line + 9): error: vault principal 'etl-runner' .appRole tokenTTL must be positive and at most tokenMaxTTL 25 hours (got 26 hours)",
            "\(file):\(line + 9): error: vault principal 'etl-runner' .appRole secretIDTTL must be 1 second to 30 days (got 31 days)",
            "\(file):\(line + 9): error: vault principal 'etl-runner' .appRole secretIDBoundCIDRs entry '10.0.0.0/33' is not a CIDR block (such as 10.0.0.0/16)",
            "\(file):\(line + 9): error: vault principal 'etl-runner' .kubernetes namespace 'Dagster' is not a Kubernetes namespace name (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)",
            "\(file):\(line + 9): error: vault principal 'etl-runner' .kubernetes service account '*' is not a Kubernetes service account name (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)",
            "\(file):\(line + 19): error: Allow(actions:on:) writes IAM statements for AWS: a vault principal takes Allow(.readSecret, on: \"engine/path\")",
            "\(file):\(line + 21): error: AllowEverySecret(.read, under: \"apps\"): vault secrets take .readSecret",
            "\(file):\(line + 24): error: vault principal 'idle' has no login: add login: .appRole() or .kubernetes(namespaces: [\"ns\"], serviceAccounts: [\"sa\"])",
            "\(file):\(line + 24): error: vault principal 'idle' has no grants: add Allow(.readSecret, on: \"engine/path\")",
            "\(file):\(line + 14): error: no vault kv engine named 'aps' in platform 'vlt'; did you mean 'apps'?",
            "\(file):\(line + 15): error: kv engine 'apps' declares no secret 'snowflake/etl-pasword'; did you mean 'apps/snowflake/etl-password'?",
            "\(file):\(line + 16): error: Allow(.readSecret, on: \"apps/snowflake/*\") is a wildcard path: name each secret, or write Vault.AllowEverySecret(.readSecret, under: \"apps/snowflake\") to grant every secret below a prefix",
            "\(file):\(line + 17): error: cannot grant .read on vault secret 'apps/snowflake/etl-password': use .readSecret",
            "\(file):\(line + 18): error: Allow(.readSecret, on: \"apps\") names kv engine 'apps', not a secret: write \"apps/PATH\", or Vault.AllowEverySecret(.readSecret, under: \"apps\") for all of it",
            "\(file):\(line + 20): error: Vault.AllowEverySecret prefix 'apps/snow*' is invalid: '*' and '+' are policy wildcards; name the path exactly",
            "\(file):\(line + 22): error: cannot grant .readSecret on bucket 'bucket' to vault principal 'etl-runner': a vault principal can be granted secrets of a Vault.KVEngine only (\"engine/path\")",
        ])
    }

    /// Paths with characters a policy would read as globs, or that HCL would need to escape, are refused.
    @Test func vaultPathRules() {
        let file = "PavedTests/VaultTests.swift"
        let line = #line
        let platform = Platform("vlt", owner: "o@acme.io") {
            Environment(.prod)
            Vault.KVEngine("Apps") {
                Vault.Secret("/lead")
                Vault.Secret("with space")
                Vault.Secret("-dash/x")
                Vault.Secret("ok/path_1-2")
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: vault kv engine name 'Apps' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'apps')",
            "\(file):\(line + 4): error: vault secret path '/lead' in kv engine 'Apps' is invalid: it starts or ends with '/'",
            "\(file):\(line + 5): error: vault secret path 'with space' in kv engine 'Apps' is invalid: segment 'with space' may use only lowercase letters, digits, '-' and '_'",
            "\(file):\(line + 6): error: vault secret path '-dash/x' in kv engine 'Apps' is invalid: segment '-dash' must start with a lowercase letter or digit",
        ])
    }
}

/// `Vault.KVEngine.overriding(in:…)`: fewer versions, kept for less time, in one environment.
@Suite struct VaultOverrideTests {
    static let platform = Platform("acme-data", owner: "data@acme.io") {
        Environment(.dev)
        Environment(.prod)
        Vault.KVEngine("apps", maxVersions: 20, deleteVersionAfter: .days(365)) {
            Vault.Secret("partner/api-key")
            Vault.Secret("dbt/token", maxVersions: 5)
        }
        .overriding(in: .dev, maxVersions: 3, deleteVersionAfter: .days(30))
    }

    static func versions(_ env: EnvironmentName, _ name: String) -> String {
        guard let config = PavedTesting.stack(platform, env),
              let r = config.resources.first(where: { $0.address == .resource("vault_generic_endpoint", name) }),
              case .expression(.call("jsonencode", let args))? = r.arguments["data_json"], case .object(let body)? = args.first
        else { return "-" }
        return "\(body["max_versions"].map { "\($0)" } ?? "-") \(body["delete_version_after"].map { "\($0)" } ?? "-")"
    }

    @Test func engineAndSecretsFollowTheOverrideInItsEnvironmentOnly() throws {
        #expect(PavedTesting.diagnostics(of: Self.platform) == [])
        let dev = try #require(PavedTesting.stack(Self.platform, .dev))
        let prod = try #require(PavedTesting.stack(Self.platform, .prod))
        let devConfig = try #require(dev.resources.first { $0.address == .resource("vault_kv_secret_backend_v2", "apps") })
        let prodConfig = try #require(prod.resources.first { $0.address == .resource("vault_kv_secret_backend_v2", "apps") })
        #expect(devConfig.arguments["max_versions"]?.renderedJSON == .int(3))
        #expect(devConfig.arguments["delete_version_after"]?.renderedJSON == .int(2_592_000))
        #expect(prodConfig.arguments["max_versions"]?.renderedJSON == .int(20))
        #expect(prodConfig.arguments["delete_version_after"]?.renderedJSON == .int(31_536_000))
        // Secrets inherit the engine's settings where they set none; their own settings win.
        #expect(Self.versions(.dev, "apps_partner_api_key") == "\(Value.int(3)) \(Value.string("720h0m0s"))")
        #expect(Self.versions(.prod, "apps_partner_api_key") == "\(Value.int(20)) \(Value.string("8760h0m0s"))")
        #expect(Self.versions(.dev, "apps_dbt_token") == "\(Value.int(5)) \(Value.string("720h0m0s"))")
    }

    @Test func invalidOverridesAreErrorsAtTheirLine() {
        let file = "PavedTests/VaultTests.swift"
        let line = #line
        let platform = Platform("acme-data", owner: "data@acme.io") {
            Environment(.dev)
            Vault.KVEngine("apps", deleteVersionAfter: .days(365)) {
                Vault.Secret("partner/api-key", deleteVersionAfter: .days(90))
            }
            .overriding(in: .dev, maxVersions: 0, deleteVersionAfter: .days(30))
            .overriding(in: .prod, deleteVersionAfter: .seconds(0))
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 6): error: vault kv engine 'apps' in dev maxVersions must be at least 1 (got 0)",
            "\(file):\(line + 6): error: vault secret 'apps/partner/api-key' deleteVersionAfter 90 days is longer than its engine's 30 days in dev, which Vault applies instead",
            "\(file):\(line + 7): error: vault kv engine 'apps' in prod deleteVersionAfter must be positive (got 0 days); leave it nil to keep versions",
            "\(file):\(line + 7): error: vault kv engine 'apps' overrides environment 'prod', which the platform does not declare (it has dev)",
        ])
    }
}

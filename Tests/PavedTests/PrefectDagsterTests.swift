import Foundation
@testable import Paved
import PavedTesting
import Testing

/// Prefect and Dagster+: goldens, the attribute sets pinned from the providers' source, provider
/// configuration without credentials, metadata, overrides, least-privilege team grants,
/// diagnostics and determinism. Neither provider's schema is bundled, so nothing here is
/// schema-checked; `pinnedAttributes` is what stands in for it.
@Suite struct PrefectDagsterTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources")
    static let goldens = resources.appendingPathComponent("golden/constructs")

    static let minimalPrefect = Platform("flows", owner: "data@acme.io") {
        Environment(.prod, backend: .local(path: "prod.tfstate"))
        Prefect.WorkPool("k8s", type: .kubernetes, concurrencyLimit: 10)
        Prefect.Flow("ingest-orders") {
            Prefect.Deployment("hourly", entrypoint: "flows/ingest.py:ingest_orders", workPool: "k8s")
        }
    }

    static let minimalDagster = Platform("orch", owner: "data@acme.io") {
        Environment(.prod, backend: .local(path: "prod.tfstate"))
        Dagster.CodeLocation("orders", image: "ghcr.io/acme/orders:1.0.0", source: .module("orders.definitions"))
    }

    static let full = Platform(
        "acme-data", owner: "data-platform@acme.io", team: "data-platform", tier: .tier2, classification: .internal, costCenter: "CC-4100"
    ) {
        Environment(.dev, backend: .local(path: "dev.tfstate"))
        Environment(.prod, backend: .local(path: "prod.tfstate"))
        Prefect.WorkPool("k8s", type: .kubernetes, concurrencyLimit: 20, description: "Flow runs on the data cluster")
            .overriding(in: .dev, concurrencyLimit: 2)
        Prefect.WorkPool("local", type: .process, concurrencyLimit: 4, paused: true)
            .overriding(in: .dev, paused: false)
        Prefect.Flow("ingest-orders", tags: ["ingestion"], owner: "ingestion@acme.io", tier: .tier1, classification: .confidential) {
            Prefect.Deployment(
                "hourly", entrypoint: "flows/ingest.py:ingest_orders", workPool: "k8s",
                schedule: .cron("0 * * * *", timezone: "Europe/Amsterdam"),
                parameters: ["full_refresh": false, "source": "shopify", "batch_size": 500], concurrencyLimit: 1,
                image: "ghcr.io/acme/flows:2027.01.3", description: "Hourly incremental load", tags: ["orders"]
            )
            .overriding(in: .dev, scheduleActive: false, parameters: ["batch_size": 50])
            Prefect.Deployment(
                "backfill", entrypoint: "flows/ingest.py:ingest_orders", workPool: "local",
                schedule: .every(.hours(6), from: "2027-01-01T00:00:00Z"), parameters: ["full_refresh": true], paused: true)
        }
        Prefect.Flow("dbt-build") {
            Prefect.Deployment("nightly", entrypoint: "flows/dbt.py:dbt_build", workPool: "k8s", schedule: .cron("30 2 * * MON-FRI"))
                .overriding(in: .dev, paused: true, concurrencyLimit: 1)
        }
        Dagster.CodeLocation(
            "orders", image: "ghcr.io/acme/orders:2027.01.3", source: .module("orders.definitions"), workingDirectory: "/app",
            owner: "ingestion@acme.io", classification: .confidential
        )
        .overriding(in: .dev, image: "ghcr.io/acme/orders:2027.02.0-rc1")
        Dagster.CodeLocation("marketing", image: "ghcr.io/acme/marketing@sha256:0f3c", source: .pythonFile("marketing/defs.py"))
        Dagster.ConcurrencyPool("warehouse", pool: "snowflake_warehouse", limit: 8).overriding(in: .dev, limit: 1)
        Dagster.Team("analysts") {
            Allow(.read, on: "orders")
            Allow(.use, on: "marketing")
        }
        Dagster.Team("data-platform-admins", deploymentAccess: .editor) {
            Allow(.own, on: "orders")
            Allow(.read, on: "orders")
        }
    }

    @Test(arguments: [("prefect-minimal", "prod"), ("dagster-minimal", "prod"), ("prefect-dagster-full", "dev"), ("prefect-dagster-full", "prod")])
    func matchesGolden(_ name: String, _ env: String) throws {
        let platform = switch name {
        case "prefect-minimal": Self.minimalPrefect
        case "dagster-minimal": Self.minimalDagster
        default: Self.full
        }
        let rendered = PavedTesting.render(platform)
        let text = try #require(rendered.files["\(env)/main.tf.json"])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent("\(name)-\(env).tf.json"))
    }

    @Test func synthesizesWithoutDiagnostics() {
        #expect(PavedTesting.diagnostics(of: Self.minimalPrefect) == [])
        #expect(PavedTesting.diagnostics(of: Self.minimalDagster) == [])
        #expect(PavedTesting.diagnostics(of: Self.full) == [])
    }

    /// The example in docs/prefect-dagster.md, verbatim.
    @Test func documentedExampleSynthesizes() {
        let platform = Platform("acme-data", owner: "data-platform@acme.io", team: "data-platform", tier: .tier2,
                                classification: .internal, costCenter: "CC-4100") {
            Environment(.dev)
            Environment(.prod)

            // Prefect
            Prefect.WorkPool("k8s", type: .kubernetes, concurrencyLimit: 20, description: "Flow runs on the data cluster")
                .overriding(in: .dev, concurrencyLimit: 2)
            Prefect.Flow("ingest-orders", tags: ["ingestion"], owner: "ingestion@acme.io", tier: .tier1) {
                Prefect.Deployment(
                    "hourly", entrypoint: "flows/ingest.py:ingest_orders", workPool: "k8s",
                    schedule: .cron("0 * * * *", timezone: "Europe/Amsterdam"),
                    parameters: ["full_refresh": false, "source": "shopify"], concurrencyLimit: 1,
                    image: "ghcr.io/acme/flows:2027.01.3")
                    .overriding(in: .dev, scheduleActive: false, parameters: ["batch_size": 50])
                Prefect.Deployment("backfill", entrypoint: "flows/ingest.py:ingest_orders", workPool: "k8s",
                                   schedule: .every(.hours(6), from: "2027-01-01T00:00:00Z"), paused: true)
            }

            // Dagster+
            Dagster.CodeLocation("orders", image: "ghcr.io/acme/orders:2027.01.3", source: .module("orders.definitions"),
                                 workingDirectory: "/app")
                .overriding(in: .dev, image: "ghcr.io/acme/orders:2027.02.0-rc1")
            Dagster.CodeLocation("marketing", image: "ghcr.io/acme/marketing:1.4.0", source: .pythonFile("marketing/defs.py"))
            Dagster.ConcurrencyPool("warehouse", pool: "snowflake_warehouse", limit: 8).overriding(in: .dev, limit: 1)
            Dagster.Team("analysts") {
                Allow(.read, on: "orders")
                Allow(.use, on: "marketing")
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [])
        #expect(PavedTesting.stack(platform, .prod)?.resources.count == 11)
    }

    // MARK: - The pinned attribute sets

    /// The pinned schema file, written by hand from the providers' source.
    static func pinnedFile() throws -> [String: Any] {
        let data = try Data(contentsOf: resources.appendingPathComponent("unchecked-provider-schemas.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Paved's table (UncheckedSchemas) says exactly what the hand-written file says, for the same
    /// provider versions, and the versions are the ones written into required_providers.
    @Test func pinnedSchemaTableMatchesTheHandWrittenFile() throws {
        let file = try Self.pinnedFile()
        #expect(Set(file.keys.filter { $0 != "//" }) == Set(UncheckedSchemas.providers.map(\.source)))
        for provider in UncheckedSchemas.providers {
            let entry = try #require(file[provider.source] as? [String: Any])
            #expect(entry["version"] as? String == provider.version, "\(provider.source)")
            let providerEntry = try #require(entry["provider"] as? [String: Any])
            let settable = Set(providerEntry["optional"] as? [String] ?? [])
            let sensitive = Set(providerEntry["sensitive"] as? [String] ?? [])
            #expect(provider.providerArguments.isSubset(of: settable), "\(provider.source)")
            #expect(provider.providerArguments.isDisjoint(with: sensitive), "\(provider.source) writes a sensitive provider argument")
            let resources = try #require(entry["resources"] as? [String: [String: [String]]])
            #expect(Set(resources.keys) == Set(provider.resources.keys), "\(provider.source)")
            for (type, schema) in provider.resources {
                #expect(Set(resources[type]?["required"] ?? ["-"]) == schema.required, "\(type) required")
                #expect(Set(resources[type]?["optional"] ?? ["-"]) == schema.optional, "\(type) optional")
            }
        }
        #expect(ProviderVersions.prefect == ProviderRequirement(source: "prefecthq/prefect", version: "~> 3.4.1"))
        #expect(ProviderVersions.dagsterplus == ProviderRequirement(source: "dagster-io/dagsterplus", version: "= 0.1.10"))
    }

    /// Exactly the attributes Paved writes per type, across every environment of the full platform:
    /// each is declared by the provider source (the file), and every required one is written.
    @Test func pinnedAttributes() throws {
        let file = try Self.pinnedFile()
        var declared: [String: UncheckedSchemas.ResourceSchema] = [:]
        for source in ["prefecthq/prefect", "dagster-io/dagsterplus"] {
            let resources = try #require((file[source] as? [String: Any])?["resources"] as? [String: [String: [String]]])
            for (type, entry) in resources {
                declared[type] = UncheckedSchemas.ResourceSchema(required: Set(entry["required"] ?? []), optional: Set(entry["optional"] ?? []))
            }
        }
        var written: [String: Set<String>] = [:]
        for stack in Synthesizer().synthesize(Self.full).stacks {
            for resource in stack.configuration.resources {
                let schema = try #require(declared[resource.address.type], "\(resource.address) has no pinned schema")
                let blocks = Set(schema.all.filter { $0.contains(".") }.map { String($0.split(separator: ".")[0]) })
                let paths = UncheckedSchemas.paths(of: resource.arguments, blocks: blocks)
                #expect(paths.subtracting(schema.all).isEmpty, "\(resource.address) writes \(paths.subtracting(schema.all).sorted())")
                for required in schema.required where !required.contains(".") {
                    #expect(paths.contains(required), "\(resource.address) lacks \(required)")
                }
                written[resource.address.type, default: []].formUnion(paths)
            }
        }
        #expect(written.mapValues { $0.sorted() } == [
            "prefect_work_pool": ["concurrency_limit", "description", "name", "paused", "type"],
            "prefect_flow": ["name", "tags"],
            "prefect_deployment": [
                "concurrency_limit", "description", "enforce_parameter_schema", "entrypoint", "flow_id", "job_variables", "name",
                "parameters", "paused", "tags", "work_pool_name", "work_queue_name",
            ],
            "prefect_deployment_schedule": ["active", "anchor_date", "cron", "deployment_id", "interval", "timezone"],
            "dagsterplus_code_location": ["code_source", "code_source.module_name", "code_source.python_file", "deployment", "image", "name", "working_directory"],
            "dagsterplus_concurrency_pool": ["deployment", "limit", "name"],
            "dagsterplus_team": ["name"],
            "dagsterplus_team_deployment_grant": ["deployment", "grant", "location_grants", "location_grants.grant", "location_grants.location_name", "team_id"],
        ])
    }

    /// The unchecked path reports anything outside the pinned set as a Paved bug.
    @Test func uncheckedPathRejectsUnpinnedAttributes() {
        #expect(UncheckedSchemas.problems(type: "prefect_work_pool", arguments: ["name": "x", "tags": .strings(["a"])]) == [
            "prefect_work_pool has no attribute 'tags' in the pinned provider schema",
        ])
        #expect(UncheckedSchemas.problems(type: "dagsterplus_concurrency_pool", arguments: ["name": "x"]) == [
            "dagsterplus_concurrency_pool needs attribute 'deployment'", "dagsterplus_concurrency_pool needs attribute 'limit'",
        ])
        #expect(UncheckedSchemas.problems(type: "dagsterplus_team_deployment_grant", arguments: [
            "team_id": "t", "deployment": "prod", "location_grants": [["grant": "VIEWER", "location": "x"]],
        ]) == [
            "dagsterplus_team_deployment_grant has no attribute 'location_grants.location' in the pinned provider schema",
            "dagsterplus_team_deployment_grant needs attribute 'location_grants.location_name'",
        ])
        #expect(UncheckedSchemas.problems(type: "prefect_block", arguments: [:]) == [
            "prefect_block is not a resource type with a pinned schema (UncheckedSchemas)",
        ])
    }

    /// Against the bundled schemas the output is not checked, and says so (a note per provider).
    @Test func notSchemaCheckedAndSaysSo() throws {
        for stack in Synthesizer().synthesize(Self.full).stacks {
            let found = SchemaValidator(schemas: try ProviderSchemas.bundled())
                .validate(text: TerraformRenderer().renderBytes(stack.configuration), file: stack.path)
            #expect(found.map(\.message).sorted() == [
                "no schema loaded for provider registry.terraform.io/dagster-io/dagsterplus; its resources and data sources are not checked",
                "no schema loaded for provider registry.terraform.io/prefecthq/prefect; its resources and data sources are not checked",
            ])
            #expect(found.allSatisfy { $0.severity == .note })
        }
    }

    // MARK: - Provider configuration

    @Test func providersFromVariablesAndNoCredentials() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        #expect(config.terraform.requiredProviders["prefect"] == ProviderVersions.prefect)
        #expect(config.terraform.requiredProviders["dagsterplus"] == ProviderVersions.dagsterplus)
        let prefect = try #require(config.providers.first { $0.name == "prefect" })
        #expect(prefect.arguments.mapValues(\.renderedJSON) == [
            "endpoint": "${var.prefect_endpoint}", "account_id": "${var.prefect_account_id}", "workspace_id": "${var.prefect_workspace_id}",
        ])
        let dagster = try #require(config.providers.first { $0.name == "dagsterplus" })
        #expect(dagster.arguments.mapValues(\.renderedJSON) == ["organization": "${var.dagsterplus_organization}"])
        #expect(config.variables.map(\.name) == [
            "dagsterplus_deployment", "dagsterplus_organization", "prefect_account_id", "prefect_endpoint", "prefect_workspace_id",
        ])
        #expect(config.variables.first { $0.name == "dagsterplus_deployment" }?.defaultValue == "prod")
        #expect(config.variables.first { $0.name == "prefect_endpoint" }?.defaultValue == "https://api.prefect.cloud")
        for (_, text) in PavedTesting.render(Self.full).files {
            for word in ["api_key", "api_token", "basic_auth_key", "PREFECT_API_KEY", "DAGSTER_CLOUD_API_TOKEN"] {
                #expect(!text.contains(word), "\(word) in output")
            }
        }
    }

    // MARK: - What the constructs write

    static func resource(_ config: Configuration, _ type: String, _ name: String) -> Resource? {
        config.resources.first { $0.address == ResourceAddress.resource(type, name) }
    }

    @Test func deploymentWiring() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let hourly = try #require(Self.resource(config, "prefect_deployment", "ingest_orders_hourly"))
        let j = { (key: String) in hourly.arguments[key]?.renderedJSON }
        #expect(j("name") == "hourly")
        #expect(j("flow_id") == "${prefect_flow.ingest_orders.id}")
        #expect(j("entrypoint") == "flows/ingest.py:ingest_orders")
        #expect(j("work_pool_name") == "${prefect_work_pool.k8s.name}")
        #expect(j("work_queue_name") == "default")
        #expect(j("enforce_parameter_schema") == .bool(true))
        #expect(j("paused") == .bool(false))
        #expect(j("concurrency_limit") == .int(1))
        #expect(j("parameters") == #"${jsonencode({"batch_size" = 500, "full_refresh" = false, "source" = "shopify"})}"#)
        #expect(j("job_variables") == #"${jsonencode({"image" = "ghcr.io/acme/flows:2027.01.3"})}"#)
        let schedule = try #require(Self.resource(config, "prefect_deployment_schedule", "ingest_orders_hourly"))
        #expect(schedule.arguments.dictionary.mapValues(\.renderedJSON) == [
            "deployment_id": "${prefect_deployment.ingest_orders_hourly.id}", "active": .bool(true), "cron": "0 * * * *",
            "timezone": "Europe/Amsterdam",
        ])
        let backfill = try #require(Self.resource(config, "prefect_deployment_schedule", "ingest_orders_backfill"))
        #expect(backfill.arguments["interval"]?.renderedJSON == .int(21_600))
        #expect(backfill.arguments["anchor_date"]?.renderedJSON == "2027-01-01T00:00:00Z")
        let pool = try #require(Self.resource(config, "prefect_work_pool", "k8s"))
        #expect(pool.arguments.dictionary.mapValues(\.renderedJSON) == [
            "name": "k8s", "type": "kubernetes", "concurrency_limit": .int(20), "paused": .bool(false),
            "description": "Flow runs on the data cluster",
        ])
        #expect(Self.resource(config, "prefect_deployment_schedule", "dbt_build_nightly")?.arguments["cron"]?.renderedJSON == "30 2 * * MON-FRI")
    }

    /// Each team reaches only its environment's deployment: VIEWER (or what it is given) across
    /// it, and the highest level its intents ask for on each named code location.
    @Test func leastPrivilegeTeamGrants() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        #expect(Self.resource(config, "dagsterplus_team", "analysts")?.arguments["name"]?.renderedJSON == "acme-data-prod-analysts")
        let analysts = try #require(Self.resource(config, "dagsterplus_team_deployment_grant", "analysts"))
        #expect(analysts.arguments.dictionary.mapValues(\.renderedJSON) == [
            "team_id": "${dagsterplus_team.analysts.id}", "deployment": "${var.dagsterplus_deployment}", "grant": "VIEWER",
            "location_grants": [
                ["location_name": "${dagsterplus_code_location.marketing.name}", "grant": "LAUNCHER"],
                ["location_name": "${dagsterplus_code_location.orders.name}", "grant": "VIEWER"],
            ],
        ])
        let admins = try #require(Self.resource(config, "dagsterplus_team_deployment_grant", "data_platform_admins"))
        #expect(admins.arguments["grant"]?.renderedJSON == "EDITOR")
        #expect(admins.arguments["location_grants"]?.renderedJSON == [["location_name": "${dagsterplus_code_location.orders.name}", "grant": "ADMIN"]])
        let grants = config.resources.filter { $0.address.type.hasPrefix("dagsterplus_team") }.flatMap { r in
            ["organization_grant", "all_branch_deployments_grant", "branch_deployments_grant", "deployment_grant", "custom_role_id"]
                .compactMap { r.arguments[$0] == nil ? nil : "\(r.address) \($0)" }
        }
        #expect(grants == [])
    }

    // MARK: - Metadata

    /// Prefect flows and deployments carry the metadata as `key:value` tags; every resource carries
    /// it in its provenance comment, where `paved check` reads owner, tier and classification.
    @Test func metadataAsTagsAndProvenance() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let hourly = try #require(Self.resource(config, "prefect_deployment", "ingest_orders_hourly"))
        #expect(hourly.arguments["tags"]?.renderedJSON == [
            "cost_center:CC-4100", "data_classification:confidential", "environment:prod", "ingestion", "managed_by:paved",
            "orders", "owner:ingestion@acme.io", "platform:acme-data", "team:data-platform", "tier:tier1",
        ])
        #expect(Self.resource(config, "prefect_flow", "dbt_build")?.arguments["tags"]?.renderedJSON == [
            "cost_center:CC-4100", "data_classification:internal", "environment:prod", "managed_by:paved",
            "owner:data-platform@acme.io", "platform:acme-data", "team:data-platform", "tier:tier2",
        ])
        for resource in config.resources {
            let metadata = resource.provenance?.metadata ?? [:]
            #expect(metadata["owner"] != nil && metadata["tier"] != nil && metadata["data_classification"] != nil, "\(resource.address)")
            #expect(metadata["environment"] == "prod" && metadata["managed_by"] == "paved", "\(resource.address)")
        }
        #expect(Self.resource(config, "dagsterplus_code_location", "orders")?.provenance?.metadata?["owner"] == "ingestion@acme.io")
        #expect(Self.resource(config, "dagsterplus_code_location", "orders")?.provenance?.metadata?["data_classification"] == "confidential")
        let text = try #require(PavedTesting.render(Self.full).files["prod/main.tf.json"])
        #expect(text.contains(#""tier": "tier1""#))
    }

    // MARK: - Overrides

    @Test func perEnvironmentOverrides() throws {
        let dev = try #require(PavedTesting.stack(Self.full, .dev))
        let prod = try #require(PavedTesting.stack(Self.full, .prod))
        func value(_ config: Configuration, _ type: String, _ name: String, _ key: String) -> JSON? {
            Self.resource(config, type, name)?.arguments[key]?.renderedJSON
        }
        #expect(value(dev, "prefect_work_pool", "k8s", "concurrency_limit") == .int(2))
        #expect(value(prod, "prefect_work_pool", "k8s", "concurrency_limit") == .int(20))
        #expect(value(dev, "prefect_work_pool", "local", "paused") == .bool(false))
        #expect(value(prod, "prefect_work_pool", "local", "paused") == .bool(true))
        #expect(value(dev, "prefect_deployment_schedule", "ingest_orders_hourly", "active") == .bool(false))
        #expect(value(prod, "prefect_deployment_schedule", "ingest_orders_hourly", "active") == .bool(true))
        #expect(value(dev, "prefect_deployment", "ingest_orders_hourly", "parameters")
            == #"${jsonencode({"batch_size" = 50, "full_refresh" = false, "source" = "shopify"})}"#)
        #expect(value(dev, "prefect_deployment", "dbt_build_nightly", "paused") == .bool(true))
        #expect(value(dev, "prefect_deployment", "dbt_build_nightly", "concurrency_limit") == .int(1))
        #expect(value(prod, "prefect_deployment", "dbt_build_nightly", "paused") == .bool(false))
        #expect(value(prod, "prefect_deployment", "dbt_build_nightly", "concurrency_limit") == nil)
        #expect(value(dev, "dagsterplus_code_location", "orders", "image") == "ghcr.io/acme/orders:2027.02.0-rc1")
        #expect(value(prod, "dagsterplus_code_location", "orders", "image") == "ghcr.io/acme/orders:2027.01.3")
        #expect(value(dev, "dagsterplus_concurrency_pool", "warehouse", "limit") == .int(1))
        #expect(value(prod, "dagsterplus_concurrency_pool", "warehouse", "limit") == .int(8))
        #expect(value(prod, "dagsterplus_concurrency_pool", "warehouse", "name") == "snowflake_warehouse")
        #expect(dev.variables.first { $0.name == "dagsterplus_deployment" }?.defaultValue == "dev")
        #expect(value(dev, "dagsterplus_team", "analysts", "name") == "acme-data-dev-analysts")
    }

    // MARK: - Determinism

    @Test func deterministic() {
        let first = PavedTesting.render(Self.full).files
        for _ in 0..<3 { #expect(PavedTesting.render(Self.full).files == first) }
        // The same intents and parameters in another order write the same output.
        let reordered = Platform("orch", owner: "data@acme.io") {
            Environment(.prod)
            Prefect.WorkPool("k8s", type: .kubernetes, concurrencyLimit: 1)
            Prefect.Flow("f", tags: ["b", "a"]) {
                Prefect.Deployment("d", entrypoint: "f.py:f", workPool: "k8s", parameters: ["z": 1, "a": 2, "m": [3, 4]])
            }
            Dagster.CodeLocation("y", image: "i:1", source: .package("y"))
            Dagster.CodeLocation("x", image: "i:1", source: .package("x"))
            Dagster.Team("t") {
                Allow(.read, on: "y")
                Allow(.use, on: "x")
            }
        }
        let swapped = Platform("orch", owner: "data@acme.io") {
            Environment(.prod)
            Prefect.WorkPool("k8s", type: .kubernetes, concurrencyLimit: 1)
            Prefect.Flow("f", tags: ["a", "b"]) {
                Prefect.Deployment("d", entrypoint: "f.py:f", workPool: "k8s", parameters: ["m": [3, 4], "a": 2, "z": 1])
            }
            Dagster.CodeLocation("y", image: "i:1", source: .package("y"))
            Dagster.CodeLocation("x", image: "i:1", source: .package("x"))
            Dagster.Team("t") {
                Allow(.use, on: "x")
                Allow(.read, on: "y")
            }
        }
        // (The provenance comments differ: they point at each declaration's line.)
        let a = PavedTesting.stack(reordered, .prod)?.resources
        let b = PavedTesting.stack(swapped, .prod)?.resources
        #expect(a?.map(\.address) == b?.map(\.address))
        #expect(a?.map(\.arguments) == b?.map(\.arguments))
        #expect(PavedTesting.diagnostics(of: reordered) == [])
    }

    // MARK: - Diagnostics

    @Test func invalidPrefectInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/PrefectDagsterTests.swift"
        let line = #line
        let platform = Platform("orch", owner: "o@acme.io") {
            Environment(.prod, aws: .account("111111111111", region: "eu-west-1"))
            Prefect.WorkPool("K8s", type: .kubernetes, concurrencyLimit: -1)
                .overriding(in: .dev, concurrencyLimit: 20_000)
            Prefect.WorkPool("proc", type: .process, concurrencyLimit: 2)
            Prefect.Flow("Ingest", tags: ["a", "a", " "]) {
                Prefect.Deployment(
                    "Hourly", entrypoint: "/abs/ingest.py:1run", workPool: "k8", schedule: .cron("61 * * *", timezone: "CET"),
                    parameters: ["full-refresh": true], concurrencyLimit: 0, image: "ghcr.io/acme/flows:latest")
                Prefect.Deployment("daily", entrypoint: "flows/ingest.py", workPool: "proc", schedule: .every(.seconds(30), from: "tomorrow"), image: "flows:1.0")
                Prefect.Deployment("daily", entrypoint: "ingest.py:ingest", workPool: "raw", schedule: .cron("0 25 * * *"))
                    .overriding(in: .prod, concurrencyLimit: -2)
                Prefect.Deployment("weekly", entrypoint: "../x.py:f", workPool: "proc", schedule: .cron("@fortnightly"))
                Prefect.Deployment("monthly", entrypoint: "x.py:f", workPool: "proc")
                    .overriding(in: .dev, scheduleActive: false)
            }
            Bucket("raw")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: prefect work pool name 'K8s' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'k8s')",
            "\(file):\(line + 3): error: prefect work pool 'K8s': concurrencyLimit must be 0 to 10000 flow runs (got -1); 0 stops new runs",
            "\(file):\(line + 4): error: prefect work pool 'K8s' in dev: concurrencyLimit must be 0 to 10000 flow runs (got 20000); 0 stops new runs",
            "\(file):\(line + 4): error: prefect work pool 'K8s' overrides environment 'dev', which the platform does not declare (it has prod)",
            "\(file):\(line + 6): error: prefect flow name 'Ingest' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'ingest')",
            "\(file):\(line + 6): error: prefect flow 'Ingest' tag ' ' must be 1 to 100 characters and not blank",
            "\(file):\(line + 6): error: prefect flow 'Ingest' lists a tag twice",
            "\(file):\(line + 7): error: prefect deployment name 'Hourly' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'hourly')",
            "\(file):\(line + 7): error: prefect deployment 'Hourly' of flow 'Ingest' entrypoint '/abs/ingest.py:1run' is not path/to/file.py:flow_function (a relative .py path, a colon and the flow function's name)",
            "\(file):\(line + 7): error: prefect deployment 'Hourly' of flow 'Ingest' cron '61 * * *' is invalid: needs 5 fields (minute hour day-of-month month day-of-week), got 4",
            "\(file):\(line + 7): error: prefect deployment 'Hourly' of flow 'Ingest' timezone 'CET' is not an IANA time zone (such as Europe/Amsterdam or UTC)",
            "\(file):\(line + 7): error: prefect deployment 'Hourly' of flow 'Ingest' parameter 'full-refresh' is not a Python identifier (the flow function's argument name)",
            "\(file):\(line + 7): error: prefect deployment 'Hourly' of flow 'Ingest' concurrencyLimit must be at least 1 (got 0); pause the deployment to stop its runs",
            "\(file):\(line + 7): error: prefect deployment 'Hourly' of flow 'Ingest' image 'ghcr.io/acme/flows:latest' must be pinned to a version tag or digest (not :latest)",
            "\(file):\(line + 10): error: prefect deployment 'daily' of flow 'Ingest' entrypoint 'flows/ingest.py' is not path/to/file.py:flow_function (a relative .py path, a colon and the flow function's name)",
            "\(file):\(line + 10): error: prefect deployment 'daily' of flow 'Ingest' interval must be at least 1 minute (got 30 seconds)",
            "\(file):\(line + 10): error: prefect deployment 'daily' of flow 'Ingest' anchor 'tomorrow' is not an RFC 3339 UTC time (such as 2027-01-01T00:00:00Z)",
            "\(file):\(line + 11): error: prefect flow 'Ingest' has two deployments named 'daily'; the first is at \(file):\(line + 10)",
            "\(file):\(line + 11): error: prefect deployment 'daily' of flow 'Ingest' cron '0 25 * * *' is invalid: '25' is not a valid hour (0-23, *, a-b or */n)",
            "\(file):\(line + 12): error: prefect deployment 'daily' of flow 'Ingest' in prod: concurrencyLimit must be at least 1 (got -2); pause the deployment to stop its runs",
            "\(file):\(line + 13): error: prefect deployment 'weekly' of flow 'Ingest' entrypoint '../x.py:f' is not path/to/file.py:flow_function (a relative .py path, a colon and the flow function's name)",
            "\(file):\(line + 13): error: prefect deployment 'weekly' of flow 'Ingest' cron '@fortnightly' is invalid: unknown macro (use @hourly, @daily, @weekly, @monthly or @yearly)",
            "\(file):\(line + 15): error: prefect deployment 'monthly' of flow 'Ingest' in dev: scheduleActive needs a schedule",
            "\(file):\(line + 15): error: prefect flow 'Ingest' overrides environment 'dev', which the platform does not declare (it has prod)",
            "\(file):\(line + 7): error: no prefect work pool named 'k8' in platform 'orch'; did you mean 'K8s'?",
            "\(file):\(line + 10): error: prefect deployment 'daily' of flow 'Ingest' sets an image, but work pool 'proc' is a process pool, which runs no containers",
        ])
    }

    @Test func invalidDagsterInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/PrefectDagsterTests.swift"
        let line = #line
        let platform = Platform("orch", owner: "o@acme.io") {
            Environment(.prod, aws: .account("111111111111", region: "eu-west-1"))
            Dagster.CodeLocation("Orders", image: "orders", source: .module("orders.1defs"), workingDirectory: "app")
                .overriding(in: .dev, image: "orders:latest")
            Dagster.CodeLocation("files", image: "f:1", source: .pythonFile("/abs/defs.py"))
            Dagster.ConcurrencyPool("warehouse", pool: "snow flake", limit: 1001)
                .overriding(in: .dev, limit: -1)
            Dagster.Team("analysts") {
                Allow(.readSecret, on: "files")
                Allow(.read, on: "raw")
                Allow(.read, on: "file")
                Allow(actions: ["s3:GetObject"], on: ["*"])
            }
            Bucket("raw")
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: dagster code location name 'Orders' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'orders')",
            "\(file):\(line + 3): error: dagster code location 'Orders' image 'orders' must be pinned to a version tag or digest (not :latest)",
            "\(file):\(line + 4): error: dagster code location 'Orders' in dev: image 'orders:latest' must be pinned to a version tag or digest (not :latest)",
            "\(file):\(line + 3): error: dagster code location 'Orders' source 'orders.1defs' is not a dotted Python name (such as orders.definitions)",
            "\(file):\(line + 3): error: dagster code location 'Orders' workingDirectory 'app' must be an absolute path in the image (such as /app)",
            "\(file):\(line + 4): error: dagster code location 'Orders' overrides environment 'dev', which the platform does not declare (it has prod)",
            "\(file):\(line + 5): error: dagster code location 'files' pythonFile '/abs/defs.py' is not a relative path to a .py file (such as orders/definitions.py)",
            "\(file):\(line + 6): error: dagster concurrency pool 'warehouse' pool key 'snow flake' must be 1 to 100 letters, digits, '_', '-' or '.'",
            "\(file):\(line + 6): error: dagster concurrency pool 'warehouse' limit must be 0 to 1000 (got 1001)",
            "\(file):\(line + 7): error: dagster concurrency pool 'warehouse' in dev: limit must be 0 to 1000 (got -1)",
            "\(file):\(line + 7): error: dagster concurrency pool 'warehouse' overrides environment 'dev', which the platform does not declare (it has prod)",
            "\(file):\(line + 12): error: Allow(actions:on:) writes IAM statements for AWS: a dagster team takes Allow(.read, on: \"code-location\"), .use, .write or .own",
            "\(file):\(line + 9): error: dagster team 'analysts' cannot be granted .readSecret on 'files': use .read, .use, .write or .own on a code location",
            "\(file):\(line + 10): error: cannot grant .read on bucket 'raw' to dagster team 'analysts': a dagster team can be granted access to dagster code locations only",
            "\(file):\(line + 11): error: no dagster code location named 'file' in platform 'orch'; did you mean 'files'?",
        ])
    }
}

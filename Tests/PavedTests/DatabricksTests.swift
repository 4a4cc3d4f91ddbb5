import Foundation
import Paved
import PavedTesting
import Testing

/// Databricks SQL warehouses, catalogs, schemas and group grants: goldens, exact grants, metadata,
/// provider configuration, diagnostics.
@Suite struct DatabricksTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/golden/constructs")

    /// The least a team writes: a warehouse and a catalog.
    static let minimal = Platform("dbx", owner: "data@acme.io") {
        Environment(.dev, backend: .local(path: "dev.tfstate"))
        Databricks.SQLWarehouse("bi")
        Databricks.Catalog("lakehouse")
    }

    static let full = Platform(
        "acme-data", owner: "data-platform@acme.io", team: "data-platform", tier: .tier2, classification: .internal,
        costCenter: "cc-4100"
    ) {
        Environment(.dev, backend: .local(path: "dev.tfstate"))
        Environment(.prod, backend: .local(path: "prod.tfstate"))
        Databricks.SQLWarehouse("bi", size: .large, autoStop: .minutes(10), maxClusters: 4, serverless: true, owner: "analytics@acme.io", tier: .tier1)
            .overriding(in: .dev, size: .xxsmall, autoStop: .minutes(5), maxClusters: 1)
        Databricks.SQLWarehouse("etl", size: .small, autoStop: .minutes(15), serverless: false, costCenter: "cc-7200")
        Databricks.Catalog("lakehouse", description: "Curated lakehouse", classification: .confidential) {
            Databricks.Schema("bronze", description: "Raw loads")
            Databricks.Schema("gold-marts", owner: "analytics@acme.io")
        }
        Databricks.Catalog("sandbox", tier: .tier3)
        Databricks.Group("analysts", principal: "Data Analysts") {
            Allow(.read, on: "lakehouse/gold-marts")
            Allow(.read, on: "sandbox")
            Allow(.read, on: "lakehouse/gold-marts")
        }
        Databricks.Group("engineers") {
            Allow(.write, on: "lakehouse")
            Allow(.write, on: "lakehouse/bronze")
            Allow(.write, on: "sandbox")
        }
        Databricks.ClusterPolicy("etl-jobs", maxDBUsPerHour: 40, maxWorkers: 8, autoTerminate: .minutes(30), description: "Job clusters", tier: .tier1)
            .overriding(in: .dev, maxDBUsPerHour: 10, maxWorkers: 2, autoTerminate: .minutes(15))
        Databricks.Group("platform", principal: "Platform Engineers") {
            Allow(.use, on: "etl-jobs")
        }
        Databricks.Group("jobs", principal: "Job Runners") {
            Allow(.use, on: "etl-jobs")
        }
    }

    @Test(arguments: [("minimal", "dev"), ("full", "dev"), ("full", "prod")])
    func matchesGolden(_ platform: String, _ env: String) throws {
        let rendered = PavedTesting.render(platform == "minimal" ? Self.minimal : Self.full)
        let text = try #require(rendered.files["\(env)/main.tf.json"])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent("databricks-\(platform)-\(env).tf.json"))
    }

    @Test func synthesizesWithoutDiagnostics() {
        #expect(PavedTesting.diagnostics(of: Self.minimal) == [])
        #expect(PavedTesting.diagnostics(of: Self.full) == [])
    }

    /// One authoritative databricks_grants per securable, every group's privileges in it: reads get
    /// USE_CATALOG, USE_SCHEMA, SELECT; writes add MODIFY; no ALL_PRIVILEGES, no ownership, no DDL.
    @Test func grantsAreExactlyTheIntents() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let lines = config.resources.filter { $0.address.type == "databricks_grants" }.flatMap { r -> [String] in
            let on = r.arguments["catalog"]?.renderedJSON.stringValue.map { "catalog \($0)" }
                ?? r.arguments["schema"]?.renderedJSON.stringValue.map { "schema \($0)" } ?? "-"
            let grants = r.arguments["grant"]?.renderedJSON.arrayValue ?? []
            return grants.map { g in
                let principal = g.objectValue?["principal"]?.stringValue ?? "-"
                let privileges = (g.objectValue?["privileges"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ",")
                return "\(r.address.name): \(principal) \(privileges) on \(on)"
            }
        }
        #expect(lines == [
            "lakehouse: Data Analysts USE_CATALOG on catalog ${databricks_catalog.lakehouse.name}",
            "lakehouse: engineers MODIFY,SELECT,USE_CATALOG,USE_SCHEMA on catalog ${databricks_catalog.lakehouse.name}",
            "lakehouse_bronze: engineers MODIFY,SELECT,USE_SCHEMA on schema ${databricks_schema.lakehouse_bronze.id}",
            "lakehouse_gold_marts: Data Analysts SELECT,USE_SCHEMA on schema ${databricks_schema.lakehouse_gold_marts.id}",
            "sandbox: Data Analysts SELECT,USE_CATALOG,USE_SCHEMA on catalog ${databricks_catalog.sandbox.name}",
            "sandbox: engineers MODIFY,SELECT,USE_CATALOG,USE_SCHEMA on catalog ${databricks_catalog.sandbox.name}",
        ])
        #expect(config.resources.filter { $0.address.type == "databricks_grants" }.allSatisfy { $0.provenance?.metadata == nil })
    }

    @Test func warehousesStopWhenIdleAndCarryTheMetadata() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        func arg(_ name: String, _ key: String) -> JSON? {
            config.resources.first { $0.address == ResourceAddress.resource("databricks_sql_endpoint", name) }?.arguments[key]?.renderedJSON
        }
        #expect(arg("bi", "name") == "acme-data-prod-bi")
        #expect(arg("bi", "cluster_size") == "Large")
        #expect(arg("bi", "auto_stop_mins") == .int(10))
        #expect(arg("bi", "enable_serverless_compute") == .bool(true))
        #expect(arg("bi", "warehouse_type") == "PRO")
        #expect(arg("bi", "max_num_clusters") == .int(4))
        #expect(arg("etl", "enable_serverless_compute") == .bool(false))
        #expect(arg("etl", "auto_stop_mins") == .int(15))
        let tags = arg("bi", "tags")?.arrayValue?.first?.objectValue?["custom_tags"]?.arrayValue ?? []
        let pairs = tags.map { "\($0.objectValue?["key"]?.stringValue ?? "-")=\($0.objectValue?["value"]?.stringValue ?? "-")" }
        #expect(pairs == [
            "cost_center=cc-4100", "data_classification=internal", "environment=prod", "managed_by=paved", "owner=analytics@acme.io",
            "platform=acme-data", "team=data-platform", "tier=tier1",
        ])
        let etlTags = arg("etl", "tags")?.arrayValue?.first?.objectValue?["custom_tags"]?.arrayValue ?? []
        #expect(etlTags.contains { $0.objectValue?["key"] == "cost_center" && $0.objectValue?["value"] == "cc-7200" })
    }

    /// Catalogs and schemas cannot be tagged: the metadata goes into their properties and the
    /// provenance comment; schemas inherit their catalog's.
    @Test func metadataReachesPropertiesAndProvenance() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        func resource(_ type: String, _ name: String) -> Resource? {
            config.resources.first { $0.address == ResourceAddress.resource(type, name) }
        }
        let catalog = try #require(resource("databricks_catalog", "lakehouse"))
        #expect(catalog.arguments["name"]?.renderedJSON == "acme_data_prod_lakehouse")
        #expect(catalog.arguments["isolation_mode"]?.renderedJSON == "ISOLATED")
        #expect(catalog.arguments["force_destroy"]?.renderedJSON == .bool(false))
        #expect(catalog.arguments["properties"]?.renderedJSON.objectValue?["data_classification"] == "confidential")
        #expect(catalog.provenance?.metadata?["data_classification"] == "confidential")
        let gold = try #require(resource("databricks_schema", "lakehouse_gold_marts"))
        #expect(gold.arguments["name"]?.renderedJSON == "gold_marts")
        #expect(gold.arguments["catalog_name"]?.renderedJSON == "${databricks_catalog.lakehouse.name}")
        #expect(gold.provenance?.metadata?["owner"] == "analytics@acme.io")
        #expect(gold.provenance?.metadata?["data_classification"] == "confidential")
        #expect(gold.arguments["properties"]?.renderedJSON.objectValue?["owner"] == "analytics@acme.io")
        #expect(resource("databricks_catalog", "sandbox")?.provenance?.metadata?["tier"] == "tier3")
    }

    /// The cluster policy bounds cost and isolation and fixes the metadata as custom tags; the groups
    /// that `.use` it get CAN_USE in one authoritative databricks_permissions.
    @Test func clusterPolicyBoundsCostAndIsUsedByItsGroups() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let policy = try #require(config.resources.first { $0.address == ResourceAddress.resource("databricks_cluster_policy", "etl_jobs") })
        #expect(policy.arguments["name"]?.renderedJSON == "acme-data-prod-etl-jobs")
        #expect(policy.arguments["max_clusters_per_user"]?.renderedJSON == .int(1))
        let definition = policy.arguments["definition"]?.renderedJSON.stringValue ?? ""
        for part in [
            "\"dbus_per_hour\"", "\"maxValue\":40", "\"autoscale.max_workers\"", "\"maxValue\":8", "\"autotermination_minutes\"",
            "\"USER_ISOLATION\"", "\"custom_tags.tier\"", "\"tier1\"", "\"custom_tags.owner\"",
        ] {
            #expect(definition.contains(part.replacingOccurrences(of: ":", with: " = ")) || definition.contains(part), "\(part) in \(definition)")
        }
        #expect(policy.provenance?.metadata?["tier"] == "tier1")
        let permissions = try #require(config.resources.first { $0.address.type == "databricks_permissions" })
        #expect(permissions.address.name == "cluster_policy_etl_jobs")
        #expect(permissions.arguments["cluster_policy_id"]?.renderedJSON == "${databricks_cluster_policy.etl_jobs.id}")
        let access = (permissions.arguments["access_control"]?.renderedJSON.arrayValue ?? []).map {
            "\($0.objectValue?["group_name"]?.stringValue ?? "-") \($0.objectValue?["permission_level"]?.stringValue ?? "-")"
        }
        #expect(access == ["Job Runners CAN_USE", "Platform Engineers CAN_USE"])
    }

    @Test func providerFromAVariableAndNoCredentials() throws {
        let config = try #require(PavedTesting.stack(Self.full, .dev))
        #expect(config.providers == [ProviderConfiguration("databricks", arguments: ["host": .expression(.variable("databricks_host"))])])
        #expect(config.variables.map(\.name) == ["databricks_host"])
        #expect(config.terraform.requiredProviders == ["databricks": ProviderRequirement(source: "databricks/databricks", version: "~> 1.99.0")])
        let text = try #require(PavedTesting.render(Self.full).files["dev/main.tf.json"])
        for word in ["\"token\"", "client_secret", "\"password\""] { #expect(!text.contains(word), "\(word) in output") }
    }

    @Test(.enabled(if: SchemaValidityTests.hasSharedSchema("databricks.json")))
    func validAgainstTheFullDatabricksSchema() throws {
        #expect(try SchemaValidityTests.sharedSchemaFindings("databricks.json", [Self.minimal, Self.full]) == [])
    }

    @Test func validAgainstTheBundledSchemas() throws {
        let schemas = try ProviderSchemas.bundled()
        for stack in Synthesizer().synthesize(Self.full).stacks {
            let found = SchemaValidator(schemas: schemas).validate(text: TerraformRenderer().renderBytes(stack.configuration), file: stack.path)
            #expect(found.map(\.description) == [])
        }
    }

    @Test func invalidInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/DatabricksTests.swift"
        let line = #line
        let platform = Platform("dbx", owner: "o@acme.io") {
            Environment(.dev, backend: .local(path: "dev.tfstate"))
            Databricks.SQLWarehouse("BI", autoStop: .hours(2), maxClusters: 0)
            Databricks.SQLWarehouse("classic", autoStop: .minutes(5), serverless: false)
            Databricks.Catalog("lake") {
                Databricks.Schema("default")
                Databricks.Schema("events")
                Databricks.Schema("events")
            }
            Databricks.Group("everyone", principal: "account users") {
                Allow(.read, on: "lake/evnts")
                Allow(.use, on: "lake")
                Allow(.read, on: "classic")
                Allow(.read, on: "laek")
                Allow(actions: ["s3:GetObject"], on: ["*"])
            }
            Databricks.ClusterPolicy("etl", maxDBUsPerHour: 0, maxWorkers: 0, autoTerminate: .hours(5), maxClustersPerUser: 0)
            Databricks.Group("ops") {
                Allow(.read, on: "etl")
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: databricks sql warehouse name 'BI' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'bi')",
            "\(file):\(line + 3): error: databricks sql warehouse 'BI' autoStop must be 1 to 60 whole minutes (got 2 hours): an idle warehouse bills until it stops",
            "\(file):\(line + 3): error: databricks sql warehouse 'BI' maxClusters must be 1 to 40 (got 0)",
            "\(file):\(line + 4): error: databricks sql warehouse 'classic' autoStop must be 10 to 60 whole minutes for a non-serverless warehouse (got 5 minutes): an idle warehouse bills until it stops",
            "\(file):\(line + 6): error: databricks schema 'default' in catalog 'lake' is reserved: Unity Catalog creates it",
            "\(file):\(line + 8): error: databricks catalog 'lake' declares schema 'events' twice",
            "\(file):\(line + 10): error: databricks group 'everyone' principal 'account users' is empty or everyone: name a group of the people or jobs that need access",
            "\(file):\(line + 15): error: Allow(actions:on:) writes IAM statements for AWS: a databricks group takes Allow(.read, on: \"catalog\") or Allow(.write, on: \"catalog/schema\")",
            "\(file):\(line + 17): error: databricks cluster policy 'etl' maxDBUsPerHour must be positive (got 0)",
            "\(file):\(line + 17): error: databricks cluster policy 'etl' maxWorkers must be at least 1 (got 0)",
            "\(file):\(line + 17): error: databricks cluster policy 'etl' autoTerminate must be 10 to 120 whole minutes (got 5 hours): idle clusters bill until they terminate",
            "\(file):\(line + 17): error: databricks cluster policy 'etl' maxClustersPerUser must be at least 1 (got 0)",
            "\(file):\(line + 11): error: databricks catalog 'lake' has no schema 'evnts'; did you mean 'lake/events'?",
            "\(file):\(line + 12): error: cannot grant .use on databricks catalog 'lake' to databricks group 'everyone': use .read or .write",
            "\(file):\(line + 13): error: cannot grant .read on databricks sql warehouse 'classic' to databricks group 'everyone': a databricks group can be granted access to databricks catalogs, schemas and cluster policies only",
            "\(file):\(line + 14): error: no construct named 'laek' in platform 'dbx'; did you mean 'lake'?",
            "\(file):\(line + 19): error: cannot grant .read on databricks cluster policy 'etl' to databricks group 'ops': use .use",
        ])
    }
}

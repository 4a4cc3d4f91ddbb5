import Foundation
import Paved
import PavedTesting
import Testing

/// Snowflake constructs: goldens, exact grants, metadata, variables and provider configuration.
@Suite struct SnowflakeTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/golden/constructs")

    static let dev = Environment(.dev, backend: .local(path: "dev.tfstate"))

    /// The least a team writes: a warehouse with its budget, a database, a role and a user.
    static let minimal = Platform("sf", owner: "data@acme.io") {
        dev
        Snowflake.Warehouse("transform") {
            CreditBudget(perMonth: 100)
        }
        Snowflake.Database("raw")
    }

    static let full = Platform(
        "acme", owner: "data-platform@acme.io", team: "data-platform", tier: .tier2, classification: .internal,
        costCenter: "cc-4100"
    ) {
        Environment(.dev, backend: .local(path: "dev.tfstate"))
        Environment(.prod, backend: .local(path: "prod.tfstate"))
        Snowflake.Warehouse(
            "transform", size: .medium, autoSuspend: .minutes(5), statementTimeout: .hours(2), clusters: 1...3,
            scaling: .economy, description: "dbt transformations", owner: "analytics@acme.io", tier: .tier1
        ) {
            CreditBudget(perMonth: 500, notifyAt: [50, 90], suspendAt: 100, suspendImmediatelyAt: 110)
        }
        .overriding(in: .dev, size: .xsmall, autoSuspend: .minutes(1), creditsPerMonth: 50)
        Snowflake.Database("raw", retention: .days(7), classification: .confidential, costCenter: "cc-7200") {
            Snowflake.Schema("events")
            Snowflake.Schema("scratch", retention: .days(1), managedAccess: false, description: "Short-lived loads")
        }
        .overriding(in: .dev, retention: .days(1))
        Snowflake.Database("analytics", retention: .days(30), tier: .tier1) {
            Snowflake.Schema("marts", classification: .confidential)
        }
        Snowflake.Role("transformer", description: "dbt jobs") {
            Allow(.read, on: "raw")
            Allow(.write, on: "analytics")
            Allow(.use, on: "transform")
            Allow(.read, on: "raw")
            Allow(.own, on: "analytics")
        }
        Snowflake.Role("analyst") {
            Allow(.read, on: "analytics")
            Allow(.use, on: "transform")
        }
        Snowflake.NetworkPolicy("pipelines", allowedIPs: ["203.0.113.0/24", "198.51.100.7"], blockedIPs: ["203.0.113.99"])
        Snowflake.ServiceUser("dbt", role: "transformer", warehouse: "transform", networkPolicy: "pipelines", owner: "analytics@acme.io")
    }

    @Test(arguments: [("minimal", "dev"), ("full", "dev"), ("full", "prod")])
    func matchesGolden(_ platform: String, _ env: String) throws {
        let rendered = PavedTesting.render(platform == "minimal" ? Self.minimal : Self.full)
        #expect(rendered.diagnostics.filter { $0.severity == .error }.isEmpty, "\(rendered.diagnostics)")
        let text = try #require(rendered.files["\(env)/main.tf.json"])
        PavedTesting.assertGolden(text, at: Self.goldens.appendingPathComponent("snowflake-\(platform)-\(env).tf.json"))
    }

    @Test func synthesizesWithoutDiagnostics() {
        #expect(PavedTesting.diagnostics(of: Self.minimal) == [])
        #expect(PavedTesting.diagnostics(of: Self.full) == [])
    }

    /// Every grant of a stack, one line each: `grantee <- privileges on object` and `role -> parent`.
    /// Account roles read `role:x`, database roles `dbrole:x` (their fully qualified name).
    static func grants(_ config: Configuration) -> [String] {
        func text(_ v: Value?) -> String {
            guard let json = v?.renderedJSON else { return "-" }
            if let s = json.stringValue {
                return s.replacingOccurrences(of: "$${", with: "${").replacingOccurrences(of: "${snowflake_account_role.", with: "role:")
                    .replacingOccurrences(of: "${snowflake_database_role.", with: "dbrole:")
                    .replacingOccurrences(of: "${snowflake_database.", with: "db:")
                    .replacingOccurrences(of: "${snowflake_warehouse.", with: "wh:")
                    .replacingOccurrences(of: "${snowflake_service_user.", with: "user:")
                    .replacingOccurrences(of: ".name}", with: "")
                    .replacingOccurrences(of: "(dbrole:[a-z0-9_]+)\\.fully_qualified_name\\}", with: "$1", options: .regularExpression)
            }
            if let a = json.arrayValue { return a.compactMap(\.stringValue).joined(separator: ",") }
            return "?"
        }
        var out: [String] = []
        for r in config.resources
        where ["snowflake_grant_privileges_to_account_role", "snowflake_grant_privileges_to_database_role"].contains(r.address.type) {
            var on = ""
            if let o = r.arguments["on_account_object"]?.renderedJSON.arrayValue?.first {
                on = "\(o["object_type"]?.stringValue ?? "") \(text(.string(o["object_name"]?.stringValue ?? "")))"
            } else if let database = r.arguments["on_database"] {
                on = "DATABASE \(text(database))"
            } else if let o = r.arguments["on_schema"]?.renderedJSON.arrayValue?.first {
                on = o["all_schemas_in_database"] != nil ? "all schemas in \(text(.string(o["all_schemas_in_database"]?.stringValue ?? "")))"
                    : o["schema_name"] != nil ? "schema \(text(.string(o["schema_name"]?.stringValue ?? "")))"
                    : "future schemas in \(text(.string(o["future_schemas_in_database"]?.stringValue ?? "")))"
            } else if let o = r.arguments["on_schema_object"]?.renderedJSON.arrayValue?.first {
                let scope = o["all"] != nil ? "all" : "future"
                let inner = o[scope]?.arrayValue?.first
                on = "\(scope) \(inner?["object_type_plural"]?.stringValue ?? "") in \(text(.string(inner?["in_database"]?.stringValue ?? inner?["in_schema"]?.stringValue ?? "")))"
            }
            let grantee = r.arguments["account_role_name"] ?? r.arguments["database_role_name"]
            out.append("\(text(grantee)) <- \(text(r.arguments["privileges"])) on \(on)")
        }
        for r in config.resources where r.address.type == "snowflake_grant_account_role" {
            let to = r.arguments["parent_role_name"].map { text($0) } ?? text(r.arguments["user_name"])
            out.append("\(text(r.arguments["role_name"])) -> \(to)")
        }
        for r in config.resources where r.address.type == "snowflake_grant_database_role" {
            let to = (r.arguments["parent_role_name"] ?? r.arguments["parent_database_role_name"]).map { text($0) } ?? "?"
            out.append("\(text(r.arguments["database_role_name"])) -> \(to)")
        }
        return out.sorted()
    }

    /// Least privilege: access roles hold the privileges, functional roles hold access roles, users
    /// hold one functional role; nothing else is granted, and nothing to PUBLIC.
    @Test func grantsAreExactlyTheAccessRolePattern() throws {
        let config = try #require(PavedTesting.stack(Self.full, .dev))
        #expect(Self.grants(config) == [
            "dbrole:analytics_own -> role:transformer",
            "dbrole:analytics_own <- CREATE SCHEMA on DATABASE db:analytics",
            "dbrole:analytics_own <- CREATE TABLE,CREATE VIEW on all schemas in db:analytics",
            "dbrole:analytics_own <- CREATE TABLE,CREATE VIEW on future schemas in db:analytics",
            "dbrole:analytics_read -> dbrole:analytics_write",
            "dbrole:analytics_read -> role:analyst",
            "dbrole:analytics_read <- SELECT on all TABLES in db:analytics",
            "dbrole:analytics_read <- SELECT on all VIEWS in db:analytics",
            "dbrole:analytics_read <- SELECT on future TABLES in db:analytics",
            "dbrole:analytics_read <- SELECT on future VIEWS in db:analytics",
            "dbrole:analytics_read <- USAGE on DATABASE db:analytics",
            "dbrole:analytics_read <- USAGE on all schemas in db:analytics",
            "dbrole:analytics_read <- USAGE on future schemas in db:analytics",
            "dbrole:analytics_write -> dbrole:analytics_own",
            "dbrole:analytics_write -> role:transformer",
            "dbrole:analytics_write <- DELETE,INSERT,UPDATE on all TABLES in db:analytics",
            "dbrole:analytics_write <- DELETE,INSERT,UPDATE on future TABLES in db:analytics",
            "dbrole:raw_own <- CREATE SCHEMA on DATABASE db:raw",
            "dbrole:raw_own <- CREATE TABLE,CREATE VIEW on all schemas in db:raw",
            "dbrole:raw_own <- CREATE TABLE,CREATE VIEW on future schemas in db:raw",
            "dbrole:raw_read -> dbrole:raw_write",
            "dbrole:raw_read -> role:transformer",
            "dbrole:raw_read <- SELECT on all TABLES in db:raw",
            "dbrole:raw_read <- SELECT on all VIEWS in db:raw",
            "dbrole:raw_read <- SELECT on future TABLES in db:raw",
            "dbrole:raw_read <- SELECT on future VIEWS in db:raw",
            "dbrole:raw_read <- USAGE on DATABASE db:raw",
            "dbrole:raw_read <- USAGE on all schemas in db:raw",
            "dbrole:raw_read <- USAGE on future schemas in db:raw",
            "dbrole:raw_write -> dbrole:raw_own",
            "dbrole:raw_write <- DELETE,INSERT,UPDATE on all TABLES in db:raw",
            "dbrole:raw_write <- DELETE,INSERT,UPDATE on future TABLES in db:raw",
            "role:analyst -> SYSADMIN",
            "role:analyst <- USAGE on WAREHOUSE wh:transform",
            "role:transformer -> SYSADMIN",
            "role:transformer -> user:dbt",
            "role:transformer <- USAGE on WAREHOUSE wh:transform",
        ])
        let text = try #require(PavedTesting.render(Self.full).files["dev/main.tf.json"])
        #expect(!text.contains("\"PUBLIC\""))
        #expect(!text.contains("OWNERSHIP") && !text.contains("ALL PRIVILEGES") && !text.contains("all_privileges"))
    }

    /// The access roles are database roles named READ, WRITE and OWN inside their database (so
    /// `"ACME_DEV_RAW"."READ"`), addressed by their fully qualified name in every grant; functional
    /// roles stay account roles; no access role is an account role any more.
    @Test func accessRolesAreDatabaseRoles() throws {
        let config = try #require(PavedTesting.stack(Self.full, .dev))
        let roles = config.resources.filter { $0.address.type == "snowflake_database_role" }
        #expect(roles.map { "\($0.address.name): \($0.arguments["database"]?.renderedJSON.stringValue ?? "-") \($0.arguments["name"]?.renderedJSON.stringValue ?? "-")" }.sorted() == [
            "analytics_own: ${snowflake_database.analytics.name} OWN",
            "analytics_read: ${snowflake_database.analytics.name} READ",
            "analytics_write: ${snowflake_database.analytics.name} WRITE",
            "raw_own: ${snowflake_database.raw.name} OWN",
            "raw_read: ${snowflake_database.raw.name} READ",
            "raw_write: ${snowflake_database.raw.name} WRITE",
        ])
        let accountRoles = config.resources.filter { $0.address.type == "snowflake_account_role" }.map(\.address.name).sorted()
        #expect(accountRoles == ["analyst", "transformer"])
        for r in config.resources where r.address.type == "snowflake_grant_privileges_to_database_role" || r.address.type == "snowflake_grant_database_role" {
            let name = try #require(r.arguments["database_role_name"]?.renderedJSON.stringValue, "\(r.address)")
            #expect(name.hasPrefix("${snowflake_database_role.") && name.hasSuffix(".fully_qualified_name}"), "\(r.address)")
            if let parent = r.arguments["parent_database_role_name"]?.renderedJSON.stringValue {
                #expect(parent.hasPrefix("${snowflake_database_role.") && parent.hasSuffix(".fully_qualified_name}"), "\(r.address)")
            }
        }
        // The hierarchy stays inside one database: WRITE holds READ, OWN holds WRITE.
        let write = try #require(config.resources.first { $0.address == .resource("snowflake_grant_database_role", "raw_write_includes_read") })
        #expect(write.arguments["database_role_name"]?.renderedJSON == "${snowflake_database_role.raw_read.fully_qualified_name}")
        #expect(write.arguments["parent_database_role_name"]?.renderedJSON == "${snowflake_database_role.raw_write.fully_qualified_name}")
        #expect(write.arguments["parent_role_name"] == nil)
        // A functional role's access is the database role granted to the account role.
        let access = try #require(config.resources.first { $0.address == .resource("snowflake_grant_database_role", "transformer_read_raw") })
        #expect(access.arguments["database_role_name"]?.renderedJSON == "${snowflake_database_role.raw_read.fully_qualified_name}")
        #expect(access.arguments["parent_role_name"]?.renderedJSON == "${snowflake_account_role.transformer.name}")
    }

    /// Owner, tier, classification and cost center reach every Snowflake object's comment and the
    /// provenance metadata the policy engine reads, with per-construct and per-schema overrides.
    @Test func metadataReachesCommentsAndProvenance() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let objects = config.resources.filter { !$0.address.type.hasPrefix("snowflake_grant_") }
        #expect(objects.count == 17)
        for r in objects {
            let metadata = try #require(r.provenance?.metadata, "\(r.address) has no metadata")
            #expect(metadata["owner"] != nil && metadata["tier"] != nil && metadata["data_classification"] != nil, "\(r.address)")
            #expect(metadata["environment"] == "prod" && metadata["platform"] == "acme" && metadata["managed_by"] == "paved")
            if r.address.type != "snowflake_resource_monitor" {
                let comment = try #require(r.arguments["comment"]?.renderedJSON.stringValue, "\(r.address) has no comment")
                #expect(comment.contains("owner=\(metadata["owner"] ?? "")"))
                #expect(comment.contains("data_classification=\(metadata["data_classification"] ?? "")"))
            }
        }
        func metadata(_ type: String, _ name: String) -> [String: String]? {
            config.resources.first { $0.address == ResourceAddress.resource(type, name) }?.provenance?.metadata
        }
        #expect(metadata("snowflake_warehouse", "transform")?["owner"] == "analytics@acme.io")
        #expect(metadata("snowflake_warehouse", "transform")?["tier"] == "tier1")
        #expect(metadata("snowflake_resource_monitor", "transform")?["tier"] == "tier1")
        #expect(metadata("snowflake_database", "raw")?["data_classification"] == "confidential")
        #expect(metadata("snowflake_database", "raw")?["cost_center"] == "cc-7200")
        #expect(metadata("snowflake_schema", "raw_events")?["data_classification"] == "confidential")
        #expect(metadata("snowflake_schema", "analytics_marts")?["data_classification"] == "confidential")
        #expect(metadata("snowflake_database", "analytics")?["data_classification"] == "internal")
        // Grants are not objects: no metadata, so they are not asked for tags.
        #expect(config.resources.filter { $0.address.type.hasPrefix("snowflake_grant_") }.allSatisfy { $0.provenance?.metadata == nil })
    }

    @Test func environmentsGetTheirOverridesAndOwnNames() throws {
        let dev = try #require(PavedTesting.stack(Self.full, .dev))
        let prod = try #require(PavedTesting.stack(Self.full, .prod))
        func arg(_ c: Configuration, _ type: String, _ name: String, _ key: String) -> JSON? {
            c.resources.first { $0.address == ResourceAddress.resource(type, name) }?.arguments[key]?.renderedJSON
        }
        #expect(arg(dev, "snowflake_warehouse", "transform", "warehouse_size") == "XSMALL")
        #expect(arg(prod, "snowflake_warehouse", "transform", "warehouse_size") == "MEDIUM")
        #expect(arg(dev, "snowflake_warehouse", "transform", "auto_suspend") == .int(60))
        #expect(arg(prod, "snowflake_warehouse", "transform", "auto_suspend") == .int(300))
        #expect(arg(dev, "snowflake_resource_monitor", "transform", "credit_quota") == .int(50))
        #expect(arg(prod, "snowflake_resource_monitor", "transform", "credit_quota") == .int(500))
        #expect(arg(dev, "snowflake_database", "raw", "data_retention_time_in_days") == .int(1))
        #expect(arg(prod, "snowflake_database", "raw", "data_retention_time_in_days") == .int(7))
        #expect(arg(dev, "snowflake_database", "raw", "name") == "ACME_DEV_RAW")
        #expect(arg(prod, "snowflake_database", "raw", "name") == "ACME_PROD_RAW")
    }

    /// No secret is ever written: the service user's public key is a variable, the provider's
    /// account comes from variables, and no password or private key attribute appears.
    @Test func noSecretsAndKeyPairAuthentication() throws {
        let config = try #require(PavedTesting.stack(Self.full, .prod))
        let user = try #require(config.resources.first { $0.address == ResourceAddress.resource("snowflake_service_user", "dbt") })
        #expect(user.arguments["rsa_public_key"]?.renderedJSON == "${var.snowflake_dbt_rsa_public_key}")
        #expect(user.arguments["password"] == nil)
        #expect(user.arguments["default_secondary_roles_option"]?.renderedJSON == "NONE")
        #expect(config.variables.map(\.name) == [
            "snowflake_account_name", "snowflake_dbt_rsa_public_key", "snowflake_dbt_rsa_public_key_2", "snowflake_organization_name",
        ])
        #expect(config.variables.map { $0.defaultValue } == [nil, nil, .null, nil])
        #expect(user.arguments["rsa_public_key_2"]?.renderedJSON == "${var.snowflake_dbt_rsa_public_key_2}")
        let provider = try #require(config.providers.first { $0.name == "snowflake" })
        #expect(provider.arguments.keys.sorted() == ["account_name", "organization_name"])
        #expect(config.terraform.requiredProviders.keys.sorted() == ["snowflake"])
        let text = try #require(PavedTesting.render(Self.full).files["prod/main.tf.json"])
        for word in ["\"password\"", "private_key", "\"token\""] { #expect(!text.contains(word), "\(word) in output") }
    }

    /// Everything the constructs write exists in the full snowflake 2.11.0 schema, with every
    /// required attribute and block.
    @Test(.enabled(if: SchemaValidityTests.hasSharedSchema("snowflake.json")))
    func validAgainstTheFullSnowflakeSchema() throws {
        #expect(try SchemaValidityTests.sharedSchemaFindings("snowflake.json", [Self.minimal, Self.full]) == [])
    }

    @Test func validAgainstTheBundledSchemas() throws {
        let schemas = try ProviderSchemas.bundled()
        for stack in Synthesizer().synthesize(Self.full).stacks {
            let found = SchemaValidator(schemas: schemas).validate(text: TerraformRenderer().renderBytes(stack.configuration), file: stack.path)
            #expect(found.map(\.description) == [])
        }
    }

    /// AWS output is untouched by a platform also declaring Snowflake constructs: no snowflake
    /// provider, variables or metadata comments in a stack without Snowflake.
    @Test func awsOnlyStacksGetNoSnowflakeBlocks() throws {
        let platform = Platform("aws-only", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            Bucket("raw")
        }
        let text = try #require(PavedTesting.render(platform).files["dev/main.tf.json"])
        #expect(!text.contains("snowflake") && !text.contains("\n  \"variable\"") && !text.contains("\"metadata\""))
    }

    @Test func invalidInputsAreErrorsAtTheirLines() {
        let file = "PavedTests/SnowflakeTests.swift"
        let line = #line
        let platform = Platform("sf", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            Snowflake.Warehouse("Big_WH", autoSuspend: .seconds(0), clusters: 0...12)
            Snowflake.Warehouse("transform", statementTimeout: .days(8)) {
                CreditBudget(perMonth: 0, notifyAt: [90, 90, 120], suspendAt: 100, suspendImmediatelyAt: 95)
            }
            .overriding(in: .dev, autoSuspend: .hours(2))
            Snowflake.Database("raw", retention: .days(120)) {
                Snowflake.Schema("public")
                Snowflake.Schema("events", retention: .hours(12))
                Snowflake.Schema("events")
            }
            .overriding(in: .dev, retention: .days(0))
            Snowflake.NetworkPolicy("open", allowedIPs: ["0.0.0.0/0", "10.0.0.300"])
            Snowflake.NetworkPolicy("none", allowedIPs: [])
            Bucket("landing")
            Snowflake.Role("loader") {
                Allow(.write, on: "ra")
                Allow(.readSecret, on: "raw")
                Allow(.read, on: "landing")
                Allow(.write, on: "transform")
                Allow(actions: ["s3:GetObject"], on: ["*"])
            }
            Snowflake.ServiceUser("svc", role: "landing", warehouse: "transfrm", networkPolicy: "loader")
        }
        let actual = PavedTesting.diagnostics(of: platform)
        #expect(actual == [
            "\(file):\(line + 3): error: snowflake warehouse name 'Big_WH' is invalid: use lowercase letters, digits and dashes, start with a letter, at most 48 characters (e.g. 'big-wh')",
            "\(file):\(line + 3): error: warehouse 'Big_WH' autoSuspend must be 1 to 60 minutes (got 0 days): Snowflake bills at least a minute per resume, and idle warehouses bill every second",
            "\(file):\(line + 3): error: warehouse 'Big_WH' clusters must be within 1...300 for size XSMALL (got 0...12)",
            "\(file):\(line + 3): error: warehouse 'Big_WH' has no credit budget: add { CreditBudget(perMonth: 100, notifyAt: [75, 90], suspendAt: 100) } so its spending is bounded",
            "\(file):\(line + 4): error: warehouse 'transform' statementTimeout must be 1 second to 7 days (got 8 days)",
            "\(file):\(line + 5): error: credit budget of warehouse 'transform' must be a positive number of credits per month (got 0)",
            "\(file):\(line + 5): error: credit budget of warehouse 'transform': notification at 120% comes at or after the suspension at 100%, so it is never useful",
            "\(file):\(line + 5): error: credit budget of warehouse 'transform' notifies twice at the same percentage (90, 90, 120)",
            "\(file):\(line + 5): error: credit budget of warehouse 'transform': suspendImmediatelyAt 95% is below suspendAt 100%",
            "\(file):\(line + 7): error: warehouse 'transform' autoSuspend must be 1 to 60 minutes (got 2 hours): Snowflake bills at least a minute per resume, and idle warehouses bill every second",
            "\(file):\(line + 8): error: database 'raw' retention must be 1 to 90 days (got 120 days): 0 turns Time Travel off, and Snowflake keeps at most 90",
            "\(file):\(line + 13): error: database 'raw' in dev retention must be 1 to 90 days (got 0 days): 0 turns Time Travel off, and Snowflake keeps at most 90",
            "\(file):\(line + 9): error: schema 'public' is dropped when Paved creates database 'raw': give the schema a name that says what it holds",
            "\(file):\(line + 10): error: schema 'events' retention must be whole days (got 12 hours): Snowflake keeps Time Travel data in days",
            "\(file):\(line + 11): error: schema 'events' is declared twice in database 'raw'; first at \(file):\(line + 10)",
            "\(file):\(line + 14): error: network policy 'open': '10.0.0.300' is not an IPv4 address or CIDR range (such as 203.0.113.0/24)",
            "\(file):\(line + 14): error: network policy 'open' allows every address ('0.0.0.0/0'): list only your networks",
            "\(file):\(line + 15): error: network policy 'none' allows no address: list the networks its users connect from in allowedIPs",
            "\(file):\(line + 22): error: Allow(actions:on:) writes IAM statements, which Snowflake roles do not have: use Allow(.read, on: \"database\"), .write, .own or .use",
            "\(file):\(line + 18): error: no construct named 'ra' in platform 'sf'; did you mean 'raw'?",
            "\(file):\(line + 19): error: cannot grant .readSecret on snowflake database 'raw' to snowflake role 'loader': use .read or .write or .own",
            "\(file):\(line + 20): error: cannot grant .read on bucket 'landing' to snowflake role 'loader': a snowflake role can be granted access to snowflake databases and warehouses only",
            "\(file):\(line + 21): error: cannot grant .write on snowflake warehouse 'transform' to snowflake role 'loader': use .use",
            "\(file):\(line + 24): error: service user 'svc': 'landing' is a bucket, not a snowflake role",
            "\(file):\(line + 24): error: no snowflake warehouse named 'transfrm' in platform 'sf'; did you mean 'transform'?",
            "\(file):\(line + 24): error: service user 'svc': 'loader' is a snowflake role, not a snowflake network policy",
            "\(file):\(line + 11): error: duplicate address snowflake_schema.raw_events; first declared at \(file):\(line + 10)",
        ])
    }
}

/// An AWS role naming a Snowflake or BigQuery target says where such grants go.
@Suite struct CrossSystemGrantTests {
    @Test func awsRolesPointToTheRightConstruct() {
        let file = "PavedTests/SnowflakeTests.swift"
        let line = #line
        let platform = Platform("x", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"), gcp: .project("acme-x-dev", region: "europe-west1"))
            Snowflake.Database("raw")
            BigQueryDataset("events", location: "EU")
            Role("etl", assumedBy: .service(.glue)) {
                Allow(.read, on: "raw")
                Allow(.read, on: "events")
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 6): error: cannot grant .read on snowflake database 'raw': AWS roles cannot be granted Snowflake objects: grant it in a Snowflake.Role",
            "\(file):\(line + 7): error: cannot grant .read on bigquery dataset 'events': AWS roles cannot be granted Google Cloud resources: grant it in a GCPServiceAccount",
        ])
    }
}

/// `Allow(.read, on: "database/schema")`: schema access roles, and the database roles keep their
/// future grants in that schema (schema-level future grants make Snowflake ignore database-level ones).
@Suite struct SnowflakeSchemaGrantTests {
    static let platform = Platform("sf", owner: "data@acme.io") {
        Environment(.dev, backend: .local(path: "dev.tfstate"))
        Snowflake.Database("raw") {
            Snowflake.Schema("events")
            Snowflake.Schema("finance")
        }
        Snowflake.Role("auditor") {
            Allow(.read, on: "raw/finance")
        }
        Snowflake.Role("loader") {
            Allow(.write, on: "raw/finance")
            Allow(.write, on: "raw/finance")
        }
    }

    @Test func schemaGrantsAreExact() throws {
        #expect(PavedTesting.diagnostics(of: Self.platform) == [])
        let config = try #require(PavedTesting.stack(Self.platform, .dev))
        let grants = SnowflakeTests.grants(config)
        let schemaLevel = grants.filter { $0.contains("finance") || $0.contains("in ${snowflake_schema") || $0.contains("snowflake_schema") }
        #expect(schemaLevel == [
            "dbrole:raw_finance_read -> dbrole:raw_finance_write",
            "dbrole:raw_finance_read -> role:auditor",
            "dbrole:raw_finance_read <- SELECT on all TABLES in ${snowflake_schema.raw_finance.fully_qualified_name}",
            "dbrole:raw_finance_read <- SELECT on all VIEWS in ${snowflake_schema.raw_finance.fully_qualified_name}",
            "dbrole:raw_finance_read <- SELECT on future TABLES in ${snowflake_schema.raw_finance.fully_qualified_name}",
            "dbrole:raw_finance_read <- SELECT on future VIEWS in ${snowflake_schema.raw_finance.fully_qualified_name}",
            "dbrole:raw_finance_read <- USAGE on DATABASE db:raw",
            "dbrole:raw_finance_read <- USAGE on schema ${snowflake_schema.raw_finance.fully_qualified_name}",
            "dbrole:raw_finance_write -> role:loader",
            "dbrole:raw_finance_write <- DELETE,INSERT,UPDATE on all TABLES in ${snowflake_schema.raw_finance.fully_qualified_name}",
            "dbrole:raw_finance_write <- DELETE,INSERT,UPDATE on future TABLES in ${snowflake_schema.raw_finance.fully_qualified_name}",
            "dbrole:raw_read <- SELECT on future TABLES in ${snowflake_schema.raw_finance.fully_qualified_name}",
            "dbrole:raw_read <- SELECT on future VIEWS in ${snowflake_schema.raw_finance.fully_qualified_name}",
            "dbrole:raw_write <- DELETE,INSERT,UPDATE on future TABLES in ${snowflake_schema.raw_finance.fully_qualified_name}",
        ])
        let text = try #require(PavedTesting.render(Self.platform).files["dev/main.tf.json"])
        PavedTesting.assertGolden(text, at: SnowflakeTests.goldens.appendingPathComponent("snowflake-schema-grants-dev.tf.json"))
        // No schema access roles for schemas nobody is granted.
        #expect(!config.resources.contains { $0.address.name.hasPrefix("raw_events_") && $0.address.type == "snowflake_database_role" })
    }

    @Test(.enabled(if: SchemaValidityTests.hasSharedSchema("snowflake.json")))
    func validAgainstTheFullSnowflakeSchema() throws {
        #expect(try SchemaValidityTests.sharedSchemaFindings("snowflake.json", [Self.platform]) == [])
    }

    @Test func badSchemaTargets() {
        let file = "PavedTests/SnowflakeTests.swift"
        let line = #line
        let platform = Platform("sf", owner: "o@acme.io") {
            Environment(.dev)
            Snowflake.Database("raw") { Snowflake.Schema("events") }
            Snowflake.Role("reader") {
                Allow(.read, on: "raw/event")
                Allow(.read, on: "rwa/events")
                Allow(.own, on: "raw/events")
            }
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 5): error: snowflake database 'raw' has no schema 'event'; did you mean 'raw/events'?",
            "\(file):\(line + 6): error: no snowflake database named 'rwa' in platform 'sf'; did you mean 'raw'?",
            "\(file):\(line + 7): error: cannot grant .own on schema 'raw/events' to snowflake role 'reader': use .read or .write (or grant .own on the database)",
        ])
    }
}

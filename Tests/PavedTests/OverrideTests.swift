import Foundation
import Paved
import PavedTesting
import Testing

/// Per-environment overrides: they apply in their environment only, are validated at their own
/// line, and must name an environment the platform declares.
@Suite struct OverrideTests {
    static let subnets = ["subnet-0a1b2c3d", "subnet-1a2b3c4d"]

    static func resource(_ config: Configuration?, _ type: String, _ name: String) -> Resource? {
        config?.resources.first { $0.address == ResourceAddress.resource(type, name) }
    }

    @Test func redshiftCapacityAndLimitsChangeInTheirEnvironmentOnly() throws {
        let platform = RedshiftServerlessTests.full
        let dev = PavedTesting.stack(platform, .dev), prod = PavedTesting.stack(platform, .prod)
        let devGroup = try #require(Self.resource(dev, "aws_redshiftserverless_workgroup", "analytics"))
        let prodGroup = try #require(Self.resource(prod, "aws_redshiftserverless_workgroup", "analytics"))
        #expect(devGroup.arguments["base_capacity"]?.renderedJSON == .int(8))
        #expect(devGroup.arguments["max_capacity"]?.renderedJSON == .int(32))
        #expect(prodGroup.arguments["base_capacity"]?.renderedJSON == .int(16))
        #expect(prodGroup.arguments["max_capacity"]?.renderedJSON == .int(128))
        func limits(_ config: Configuration?) -> [String] {
            (config?.resources ?? []).filter { $0.address.type == "aws_redshiftserverless_usage_limit" }.map(\.address.name).sorted()
        }
        // The override's limits replace the construct's in dev; the other workgroup keeps its own.
        #expect(limits(dev) == ["adhoc_weekly_deactivate", "analytics_monthly_deactivate"])
        #expect(limits(prod) == ["adhoc_weekly_deactivate", "analytics_daily_log", "analytics_monthly_deactivate", "analytics_monthly_emit_metric"])
        let devLimit = try #require(Self.resource(dev, "aws_redshiftserverless_usage_limit", "analytics_monthly_deactivate"))
        #expect(devLimit.arguments["amount"]?.renderedJSON == .int(200))
        // The audit logs are kept 90 days in dev, 731 (the construct's) in prod; adhoc keeps the default.
        func retention(_ config: Configuration?, _ name: String) -> JSON? {
            Self.resource(config, "aws_cloudwatch_log_group", name)?.arguments["retention_in_days"]?.renderedJSON
        }
        for type in ["connectionlog", "useractivitylog", "userlog"] {
            #expect(retention(dev, "redshift_analytics_\(type)") == .int(90))
            #expect(retention(prod, "redshift_analytics_\(type)") == .int(731))
            #expect(retention(dev, "redshift_adhoc_\(type)") == .int(365))
            #expect(retention(prod, "redshift_adhoc_\(type)") == .int(365))
        }
    }

    @Test func databricksWarehouseAndPolicyChangeInTheirEnvironmentOnly() throws {
        let platform = DatabricksTests.full
        let dev = PavedTesting.stack(platform, .dev), prod = PavedTesting.stack(platform, .prod)
        let devBI = try #require(Self.resource(dev, "databricks_sql_endpoint", "bi"))
        let prodBI = try #require(Self.resource(prod, "databricks_sql_endpoint", "bi"))
        #expect(devBI.arguments["cluster_size"]?.renderedJSON == "2X-Small")
        #expect(devBI.arguments["auto_stop_mins"]?.renderedJSON == .int(5))
        #expect(devBI.arguments["max_num_clusters"]?.renderedJSON == .int(1))
        #expect(prodBI.arguments["cluster_size"]?.renderedJSON == "Large")
        #expect(prodBI.arguments["max_num_clusters"]?.renderedJSON == .int(4))

        let devPolicy = try #require(Self.resource(dev, "databricks_cluster_policy", "etl_jobs"))
        let prodPolicy = try #require(Self.resource(prod, "databricks_cluster_policy", "etl_jobs"))
        let devDefinition = try #require(devPolicy.arguments["definition"]?.renderedJSON.stringValue)
        let prodDefinition = try #require(prodPolicy.arguments["definition"]?.renderedJSON.stringValue)
        #expect(devDefinition.contains(#""dbus_per_hour" = {"maxValue" = 10, "type" = "range"}"#))
        #expect(devDefinition.contains(#""autoscale.max_workers" = {"maxValue" = 2, "type" = "range"}"#))
        #expect(devDefinition.contains(#""autotermination_minutes" = {"defaultValue" = 15, "maxValue" = 15, "minValue" = 10, "type" = "range"}"#))
        #expect(prodDefinition.contains(#""dbus_per_hour" = {"maxValue" = 40, "type" = "range"}"#))
        #expect(prodDefinition.contains(#""autoscale.max_workers" = {"maxValue" = 8, "type" = "range"}"#))
    }

    @Test func invalidOverridesAreErrorsAtTheOverrideLine() {
        let file = "PavedTests/OverrideTests.swift"
        let line = #line
        let platform = Platform("ovr", owner: "o@acme.io") {
            Environment(.dev, aws: .account("111111111111", region: "eu-west-1"))
            Environment(.prod, aws: .account("222222222222", region: "eu-west-1"))
            RedshiftServerless("rs", maxCapacity: 16, subnetIDs: Self.subnets, securityGroupIDs: ["sg-0123abcd"]) {
                UsageLimit(rpuHoursPerMonth: 100, breach: .deactivate)
            }
            .overriding(in: .dev, baseCapacity: 12, keepLogsFor: .days(10)) {
                UsageLimit(rpuHoursPerMonth: -1, breach: .deactivate)
            }
            .overriding(in: "staging", maxCapacity: 8)
            Databricks.SQLWarehouse("bi", serverless: false)
                .overriding(in: .dev, autoStop: .minutes(5), maxClusters: 50)
            Databricks.ClusterPolicy("etl", maxDBUsPerHour: 0, maxWorkers: 4)
                .overriding(in: .prod, maxWorkers: 0, autoTerminate: .hours(3))
            Snowflake.Warehouse("wh") { CreditBudget(perMonth: 10) }
                .overriding(in: .stage, size: .small)
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 7): error: redshift serverless 'rs' in dev baseCapacity must be 4, 8 to 512 RPUs in steps of 8, or 512 to 1024 in steps of 32 (got 12)",
            "\(file):\(line + 8): error: usage limit of redshift serverless 'rs' in dev must be a positive number of RPU-hours (got -1)",
            "\(file):\(line + 7): error: redshift serverless 'rs' in dev keepLogsFor must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days), got 10 days",
            "\(file):\(line + 10): error: redshift serverless 'rs' overrides environment 'staging', which the platform does not declare (it has dev, prod)",
            "\(file):\(line + 12): error: databricks sql warehouse 'bi' in dev autoStop must be 10 to 60 whole minutes for a non-serverless warehouse (got 5 minutes): an idle warehouse bills until it stops",
            "\(file):\(line + 12): error: databricks sql warehouse 'bi' in dev maxClusters must be 1 to 40 (got 50)",
            "\(file):\(line + 13): error: databricks cluster policy 'etl' maxDBUsPerHour must be positive (got 0)",
            "\(file):\(line + 14): error: databricks cluster policy 'etl' in prod maxWorkers must be at least 1 (got 0)",
            "\(file):\(line + 14): error: databricks cluster policy 'etl' in prod autoTerminate must be 10 to 120 whole minutes (got 3 hours): idle clusters bill until they terminate",
            "\(file):\(line + 16): error: snowflake warehouse 'wh' overrides environment 'stage', which the platform does not declare (it has dev, prod)",
        ])
    }
}

extension OverrideTests {
    @Test func overridesOfUndeclaredEnvironmentsAreErrorsForEveryOverridingConstruct() {
        let file = "PavedTests/OverrideTests.swift"
        let line = #line
        let platform = Platform("ovr", owner: "o@acme.io") {
            Environment(.prod)
            Databricks.SQLWarehouse("bi").overriding(in: .dev, maxClusters: 1)
            Databricks.ClusterPolicy("etl", maxDBUsPerHour: 10, maxWorkers: 2).overriding(in: .dev, maxWorkers: 1)
            Dagster.ConcurrencyPool("db", limit: 4).overriding(in: .dev, limit: 1)
        }
        #expect(PavedTesting.diagnostics(of: platform) == [
            "\(file):\(line + 3): error: databricks sql warehouse 'bi' overrides environment 'dev', which the platform does not declare (it has prod)",
            "\(file):\(line + 4): error: databricks cluster policy 'etl' overrides environment 'dev', which the platform does not declare (it has prod)",
            "\(file):\(line + 5): error: dagster concurrency pool 'db' overrides environment 'dev', which the platform does not declare (it has prod)",
        ])
    }
}

import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// The built-in packs: complete metadata, and for every rule passing and violating fixtures that
/// give exactly the expected findings (the fixtures `paved policy test` runs).
@Suite struct BuiltinRulesTests {
    @Test func builtinPacksLoadWithCompleteMetadata() throws {
        let rules = try RuleSet.builtin()
        #expect(rules.rules.count >= 40)
        for rule in rules.rules {
            let m = rule.metadata
            #expect(["security", "governance", "cost"].contains(m.pack), "\(m.id) pack \(m.pack)")
            #expect(!m.title.isEmpty && !m.rationale.isEmpty && !m.remediation.isEmpty, "\(m.id)")
            #expect(!m.references.isEmpty, "\(m.id) has no references")
            #expect(m.references.allSatisfy { $0.hasPrefix("https://") }, "\(m.id)")
            #expect(m.id.hasPrefix(["security": "SEC-", "governance": "GOV-", "cost": "COST-"][m.pack] ?? "?"), "\(m.id)")
            #expect(m.source?.file == "policies/\(m.pack)/\(m.id).yaml", "\(m.id) is declared in \(String(describing: m.source))")
        }
    }

    @Test func everyBuiltinRuleHasPassingAndViolatingFixtures() throws {
        let rules = try RuleSet.builtin()
        let fixtures = PolicyTestRunner.discover(under: TestPaths.policies.path)
        for rule in rules.rules {
            let mine = fixtures.filter { $0.ruleID == rule.metadata.id }
            #expect(mine.contains { $0.kind == .passing }, "\(rule.metadata.id) has no passing fixture")
            #expect(mine.contains { $0.kind == .violating }, "\(rule.metadata.id) has no violating fixture")
        }
        #expect(Set(fixtures.map(\.ruleID)).isSubset(of: Set(rules.rules.map(\.metadata.id))))
    }

    @Test func everyFixtureGivesExactlyItsExpectedFindings() throws {
        let runner = PolicyTestRunner(rules: try RuleSet.builtin(), today: try #require(CivilDate(parsing: "2026-01-15")))
        let result = runner.run(PolicyTestRunner.discover(under: TestPaths.policies.path))
        for failed in result.cases where !failed.passed {
            Issue.record("\(failed.fixture.path):\n  \(failed.problems.joined(separator: "\n  "))")
        }
        #expect(result.cases.count >= 120)
        #expect(result.rulesMissingFixtures.isEmpty)
    }

    /// The packs cover the data-platform services no scanner covers today.
    @Test func packsCoverTheDataPlatformServices() throws {
        let rules = try RuleSet.builtin().rules.map(\.metadata)
        let services = Set(rules.map(\.service))
        for service in ["snowflake", "bigquery", "composer", "databricks", "redshift-serverless", "mwaa", "secret-manager", "vault"] {
            #expect(services.contains(service), "no rule for \(service)")
        }
        let snowflakeTypes = try RuleSet.builtin().rules.flatMap { $0.selector.patterns.map(\.type) }.filter { $0.hasPrefix("snowflake_") }
        for type in ["snowflake_warehouse", "snowflake_database", "snowflake_schema", "snowflake_grant_privileges_to_account_role",
                     "snowflake_grant_database_role", "snowflake_user", "snowflake_network_policy", "snowflake_resource_monitor"] {
            #expect(snowflakeTypes.contains(type), "no Snowflake rule selects \(type)")
        }
    }
}

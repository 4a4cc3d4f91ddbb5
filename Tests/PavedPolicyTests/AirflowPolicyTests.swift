import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// The built-in packs read what the Airflow construct sets: breaking its goldens (PavedTests) is
/// reported. That every golden passes the packs is ConstructGoldenPolicyTests' job.
@Suite struct AirflowPolicyTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PavedTests/Resources/golden/constructs")

    static func findings(_ name: String, replacing: (String, String)? = nil) throws -> [String] {
        let url = goldens.appendingPathComponent("\(name).tf.json")
        var text = try String(contentsOf: url, encoding: .utf8)
        if let (old, new) = replacing { text = text.replacingOccurrences(of: old, with: new) }
        var builder = PolicyInputBuilder()
        builder.addDocument(try JSONDocument(parsing: text, file: "\(name).tf.json"))
        return PolicyEngine(rules: try RuleSet.builtin()).findings(in: builder.build()).map { "\($0.ruleID) \($0.address)" }
    }

    /// The packs do look at this output: a public web server, uncapped workers or unmanaged log
    /// retention would be reported.
    @Test func thePacksSeeTheAttributesTheConstructSets() throws {
        let publicServer = try Self.findings("airflow-mwaa-minimal-prod", replacing: ("\"PRIVATE_ONLY\"", "\"PUBLIC_ONLY\""))
        #expect(publicServer == [
            "SEC-MWAA-001 aws_mwaa_environment.core",
        ])
        #expect(try Self.findings("airflow-mwaa-minimal-prod", replacing: ("\"max_workers\": 10", "\"max_workers\": 40")) == [
            "COST-MWAA-001 aws_mwaa_environment.core",
        ])
        #expect(try Self.findings("airflow-mwaa-minimal-prod", replacing: ("\"retention_in_days\": 365", "\"retention_in_days\": 0")).sorted() == [
            "dag_processing", "scheduler", "task", "web_server", "worker",
        ].map { "COST-LOG-001 aws_cloudwatch_log_group.airflow_core_\($0)" })
        #expect(try Self.findings("airflow-composer-minimal-prod", replacing: ("203.0.113.0/24", "0.0.0.0/0")) == [
            "SEC-COMPOSER-001 google_composer_environment.core",
        ])
    }
}

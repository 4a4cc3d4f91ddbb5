import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// The built-in packs over the Airflow construct's goldens (PavedTests): MWAA and Cloud Composer
/// output passes every rule, including SEC-MWAA-*, COST-MWAA-001, SEC-LOG-*, COST-LOG-001,
/// SEC-COMPOSER-*, SEC-KMS-*, SEC-IAM-* and GOV-META-*.
@Suite struct AirflowPolicyTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PavedTests/Resources/golden/constructs")

    static let files = [
        "airflow-mwaa-minimal-prod", "airflow-mwaa-full-dev", "airflow-mwaa-full-prod",
        "airflow-composer-minimal-prod", "airflow-composer-full-dev", "airflow-composer-full-prod",
    ]

    static func findings(_ name: String, replacing: (String, String)? = nil) throws -> [String] {
        let url = goldens.appendingPathComponent("\(name).tf.json")
        var text = try String(contentsOf: url, encoding: .utf8)
        if let (old, new) = replacing { text = text.replacingOccurrences(of: old, with: new) }
        var builder = PolicyInputBuilder()
        builder.addDocument(try JSONDocument(parsing: text, file: "\(name).tf.json"))
        return PolicyEngine(rules: try RuleSet.builtin()).findings(in: builder.build()).map { "\($0.ruleID) \($0.address)" }
    }

    @Test(arguments: files)
    func goldenPassesTheBuiltinPacks(_ name: String) throws {
        let found = try Self.findings(name)
        #expect(found == [])
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

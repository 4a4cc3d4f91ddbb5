import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// The sources generated from files: kept in sync by these tests.
@Suite struct GeneratedSourcesTests {
    @Test func builtinPacksMatchPoliciesFolder() throws {
        let files = RuleSet.ruleFiles(under: TestPaths.policies.path).map { relative in
            (path: relative, text: (try? String(contentsOf: TestPaths.policies.appendingPathComponent(relative), encoding: .utf8)) ?? "")
        }
        #expect(files.count >= 40)
        let source = BuiltinPacksGenerator.swiftSource(files: files)
        try assertFile(
            source, at: TestPaths.root.appendingPathComponent("Sources/PavedPolicy/Builtin/BuiltinPacks+Generated.swift"),
            what: "BuiltinPacks+Generated.swift")
        // The compiled-in copy is the same text, file by file.
        #expect(BuiltinPacks.files.map(\.path) == files.map(\.path).sorted())
        for (compiled, onDisk) in zip(BuiltinPacks.files, files.sorted { $0.path < $1.path }) {
            #expect(compiled.text == onDisk.text, "policies/\(onDisk.path) differs from the compiled-in copy")
        }
    }

    /// Regenerates the attribute catalog from the provider schemas when they are available
    /// (`../shared/schemas`, or `PAVED_SCHEMAS`); skipped elsewhere.
    @Test func attributeCatalogMatchesProviderSchemas() throws {
        let dir = ProcessInfo.processInfo.environment["PAVED_SCHEMAS"]
            ?? TestPaths.root.deletingLastPathComponent().appendingPathComponent("shared/schemas").path
        let names = ["aws", "google", "snowflake", "databricks", "vault"]
        guard names.allSatisfy({ FileManager.default.fileExists(atPath: "\(dir)/\($0).json") }) else { return }
        var catalogs: [(name: String, text: String)] = []
        for name in names {
            let document = try JSONDocument.load(contentsOfFile: "\(dir)/\(name).json")
            catalogs.append((name, try AttributeCatalogGenerator.catalogText(schema: document.root, file: "\(name).json")))
        }
        try assertFile(
            AttributeCatalogGenerator.swiftSource(catalogs: catalogs),
            at: TestPaths.root.appendingPathComponent("Sources/PavedPolicy/Language/AttributeCatalog+Generated.swift"),
            what: "AttributeCatalog+Generated.swift")
    }

    @Test func catalogKnowsTheDataPlatformTypes() {
        let catalog = AttributeCatalog.bundled
        for type in ["aws_s3_bucket", "snowflake_warehouse", "google_bigquery_dataset", "databricks_sql_endpoint", "vault_policy",
                     "aws_redshiftserverless_workgroup", "aws_mwaa_environment", "google_composer_environment"] {
            #expect(catalog.block(type: type, mode: .managed) != nil, "\(type)")
        }
        #expect(catalog.block(type: "aws_iam_policy_document", mode: .data) != nil)
        #expect(catalog.isTaggable(type: "aws_s3_bucket") == true)
        #expect(catalog.isTaggable(type: "aws_kms_alias") == false)
        #expect(catalog.isTaggable(type: "google_bigquery_dataset") == true)
    }
}

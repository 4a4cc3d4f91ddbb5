import Foundation
import PavedTerraform
import Testing
@testable import PavedPolicy

/// Every construct's golden output, and the example platform's, passes the built-in policy packs:
/// no unwaived finding of any severity, advisory ones included. A construct that needs an
/// exception carries a DSL waiver with its reason, which is written into the golden and honoured here.
@Suite struct ConstructGoldenPolicyTests {
    static let goldens = TestPaths.root.appendingPathComponent("Tests/PavedTests/Resources/golden")
    static let engine: PolicyEngine? = (try? RuleSet.builtin()).map { PolicyEngine(rules: $0) }

    /// The stack goldens of the constructs and the example, relative to `goldens`, sorted.
    static func goldenFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: goldens.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            // Stacks only: module goldens take tags from variables, which a static check cannot see.
            if path.hasSuffix(".tf.json") && (path.hasPrefix("constructs/") || path.hasPrefix("acme-data/")) { files.append(path) }
        }
        return files.sorted()
    }

    @Test func thereAreGoldensToCheck() {
        let files = Self.goldenFiles()
        #expect(files.count >= 18)
        #expect(files.contains("acme-data/prod/main.tf.json"))
    }

    @Test(arguments: goldenFiles())
    func goldenPassesTheBuiltinPacks(_ file: String) throws {
        var builder = PolicyInputBuilder()
        builder.addPaths([Self.goldens.appendingPathComponent(file).path])
        let input = builder.build()
        #expect(input.diagnostics.map(\.description) == [])
        // Before every waiver in the goldens expires, so an expiry date never turns this test red.
        let today = try #require(CivilDate(parsing: "2026-06-01"))
        let engine = try #require(Self.engine, "the built-in packs do not load")
        let report = engine.evaluate(input, options: EvaluationOptions(today: today))
        let findings = report.findings.map { "\($0.ruleID) \($0.address): \($0.message)" }
        #expect(findings == [], "\(file)")
        #expect(report.resourceCount > 0)
    }
}

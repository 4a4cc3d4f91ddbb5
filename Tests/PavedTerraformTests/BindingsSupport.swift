import Foundation
import Testing
@testable import PavedTerraform

/// Paths and golden helpers of the bindings tests.
enum BindingsPaths {
    /// The repository root.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/PavedTerraformTests/Resources/bindings/fixture-schema.json`: a small provider whose
    /// types cover every nesting mode, item bounds, kinds, keyword names and name clashes.
    static let fixtureSchema = repository.appendingPathComponent("Tests/PavedTerraformTests/Resources/bindings/fixture-schema.json").path

    /// The generated source for the fixture schema, compiled into this test target (so the golden
    /// output is proven to compile) and compared with the generator's output.
    static let fixtureGoldens = repository.appendingPathComponent("Tests/PavedTerraformTests/BindingsGolden").path

    /// The bindings Paved's constructs use, generated from the bundled schemas.
    static let committed = repository.appendingPathComponent("Sources/Paved/Bindings/Generated").path

    static var recording: Bool { ProcessInfo.processInfo.environment["PAVED_RECORD"] == "1" }
}

enum BindingsGolden {
    /// Compares the generated `files` with the `.swift` files of `directory`: the same names, the
    /// same bytes. With `PAVED_RECORD=1` the folder is rewritten (stale generated files removed)
    /// and the test fails anyway, so a recording run is never mistaken for a passing one.
    static func assertFolder(
        _ files: [GeneratedBindingFile], equal directory: String, regenerate: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        if BindingsPaths.recording {
            let plan = try BindingsOutputPlan(directory: directory, files: files)
            try plan.apply()
            Issue.record(
                "Recorded \(directory) (\(plan.changed.count) written, \(plan.stale.count) removed); run again without PAVED_RECORD to verify.",
                sourceLocation: sourceLocation)
            return
        }
        let present = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted()
        let expected = files.map(\.fileName).sorted()
        let missing = expected.filter { !present.contains($0) }
        let extra = present.filter { !expected.contains($0) }
        #expect(missing.isEmpty && extra.isEmpty, """
            \(directory) holds other files than the generator makes: missing \(missing), extra \(extra). \
            \(regenerate)
            """, sourceLocation: sourceLocation)
        for file in files where present.contains(file.fileName) {
            let path = (directory as NSString).appendingPathComponent(file.fileName)
            let committed = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            if committed != file.contents {
                Issue.record(
                    "\(path) differs from the generator's output \(firstDifference(committed, file.contents)). \(regenerate)",
                    sourceLocation: sourceLocation)
            }
        }
    }

    /// Compares `actual` with the golden text file `Resources/bindings/<name>`; `PAVED_RECORD=1`
    /// rewrites it and fails.
    static func assertText(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let path = BindingsPaths.repository.appendingPathComponent("Tests/PavedTerraformTests/Resources/bindings/\(name)").path
        let committed = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        if BindingsPaths.recording {
            _ = FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
            Issue.record("Recorded \(name); run again without PAVED_RECORD to verify.", sourceLocation: sourceLocation)
            return
        }
        guard let committed else {
            Issue.record("Missing golden \(path); record it with PAVED_RECORD=1.", sourceLocation: sourceLocation)
            return
        }
        if committed != actual {
            Issue.record(
                "Golden \(name) differs \(firstDifference(committed, actual))Re-record on purpose with PAVED_RECORD=1.",
                sourceLocation: sourceLocation)
        }
    }

    /// `at line N: expected … / actual …`.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let want = line < a.count ? String(a[line]) : "<end of file>"
        let got = line < b.count ? String(b[line]) : "<end of file>"
        return "at line \(line + 1):\n  committed: \(want)\n  generated: \(got)\n"
    }
}

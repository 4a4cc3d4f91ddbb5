import Foundation
import Paved
import Testing

/// Helpers for testing platforms written with Paved, in Paved's own tests and in yours.
public enum PavedTesting {
    /// Synthesizes `platform` and returns the rendered text of each stack by environment.
    public static func render(_ platform: Platform) -> (files: [String: String], diagnostics: [Diagnostic]) {
        let synthesis = Synthesizer().synthesize(platform)
        var files: [String: String] = [:]
        for stack in synthesis.stacks { files[stack.path] = TerraformRenderer().render(stack.configuration) }
        files["manifest.json"] = Manifest(platform: platform.name, stacks: synthesis.stacks).render()
        return (files, synthesis.diagnostics)
    }

    /// The diagnostics of synthesizing `platform`, as `File.swift:12: error: message` lines.
    public static func diagnostics(of platform: Platform) -> [String] {
        Synthesizer().synthesize(platform).diagnostics.map(\.description)
    }

    /// The stack of environment `env`, or nil.
    public static func stack(_ platform: Platform, _ env: EnvironmentName) -> Configuration? {
        Synthesizer().synthesize(platform).stacks.first { $0.environment == env }?.configuration
    }

    /// Compares `actual` with the golden file at `url`.
    ///
    /// A difference fails the test with the first differing line. With `PAVED_RECORD=1` in the
    /// environment the golden is rewritten, and the test still fails, so a recording run is never
    /// mistaken for a passing one.
    public static func assertGolden(
        _ actual: String, at url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let record = ProcessInfo.processInfo.environment["PAVED_RECORD"] == "1"
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if record {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            if expected != actual {
                Issue.record("Recorded golden \(url.lastPathComponent); run again without PAVED_RECORD to verify.", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected else {
            Issue.record("Missing golden \(url.path); record it with PAVED_RECORD=1.", sourceLocation: sourceLocation)
            return
        }
        if expected == actual { return }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let want = line < a.count ? String(a[line]) : "<end of file>"
        let got = line < b.count ? String(b[line]) : "<end of file>"
        Issue.record(
            "Golden \(url.lastPathComponent) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\nRe-record on purpose with PAVED_RECORD=1.",
            sourceLocation: sourceLocation)
    }
}

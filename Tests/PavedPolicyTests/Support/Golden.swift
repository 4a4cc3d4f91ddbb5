import Foundation
import Testing

/// Compares `actual` with the golden file `Resources/Golden/<name>`, failing loudly on any
/// difference. With `PAVED_RECORD=1` it writes the file instead, and fails so that a recording run
/// never passes by accident.
func assertGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = TestPaths.resources.appendingPathComponent("Golden/\(name)")
    try assertFile(actual, at: url, what: "golden \(name)", sourceLocation: sourceLocation)
}

/// Compares `actual` with the file at `url` (or records it with `PAVED_RECORD=1`, failing).
func assertFile(_ actual: String, at url: URL, what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if TestPaths.recording {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(what) at \(url.path); run again without PAVED_RECORD=1", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing \(what) at \(url.path); record it with PAVED_RECORD=1", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        Issue.record(
            "\(what) differs from \(url.path) (re-record on purpose with PAVED_RECORD=1):\n\(firstDifference(expected, actual))",
            sourceLocation: sourceLocation)
    }
}

/// The first differing line, for messages.
func firstDifference(_ expected: String, _ actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(e.count, a.count) {
        let el = i < e.count ? String(e[i]) : "<end>"
        let al = i < a.count ? String(a[i]) : "<end>"
        if el != al { return "line \(i + 1):\n  expected: \(el)\n  actual:   \(al)" }
    }
    return "(no line differs)"
}

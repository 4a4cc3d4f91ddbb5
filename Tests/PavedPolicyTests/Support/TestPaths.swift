import Foundation

/// Paths in the source checkout (tests read and record files next to the sources).
enum TestPaths {
    /// The package root.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/PavedPolicyTests/Resources`.
    static let resources = root.appendingPathComponent("Tests/PavedPolicyTests/Resources")

    /// The built-in packs.
    static let policies = root.appendingPathComponent("policies")

    /// A resource file's text.
    static func text(_ relative: String) throws -> String {
        try String(contentsOf: resources.appendingPathComponent(relative), encoding: .utf8)
    }

    /// True when goldens and generated sources should be re-recorded.
    static var recording: Bool { ProcessInfo.processInfo.environment["PAVED_RECORD"] == "1" }
}

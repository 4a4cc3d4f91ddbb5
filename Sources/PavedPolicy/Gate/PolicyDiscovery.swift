import Foundation
import PavedTerraform

/// Where a check's rules come from: the built-in packs (compiled in), overridden and extended by
/// the project's rule directories and any `--policies DIR`.
///
/// The project's directories are `$PAVED_POLICIES` (colon-separated; set it empty to use only the
/// built-in packs), or else the nearest `policies/` folder from the current directory upward.
public enum PolicyDiscovery {
    /// The project's rule directories.
    public static func projectDirectories(
        from start: String = FileManager.default.currentDirectoryPath,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String] {
        if let value = environment["PAVED_POLICIES"] {
            return value.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        var dir = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            let candidate = dir.appendingPathComponent("policies")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return [SourcePaths.relative(candidate.path, to: start).map { $0.isEmpty ? "." : $0 } ?? candidate.path]
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return [] }
            dir = parent
        }
    }

    /// The rules of a check: built-in packs, then the project's directories, then `extra`, each
    /// replacing rules of the same id from the ones before.
    ///
    /// - Throws: ``DiagnosticsError`` with every problem in every rule file (file:line each).
    public static func ruleSet(
        extra: [String] = [], from start: String = FileManager.default.currentDirectoryPath,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        swiftRules: [String: SwiftRuleImplementation] = BuiltinSwiftRules.implementations
    ) throws(DiagnosticsError) -> RuleSet {
        var set = try RuleSet.builtin()
        var diagnostics: [Diagnostic] = []
        for directory in projectDirectories(from: start, environment: environment) + extra {
            do {
                set = set.overriding(with: try RuleSet.load(directory: directory, swiftRules: swiftRules))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return set
    }
}

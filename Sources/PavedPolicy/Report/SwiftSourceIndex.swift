import Foundation
import PavedTerraform

/// Finds the repository path of a Swift `#fileID` (`AcmeData/Platform.swift` →
/// `Examples/AcmeData/Platform.swift`), so SARIF results and GitHub annotations land on the right
/// file when the input is synthesized JSON read from disk (which records only the `#fileID`).
///
/// A file ID is `Module/File.swift`; the file is found by name below the root, preferring paths
/// with a folder named after the module. Ambiguous or missing files are left as they are.
public struct SwiftSourceIndex: Sendable {
    private let byName: [String: [String]]

    /// Indexes the `*.swift` files below `root` (skipping hidden folders such as `.build` and `.git`).
    public init(root: String = FileManager.default.currentDirectoryPath, limit: Int = 50_000) {
        var byName: [String: [String]] = [:]
        var pending = [""]
        var seen = 0
        let fm = FileManager.default
        while let relative = pending.popLast(), seen < limit {
            let dir = relative.isEmpty ? root : root + "/" + relative
            guard let names = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for name in names where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                if name.hasSuffix(".swift") {
                    byName[name, default: []].append(child)
                    seen += 1
                    continue
                }
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: dir + "/" + name, isDirectory: &isDirectory), isDirectory.boolValue {
                    pending.append(child)
                }
            }
        }
        self.byName = byName.mapValues { $0.sorted() }
    }

    /// The repository-relative path of a `#fileID`, or nil when none or several match.
    public func path(forFileID fileID: String) -> String? {
        let parts = fileID.split(separator: "/")
        guard let name = parts.last.map(String.init), let candidates = byName[name] else { return nil }
        if candidates.count == 1 { return candidates[0] }
        guard parts.count >= 2 else { return nil }
        let module = String(parts[parts.count - 2])
        let inModule = candidates.filter { $0.split(separator: "/").dropLast().contains { String($0) == module } }
        return inModule.count == 1 ? inModule[0] : nil
    }
}

extension PolicyReport {
    /// The report with repository paths filled in for Swift locations that lack one.
    public func resolvingSwiftPaths(with index: SwiftSourceIndex) -> PolicyReport {
        func fix(_ location: FindingLocation) -> FindingLocation {
            guard location.path == nil, location.isSwift, let path = index.path(forFileID: location.file) else { return location }
            var copy = location
            copy.path = path
            return copy
        }
        func fix(_ finding: Finding) -> Finding {
            var copy = finding
            copy.location = fix(finding.location)
            return copy
        }
        var copy = self
        copy.findings = findings.map(fix)
        copy.baselined = baselined.map(fix)
        copy.waived = waived.map { WaivedFinding(finding: fix($0.finding), waiver: $0.waiver) }
        return copy
    }
}

import Foundation

/// A folder of templates: `<root>/<name>/template.yaml` and `<root>/<name>/files/` hold the current
/// version; `<root>/<name>/versions/<x.y.z>/` holds each earlier released version in the same
/// layout, frozen, so that `paved scaffold update` can render the version a repository was made
/// from.
public struct TemplateLibrary: Sendable {
    /// The templates folder.
    public let root: String

    /// The folder name searched for upward from the current directory.
    public static let folderName = "golden-path-templates"
    /// The environment variable naming the templates folder.
    public static let environmentVariable = "PAVED_TEMPLATES"

    /// Uses `root` as the templates folder.
    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    /// Finds the templates folder: `explicit` (a `--templates` flag) first, then the
    /// `PAVED_TEMPLATES` environment variable, then a `golden-path-templates` folder in the current
    /// directory or any parent, then `share/paved/golden-path-templates` next to the executable.
    public static func locate(
        explicit: String?, environment: [String: String], currentDirectory: String, executablePath: String? = nil
    ) throws(ScaffoldError) -> TemplateLibrary {
        if let explicit {
            return try existing(explicit, "--templates")
        }
        if let value = environment[environmentVariable], !value.isEmpty {
            return try existing(value, environmentVariable)
        }
        var directory = URL(fileURLWithPath: currentDirectory).standardizedFileURL
        while true {
            let candidate = directory.appendingPathComponent(folderName).path
            if isDirectory(candidate) { return TemplateLibrary(root: candidate) }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        if let executablePath {
            let bin = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
            let candidate = bin.deletingLastPathComponent().appendingPathComponent("share/paved/\(folderName)").path
            if isDirectory(candidate) { return TemplateLibrary(root: candidate) }
        }
        throw ScaffoldError(
            .invalidInput,
            "no templates folder: none given with --templates or \(environmentVariable), and no \(folderName)/ folder in \(currentDirectory) or its parents"
        )
    }

    private static func existing(_ path: String, _ source: String) throws(ScaffoldError) -> TemplateLibrary {
        guard isDirectory(path) else {
            throw ScaffoldError(.invalidInput, "templates folder \(path) (from \(source)) does not exist or is not a folder")
        }
        return TemplateLibrary(root: path)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The names of the templates (folders with a `template.yaml`), sorted.
    public func templateNames() throws(ScaffoldError) -> [String] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: root)
        } catch {
            throw ScaffoldError(.io, "cannot read the templates folder \(root): \(error.localizedDescription)")
        }
        return entries.filter { FileManager.default.fileExists(atPath: "\(root)/\($0)/\(ManifestLoader.fileName)") }.sorted()
    }

    /// The versions available for `name`: the current one and every one under `versions/`, sorted.
    public func versions(of name: String) throws(ScaffoldError) -> [SemanticVersion] {
        let current = try load(name).manifest.version
        return Array(Set([current] + frozenVersions(of: name))).sorted()
    }

    private func frozenVersions(of name: String) -> [SemanticVersion] {
        let folder = "\(root)/\(name)/versions"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.compactMap { entry in
            guard FileManager.default.fileExists(atPath: "\(folder)/\(entry)/\(ManifestLoader.fileName)") else { return nil }
            return SemanticVersion(entry)
        }
    }

    /// Loads a template: the current version, or `version` (the current one or a frozen one).
    public func load(_ name: String, version: SemanticVersion? = nil) throws(ScaffoldError) -> TemplateSource {
        guard ParameterRules.matches(name, ManifestLoader.templateNamePattern) else {
            throw ScaffoldError(.invalidInput, "'\(name)' is not a template name")
        }
        let base = "\(root)/\(name)"
        guard FileManager.default.fileExists(atPath: "\(base)/\(ManifestLoader.fileName)") else {
            let known = (try? templateNames()) ?? []
            var message = "no template '\(name)' in \(root)"
            if !known.isEmpty { message += " (available: \(known.joined(separator: ", ")))" }
            throw ScaffoldError(.invalidInput, message)
        }
        let current = try loadFolder(base, display: name, expectedName: name, expectedVersion: nil)
        guard let version, version != current.manifest.version else { return current }
        let frozen = "\(base)/versions/\(version)"
        guard FileManager.default.fileExists(atPath: "\(frozen)/\(ManifestLoader.fileName)") else {
            let available = Array(Set([current.manifest.version] + frozenVersions(of: name))).sorted()
            throw ScaffoldError(
                .invalidInput,
                "template '\(name)' has no version \(version) (available: \(available.map(\.description).joined(separator: ", ")))")
        }
        return try loadFolder(frozen, display: "\(name)/versions/\(version)", expectedName: name, expectedVersion: version)
    }

    private func loadFolder(
        _ folder: String, display: String, expectedName: String, expectedVersion: SemanticVersion?
    ) throws(ScaffoldError) -> TemplateSource {
        let manifestPath = "\(folder)/\(ManifestLoader.fileName)"
        let manifestDisplay = "\(display)/\(ManifestLoader.fileName)"
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw ScaffoldError(.io, file: manifestDisplay, "cannot read the manifest")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScaffoldError(.invalidInput, file: manifestDisplay, "the manifest is not UTF-8 text")
        }
        let manifest = try ManifestLoader.load(text, file: manifestDisplay)
        var problems: [ScaffoldDiagnostic] = []
        if manifest.name != expectedName {
            problems.append(
                ScaffoldDiagnostic(file: manifestDisplay, "name '\(manifest.name)' does not match the folder name '\(expectedName)'"))
        }
        if let expectedVersion, manifest.version != expectedVersion {
            problems.append(
                ScaffoldDiagnostic(
                    file: manifestDisplay, "version \(manifest.version) does not match the folder name \(expectedVersion)"))
        }
        let files = try Self.readFiles(under: "\(folder)/files", display: "\(display)/files", problems: &problems)
        guard problems.isEmpty else { throw ScaffoldError(.invalidInput, problems) }
        return TemplateSource(manifest: manifest, files: files, displayPath: display)
    }

    /// Reads every file under `folder`; symbolic links and special files are errors.
    static func readFiles(under folder: String, display: String, problems: inout [ScaffoldDiagnostic]) throws(ScaffoldError)
        -> [SourceFile]
    {
        guard isDirectory(folder) else {
            throw ScaffoldError(.invalidInput, file: display, "the template has no files/ folder")
        }
        var result: [SourceFile] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? folder : "\(folder)/\(relative)"
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: absolute)
            } catch {
                throw ScaffoldError(.io, file: display, "cannot read \(absolute): \(error.localizedDescription)")
            }
            for entry in entries {
                let childRelative = relative.isEmpty ? entry : "\(relative)/\(entry)"
                let childAbsolute = "\(folder)/\(childRelative)"
                var info = stat()
                guard lstat(childAbsolute, &info) == 0 else {
                    throw ScaffoldError(.io, file: "\(display)/\(childRelative)", "cannot read the file")
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    pending.append(childRelative)
                case S_IFREG:
                    guard let data = FileManager.default.contents(atPath: childAbsolute) else {
                        throw ScaffoldError(.io, file: "\(display)/\(childRelative)", "cannot read the file")
                    }
                    let executable = info.st_mode & 0o111 != 0
                    result.append(SourceFile(path: childRelative, contents: Array(data), executable: executable))
                case S_IFLNK:
                    problems.append(
                        ScaffoldDiagnostic(
                            file: "\(display)/\(childRelative)",
                            "templates may not contain symbolic links (a link could point outside the target folder)"))
                default:
                    problems.append(ScaffoldDiagnostic(file: "\(display)/\(childRelative)", "not a regular file or folder"))
                }
            }
        }
        return result.sorted { $0.path < $1.path }
    }
}

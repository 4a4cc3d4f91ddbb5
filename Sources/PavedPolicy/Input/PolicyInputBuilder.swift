import Foundation
import PavedTerraform

/// Reads Terraform JSON configurations and plans into a ``PolicyInput``.
///
/// - In memory: ``addConfiguration(_:name:environment:)`` takes a rendered stack.
/// - On disk: ``addPaths(_:)`` takes files and directories. A directory is one root module: every
///   `*.tf.json` in it (not in subfolders, as Terraform) is read, and its subfolders are searched
///   for more root modules. A file is read whatever its name; a plan (`terraform show -json`) is
///   recognised by its `planned_values`.
public struct PolicyInputBuilder: Sendable {
    private var resources: [PolicyResource] = []
    private var documents: [PolicyDocument] = []
    private var scopes: [String: Int] = [:]
    /// Problems found so far.
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    /// The input read so far.
    public func build() -> PolicyInput {
        PolicyInput(resources: resources, documents: documents, diagnostics: diagnostics)
    }

    // MARK: In memory

    /// Adds a Terraform JSON configuration held in memory, such as a synthesized stack.
    ///
    /// - Parameters:
    ///   - json: the configuration, as `TerraformRenderer().json(configuration)` gives it.
    ///   - name: how reports name it: the stack path, `dev/main.tf.json`.
    ///   - environment: the stack's environment.
    ///   - sourcePaths: optional repository-relative Swift paths by `#fileID`, for SARIF.
    public mutating func addConfiguration(
        _ json: JSON, name: String, environment: String?, sourcePaths: [String: String] = [:]
    ) {
        let document = documents.count
        documents.append(PolicyDocument(name: name, content: .inMemory(json), isFile: false))
        var reader = ConfigurationReader(
            file: name, document: document, scope: scope(for: "memory:\(name)"), environment: environment,
            sourcePaths: sourcePaths)
        reader.read(json)
        resources += reader.resources
        diagnostics += reader.diagnostics
    }

    /// Adds a rendered ``Configuration``: like ``addConfiguration(_:name:environment:sourcePaths:)``,
    /// and keeps each resource's Swift `#filePath` (made relative to `relativeTo`) for SARIF.
    /// `json` is the configuration as `TerraformRenderer().json(configuration)` gives it, when the
    /// caller has it already.
    public mutating func addConfiguration(
        _ configuration: Configuration, name: String, environment: String?, relativeTo root: String? = nil, json: JSON? = nil
    ) {
        var paths: [String: String] = [:]
        for resource in configuration.resources {
            guard let location = resource.provenance?.location, let filePath = location.filePath else { continue }
            paths[location.file] = SourcePaths.relative(filePath, to: root)
        }
        addConfiguration(json ?? TerraformRenderer().json(configuration), name: name, environment: environment, sourcePaths: paths)
    }

    // MARK: Documents

    /// Adds a parsed document: a configuration, or a plan when it has `planned_values`.
    ///
    /// - Parameter module: the root module it belongs to (its directory); documents of one module
    ///   can reference each other's resources. Defaults to the document's own name.
    public mutating func addDocument(_ parsed: JSONDocument, module: String? = nil) {
        let document = documents.count
        documents.append(PolicyDocument(name: parsed.file, content: .parsed(parsed), isFile: true))
        if PlanReader.isPlan(parsed.root) {
            var reader = PlanReader(
                file: parsed.file, document: document, scope: scope(for: "plan:\(parsed.file)"), positions: parsed)
            reader.read(parsed.root)
            resources += reader.resources
            diagnostics += reader.diagnostics
        } else {
            var reader = ConfigurationReader(
                file: parsed.file, document: document, scope: scope(for: "dir:\(module ?? parsed.file)"),
                environment: nil, sourcePaths: [:], positions: parsed)
            reader.read(parsed.root)
            resources += reader.resources
            diagnostics += reader.diagnostics
        }
    }

    // MARK: Files

    /// Reads files and directories. Unreadable paths and invalid JSON are errors (with file:line:column)
    /// in ``diagnostics``; reading goes on with the other files.
    ///
    /// - Parameter paths: files or directories, as the user typed them (reports show them that way).
    public mutating func addPaths(_ paths: [String]) {
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(.error("no such file or directory", at: SourceLocation(file: path, line: 1)))
                continue
            }
            if isDirectory.boolValue {
                let files = Self.configurationFiles(under: path)
                if files.isEmpty {
                    diagnostics.append(.warning("no *.tf.json files found", at: SourceLocation(file: path, line: 1)))
                }
                for file in files { addFile(file, module: (file as NSString).deletingLastPathComponent) }
            } else {
                addFile(path, module: (path as NSString).deletingLastPathComponent)
            }
        }
    }

    private mutating func addFile(_ path: String, module: String) {
        do {
            let parsed = try JSONDocument.load(contentsOfFile: path, displayName: Self.displayName(path))
            addDocument(parsed, module: module)
        } catch let error as JSONParseError {
            diagnostics.append(error.diagnostic)
        } catch let error as JSONFileError {
            diagnostics.append(error.diagnostic)
        } catch {
            diagnostics.append(.error("cannot read file: \(error)", at: SourceLocation(file: path, line: 1)))
        }
    }

    /// `./out/dev/main.tf.json` → `out/dev/main.tf.json`.
    static func displayName(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        return p
    }

    /// Every `*.tf.json` under `root`, sorted, skipping hidden folders (`.terraform`, `.build`, `.git`).
    static func configurationFiles(under root: String) -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        var pending = [root]
        while let dir = pending.popLast() {
            guard let names = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    pending.append(path)
                } else if name.hasSuffix(".tf.json") {
                    out.append(path)
                }
            }
        }
        return out.sorted()
    }

    private mutating func scope(for key: String) -> Int {
        if let existing = scopes[key] { return existing }
        let id = scopes.count
        scopes[key] = id
        return id
    }
}

/// Swift source paths for SARIF and GitHub annotations.
enum SourcePaths {
    /// `path` relative to `root` (default: the current directory) when it is inside it, else nil.
    static func relative(_ path: String, to root: String?) -> String? {
        let base = root ?? FileManager.default.currentDirectoryPath
        let prefix = base.hasSuffix("/") ? base : base + "/"
        guard path.hasPrefix(prefix) else { return nil }
        return String(path.dropFirst(prefix.count))
    }
}

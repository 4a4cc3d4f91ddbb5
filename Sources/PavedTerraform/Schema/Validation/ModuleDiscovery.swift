import Foundation

/// The `*.tf.json` files of one Terraform module (one directory), as Terraform reads them.
public struct TerraformModuleFiles: Sendable, Equatable {
    /// The directory, as the user wrote it (or as found under it).
    public var directory: String
    /// The files, sorted by name, as paths usable for reading and for messages.
    public var files: [String]

    public init(directory: String, files: [String]) {
        self.directory = directory
        self.files = files
    }

    /// Reads and parses every file of the module.
    ///
    /// - Throws: ``JSONFileError`` or ``JSONParseError`` for the first file that cannot be used.
    public func load() throws -> [JSONDocument] {
        try files.map { try JSONDocument.load(contentsOfFile: $0) }
    }
}

/// A path that names no Terraform JSON.
public struct ModuleDiscoveryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): error: \(reason)" }
}

/// Finds the Terraform modules that paths name.
public enum ModuleDiscovery {
    /// Groups `paths` into modules.
    ///
    /// - A directory stands for every directory at or under it that holds `*.tf.json` files, each
    ///   one module (so `out` finds `out/dev` and `out/prod`); hidden directories and `.terraform`
    ///   are skipped.
    /// - Files are grouped by their directory, as Terraform would load them together.
    ///
    /// Modules come out sorted by directory; the same path named twice counts once.
    ///
    /// - Throws: ``ModuleDiscoveryError`` for a path that does not exist, or a directory with no
    ///   `*.tf.json` files under it.
    public static func modules(for paths: [String]) throws(ModuleDiscoveryError) -> [TerraformModuleFiles] {
        var byDirectory: [String: Set<String>] = [:]
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ModuleDiscoveryError(path: path, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                let found = findModules(under: path)
                if found.isEmpty {
                    throw ModuleDiscoveryError(path: path, reason: "no *.tf.json files in this directory or under it")
                }
                for (directory, files) in found { byDirectory[directory, default: []].formUnion(files) }
            } else {
                let directory = (path as NSString).deletingLastPathComponent
                byDirectory[directory.isEmpty ? "." : directory, default: []].insert(path)
            }
        }
        return byDirectory.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { directory in
            let files = (byDirectory[directory] ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return TerraformModuleFiles(directory: directory, files: files)
        }
    }

    /// Directories at or under `root` holding `*.tf.json` files, with those files.
    static func findModules(under root: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var pending = [root]
        var visited: Set<String> = []
        while let directory = pending.popLast() {
            let resolved = (directory as NSString).resolvingSymlinksInPath
            guard visited.insert(resolved).inserted else { continue }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            var files: [String] = []
            for name in names where !name.hasPrefix(".") {
                let path = directory == "." ? name : (directory as NSString).appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    pending.append(path)
                } else if name.hasSuffix(".tf.json") {
                    files.append(path)
                }
            }
            if !files.isEmpty { result[directory] = files }
        }
        return result
    }
}

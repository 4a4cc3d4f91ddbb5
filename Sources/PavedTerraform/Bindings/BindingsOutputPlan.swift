import Foundation

/// What writing generated bindings into a folder changes: files to (re)write, and files generated
/// earlier for types no longer selected, to remove. The folder belongs to the generator, but only
/// `*.swift` files that start with ``BindingsGenerator/header`` are ever removed.
///
///     let plan = try BindingsOutputPlan(directory: "Sources/Infra/Bindings", files: files)
///     if !plan.isUpToDate { try plan.apply() }
public struct BindingsOutputPlan: Sendable {
    public let directory: String
    /// New or changed files, by name, sorted.
    public private(set) var changed: [String] = []
    /// Generated files of types no longer selected, by name, sorted.
    public private(set) var stale: [String] = []
    private var contents: [String: [UInt8]] = [:]

    /// True when the folder already holds exactly these files (and no stale generated ones).
    public var isUpToDate: Bool { changed.isEmpty && stale.isEmpty }

    /// Compares `files` with the folder at `directory` (which need not exist yet).
    ///
    /// - Throws: ``BindingsError`` when `directory` is a file or cannot be listed.
    public init(directory: String, files: [GeneratedBindingFile]) throws(BindingsError) {
        self.directory = directory
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue { throw BindingsError(["\(directory) is a file, not a folder"]) }
        let wanted = Set(files.map(\.fileName))
        for file in files.sorted(by: { $0.fileName.utf8.lexicographicallyPrecedes($1.fileName.utf8) }) {
            let bytes = Array(file.contents.utf8)
            let path = Self.join(directory, file.fileName)
            if FileManager.default.contents(atPath: path).map(Array.init) != bytes {
                changed.append(file.fileName)
                contents[file.fileName] = bytes
            }
        }
        guard exists else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw BindingsError(["cannot list \(directory): \(Self.describe(error))"])
        }
        let header = Array((BindingsGenerator.header + "\n").utf8)
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        where name.hasSuffix(".swift") && !wanted.contains(name) {
            guard let handle = FileHandle(forReadingAtPath: Self.join(directory, name)) else { continue }
            let prefix = (try? handle.read(upToCount: header.count)).map(Array.init) ?? []
            try? handle.close()
            if prefix == header { stale.append(name) }
        }
    }

    /// Writes the changed files (each atomically) and removes the stale ones.
    ///
    /// - Throws: ``BindingsError`` naming the file that could not be written or removed.
    public func apply() throws(BindingsError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BindingsError(["cannot create \(directory): \(Self.describe(error))"])
        }
        for name in changed {
            let path = Self.join(directory, name)
            do {
                try Data(contents[name] ?? []).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw BindingsError(["cannot write \(path): \(Self.describe(error))"])
            }
        }
        for name in stale {
            let path = Self.join(directory, name)
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw BindingsError(["cannot remove \(path): \(Self.describe(error))"])
            }
        }
    }

    private static func join(_ directory: String, _ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    private static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}

import Foundation
import PavedTerraform

/// Writes generated files under an output folder, each replaced atomically.
///
/// Every file is first written beside its target as a temporary file; only when all of them are
/// written are they renamed into place, so a failure leaves the earlier output intact. Only files
/// Paved generated are touched: Terraform's `.terraform/` and lock files beside them stay.
struct OutputWriter {
    var root: URL

    /// Files whose content on disk differs from `files`, and stale stack files, as `path: reason`.
    func drift(_ files: [(path: String, bytes: [UInt8])], stackPaths: Set<String>) throws -> [String] {
        var out: [String] = []
        for file in files {
            let url = root.appendingPathComponent(file.path)
            guard let existing = FileManager.default.contents(atPath: url.path) else {
                out.append("\(file.path): missing")
                continue
            }
            if Array(existing) != file.bytes { out.append("\(file.path): would change") }
        }
        for path in stale(stackPaths: stackPaths) { out.append("\(path): would be deleted (environment no longer declared)") }
        return out
    }

    /// Writes `files`, then removes stack files of environments that are gone.
    func write(_ files: [(path: String, bytes: [UInt8])], stackPaths: Set<String>) throws {
        let stalePaths = stale(stackPaths: stackPaths)
        let suffix = ".paved-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        var written: [(temp: URL, final: URL)] = []
        do {
            for file in files {
                let final = root.appendingPathComponent(file.path)
                let temp = URL(fileURLWithPath: final.path + suffix)
                try FileManager.default.createDirectory(at: final.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Self.create(temp.path, with: file.bytes)
                written.append((temp, final))
            }
            for (temp, final) in written {
                if rename(temp.path, final.path) != 0 {
                    throw CLIError("cannot replace \(final.path): \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            for (temp, _) in written { try? FileManager.default.removeItem(at: temp) }
            if let error = error as? CLIError { throw error }
            throw CLIError("cannot write to \(root.path): \(Self.describe(error))")
        }
        for path in stalePaths {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(path))
        }
    }

    /// Creates (or truncates) the file at `path` with `bytes`, written straight from the array
    /// (a `Data` copy of a hundred-megabyte stack costs as much as writing it).
    static func create(_ path: String, with bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CLIError("cannot write \(path): \(String(cString: strerror(errno)))") }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let n = Foundation.write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 { throw CLIError("cannot write \(path): \(String(cString: strerror(failure)))") }
    }

    /// Stack paths listed by the manifest on disk that the platform no longer has.
    private func stale(stackPaths: Set<String>) -> [String] {
        let manifest = root.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifest.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let stacks = object["stacks"] as? [[String: Any]]
        else { return [] }
        let old = stacks.compactMap { $0["path"] as? String }
        // Only simple relative stack paths (`env/main.tf.json`): never follow a manifest outside the folder.
        return old.filter { path in
            !stackPaths.contains(path) && !path.hasPrefix("/") && !path.contains("..")
                && FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
        }.sorted()
    }

    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, let posix = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(posix.rawValue))
        }
        return ns.localizedDescription
    }
}

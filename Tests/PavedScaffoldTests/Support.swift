import Foundation

/// Runs the git CLI to check what libgit2 wrote (tests only; Paved itself never shells out).
enum GitCLI {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "git \(arguments.joined(separator: " ")) failed: \(String(decoding: errData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A fresh temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("paved-scaffold-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Paths inside the repository, found from this file's location.
enum RepositoryPaths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    static let resources = testsFolder + "/Resources"
    static let root = URL(fileURLWithPath: testsFolder).deletingLastPathComponent().deletingLastPathComponent().path
    static let templates = root + "/golden-path-templates"
}

/// Compares a rendered tree with a golden folder; with `PAVED_RECORD=1` rewrites the golden and
/// fails, so a recording run can never pass by accident.
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["PAVED_RECORD"] == "1" }

    /// The differences, as readable lines (empty when equal).
    static func compare(_ files: [(path: String, contents: [UInt8], executable: Bool)], to folder: String) throws -> [String] {
        let manifestPath = folder + ".modes"
        if recording {
            try? FileManager.default.removeItem(atPath: folder)
            for file in files {
                let url = URL(fileURLWithPath: folder + "/" + file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents).write(to: url)
            }
            let modes = files.map { "\($0.executable ? "100755" : "100644") \($0.path)" }.joined(separator: "\n") + "\n"
            try modes.write(toFile: manifestPath, atomically: true, encoding: .utf8)
            return ["recorded \(files.count) files into \(folder) (PAVED_RECORD=1): re-run without it"]
        }
        var problems: [String] = []
        var expected: [String: [UInt8]] = [:]
        if let enumerator = FileManager.default.enumerator(atPath: folder) {
            while let item = enumerator.nextObject() as? String {
                var isDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: folder + "/" + item, isDirectory: &isDir)
                if !isDir.boolValue, let data = FileManager.default.contents(atPath: folder + "/" + item) {
                    expected[item] = Array(data)
                }
            }
        } else {
            return ["no golden folder \(folder); record it with PAVED_RECORD=1"]
        }
        for file in files {
            guard let golden = expected.removeValue(forKey: file.path) else {
                problems.append("new file not in the golden: \(file.path)")
                continue
            }
            if golden != file.contents {
                let a = String(decoding: golden, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let b = String(decoding: file.contents, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
                let want = line < a.count ? String(a[line]) : "<end of file>"
                let got = line < b.count ? String(b[line]) : "<end of file>"
                problems.append("\(file.path):\(line + 1) differs from the golden\n  golden: \(want)\n  actual: \(got)")
            }
        }
        for path in expected.keys.sorted() { problems.append("golden file no longer rendered: \(path)") }
        let modes = files.map { "\($0.executable ? "100755" : "100644") \($0.path)" }.joined(separator: "\n") + "\n"
        let goldenModes = (try? String(contentsOfFile: manifestPath, encoding: .utf8)) ?? ""
        if modes != goldenModes { problems.append("file modes differ from \(manifestPath)") }
        return problems
    }
}

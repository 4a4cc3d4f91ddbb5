import Foundation
import PavedGit

/// What `scaffold` made.
public struct ScaffoldResult: Equatable, Sendable {
    /// The files, sorted by path.
    public var files: [RenderedFile]
    /// The commit id (`nil` for a dry run).
    public var commit: String?
    /// The tag name, e.g. `template/dbt-pipeline/v1.2.0`.
    public var tag: String
    /// The branch.
    public var branch: String
    /// The answers as recorded in `.paved/answers.yml`.
    public var answers: ResolvedAnswers
}

/// Creates a new repository from a template: validate, render in memory, then commit through
/// libgit2 in a staging folder next to the target and move it into place, so a failure at any
/// step leaves nothing behind.
public enum Scaffolder {
    /// The branch every scaffolded repository starts on.
    public static let branch = "main"

    /// The tag marking the commit a template version was applied in.
    public static func tagName(template: String, version: SemanticVersion) -> String {
        "template/\(template)/v\(version)"
    }

    /// The first commit's message.
    public static func commitMessage(_ manifest: TemplateManifest) -> String {
        "Scaffold from template \(manifest.name) \(manifest.version)\n\nCreated by `paved scaffold \(manifest.name)`; the answers are in \(RecordedAnswers.path).\nUpdate with `paved scaffold update`."
    }

    /// Validates, renders and (unless `dryRun`) creates the repository.
    ///
    /// - Parameters:
    ///   - template: The template version to use.
    ///   - given: The answers, file answers first and flags last (later ones win).
    ///   - target: The folder to create; it must not exist or be empty.
    ///   - author: The commit author and committer (and the tagger).
    ///   - dryRun: Only validate and render.
    /// - Throws: `ScaffoldError`.
    public static func scaffold(
        _ template: TemplateSource, given: [GivenAnswer], into target: String, author: Signature, dryRun: Bool = false
    ) throws(ScaffoldError) -> ScaffoldResult {
        let answers = try AnswerResolver.resolve(given, for: template.manifest)
        let files = try TemplateRenderer.render(template, answers: answers)
        let tag = tagName(template: template.manifest.name, version: template.manifest.version)
        var result = ScaffoldResult(files: files, commit: nil, tag: tag, branch: branch, answers: answers)
        let targetState = try TargetFolder.inspect(target)
        if dryRun { return result }

        let staging = try TargetFolder.makeStaging(for: target)
        do {
            let commit = try commitTree(files, manifest: template.manifest, tag: tag, author: author, at: staging.path)
            try staging.moveIntoPlace(target, state: targetState)
            result.commit = commit
            return result
        } catch let error as ScaffoldError {
            staging.discard()
            throw error
        } catch let error as GitError {
            staging.discard()
            throw ScaffoldError(.io, "git: \(error.description)")
        } catch {
            staging.discard()
            throw ScaffoldError(.io, "\(error)")
        }
    }

    static func commitTree(
        _ files: [RenderedFile], manifest: TemplateManifest, tag: String, author: Signature, at path: String
    ) throws -> String {
        let repo = try GitRepository.create(at: path, initialBranch: branch)
        let tree = try repo.writeTree(files.map { TreeFile(path: $0.path, contents: $0.contents, executable: $0.executable) })
        let commit = try repo.commit(
            tree: tree, parents: [], author: author, committer: author, message: commitMessage(manifest))
        try repo.createTag(
            named: tag, target: commit, tagger: author, message: "Template \(manifest.name) \(manifest.version)")
        try repo.checkoutHead(force: true)
        return commit.description
    }
}

/// The state of a target folder and the staging folder used to build next to it.
enum TargetFolder {
    enum State {
        case absent
        case emptyDirectory
    }

    /// Refuses a target that exists and is not an empty folder.
    static func inspect(_ target: String) throws(ScaffoldError) -> State {
        var info = stat()
        if lstat(target, &info) != 0 {
            return .absent
        }
        if info.st_mode & S_IFMT == S_IFLNK {
            throw ScaffoldError(.invalidInput, "the target \(target) is a symbolic link; give the real folder")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw ScaffoldError(.invalidInput, "the target \(target) exists and is not a folder")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        guard entries.isEmpty else {
            throw ScaffoldError(
                .invalidInput, "refusing to scaffold into \(target): the folder is not empty (\(entries.count) entr\(entries.count == 1 ? "y" : "ies"))")
        }
        return .emptyDirectory
    }

    struct Staging {
        let path: String
        let createdParents: [String]

        func discard() {
            try? FileManager.default.removeItem(atPath: path)
            for parent in createdParents { rmdir(parent) }
        }

        /// Moves the finished repository to `target` (renames; same file system).
        func moveIntoPlace(_ target: String, state: State) throws {
            switch state {
            case .absent:
                guard rename(path, target) == 0 else {
                    throw ScaffoldError(.io, "cannot move the new repository to \(target): \(String(cString: strerror(errno)))")
                }
            case .emptyDirectory:
                let entries = try FileManager.default.contentsOfDirectory(atPath: path)
                var moved: [String] = []
                for entry in entries {
                    if rename("\(path)/\(entry)", "\(target)/\(entry)") != 0 {
                        let reason = String(cString: strerror(errno))
                        for done in moved { _ = rename("\(target)/\(done)", "\(path)/\(done)") }
                        throw ScaffoldError(.io, "cannot move the new repository into \(target): \(reason)")
                    }
                    moved.append(entry)
                }
                rmdir(path)
            }
        }
    }

    /// A fresh hidden folder next to `target` (same file system, so the final move is a rename).
    static func makeStaging(for target: String) throws(ScaffoldError) -> Staging {
        let url = URL(fileURLWithPath: target).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        var created: [String] = []
        var missing: [String] = []
        var probe = URL(fileURLWithPath: parent)
        while !FileManager.default.fileExists(atPath: probe.path) {
            missing.append(probe.path)
            let up = probe.deletingLastPathComponent()
            if up.path == probe.path { break }
            probe = up
        }
        for folder in missing.reversed() {
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                let reason = String(cString: strerror(errno))
                for c in created.reversed() { rmdir(c) }
                throw ScaffoldError(.io, "cannot create the folder \(folder): \(reason)")
            }
            created.append(folder)
        }
        let name = ".\(url.lastPathComponent).paved-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let path = (parent as NSString).appendingPathComponent(name)
        guard mkdir(path, 0o755) == 0 else {
            let reason = String(cString: strerror(errno))
            for c in created.reversed() { rmdir(c) }
            throw ScaffoldError(.io, "cannot create a staging folder in \(parent): \(reason)")
        }
        return Staging(path: path, createdParents: created.reversed())
    }
}

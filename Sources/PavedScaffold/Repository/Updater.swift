import Foundation
import PavedGit

/// What `scaffold update` did.
public struct UpdateResult: Equatable, Sendable {
    /// What happened.
    public enum Outcome: Equatable, Sendable {
        /// The repository is already on the requested version.
        case alreadyCurrent
        /// The new version renders to exactly what HEAD has: nothing committed.
        case noChanges
        /// Merged cleanly and committed (commit id) and tagged.
        case committed(commit: String, tag: String)
        /// Conflicts: these paths are in git's conflict state; nothing committed.
        case conflicted([String])
    }

    /// The template.
    public var template: String
    /// The version the repository was on.
    public var from: SemanticVersion
    /// The version it is being moved to.
    public var to: SemanticVersion
    /// What happened.
    public var outcome: Outcome
}

/// Moves a scaffolded repository to another template version with a real three-way merge.
///
/// base = the recorded template version rendered with the recorded answers; theirs = the new
/// version rendered with the same answers (plus any `--set`); ours = HEAD. A clean merge is
/// committed and tagged; a conflicted one is left as `git merge` leaves it: conflict markers in the
/// files and stage 1/2/3 entries in the index (`git status` shows `UU`).
public enum Updater {
    /// Updates the repository at `directory`.
    ///
    /// - Parameters:
    ///   - directory: The scaffolded repository's working directory.
    ///   - library: Where the template versions are.
    ///   - version: The version to move to (default: the template's current version).
    ///   - extra: Answers for parameters the new version adds (or changes to recorded ones).
    ///   - author: The commit's author and committer.
    /// - Throws: `ScaffoldError`.
    public static func update(
        _ directory: String, library: TemplateLibrary, to version: SemanticVersion?, extra: [GivenAnswer] = [],
        author: Signature
    ) throws(ScaffoldError) -> UpdateResult {
        do {
            return try run(directory, library: library, to: version, extra: extra, author: author)
        } catch let error as ScaffoldError {
            throw error
        } catch let error as GitError {
            throw ScaffoldError(.io, "git: \(error.description)")
        } catch {
            throw ScaffoldError(.io, "\(error)")
        }
    }

    private static func run(
        _ directory: String, library: TemplateLibrary, to version: SemanticVersion?, extra: [GivenAnswer],
        author: Signature
    ) throws -> UpdateResult {
        let repo: GitRepository
        do {
            repo = try GitRepository.open(at: directory)
        } catch let error as GitError {
            throw ScaffoldError(.invalidInput, "\(directory) is not a git repository (\(error.message))")
        }
        guard let head = try repo.headCommit() else {
            throw ScaffoldError(.invalidInput, "\(directory) has no commits")
        }
        if repo.hasOperationInProgress {
            throw ScaffoldError(
                .invalidInput, "\(directory) is in the middle of a merge, rebase or similar; finish or abort it first")
        }
        let conflicted = try repo.conflictedPaths()
        if !conflicted.isEmpty {
            throw ScaffoldError(
                .invalidInput,
                "\(directory) has unresolved conflicts (\(conflicted.joined(separator: ", "))); resolve them, `git add` and `git commit` first")
        }
        let modified = try repo.modifiedTrackedPaths()
        if !modified.isEmpty {
            throw ScaffoldError(
                .invalidInput,
                "\(directory) has uncommitted changes (\(modified.joined(separator: ", "))); commit or stash them first")
        }

        let headFiles = try repo.files(inTree: repo.tree(ofCommit: head))
        guard let answersFile = headFiles.first(where: { $0.path == RecordedAnswers.path }),
            let answersText = String(validating: answersFile.contents, as: UTF8.self)
        else {
            throw ScaffoldError(
                .invalidInput, "\(directory) has no committed \(RecordedAnswers.path): it was not made by `paved scaffold`")
        }
        let (record, recordedAnswers) = try RecordedAnswers.parse(answersText, file: RecordedAnswers.path)

        let baseTemplate = try library.load(record.template, version: record.version)
        let newTemplate = try library.load(record.template, version: version)
        let from = record.version
        let to = newTemplate.manifest.version
        if from == to, extra.isEmpty {
            return UpdateResult(template: record.template, from: from, to: to, outcome: .alreadyCurrent)
        }

        // Answers recorded for parameters the new version dropped are not errors.
        let kept = recordedAnswers.filter { newTemplate.manifest.parameter(named: $0.name) != nil }
        let baseAnswers = try AnswerResolver.resolve(recordedAnswers, for: baseTemplate.manifest)
        let newAnswers: ResolvedAnswers
        do {
            newAnswers = try AnswerResolver.resolve(kept + extra, for: newTemplate.manifest)
        } catch {
            var problems = error.diagnostics
            problems.append(
                ScaffoldDiagnostic(
                    "the recorded answers do not satisfy \(record.template) \(to); give the missing or changed values with --set"))
            throw ScaffoldError(.invalidInput, problems)
        }
        let baseFiles = try TemplateRenderer.render(baseTemplate, answers: baseAnswers)
        let newFiles = try TemplateRenderer.render(newTemplate, answers: newAnswers)

        let baseTree = try repo.writeTree(baseFiles.map { TreeFile(path: $0.path, contents: $0.contents, executable: $0.executable) })
        let newTree = try repo.writeTree(newFiles.map { TreeFile(path: $0.path, contents: $0.contents, executable: $0.executable) })
        let changed = Set(extra.map(\.name)).sorted().joined(separator: ", ")
        let message =
            from == to
            ? "Re-render template \(record.template) \(to) with changed answers: \(changed)\n\nThree-way merge by `paved scaffold update --set`."
            : "Update template \(record.template) from \(from) to \(to)\n\nThree-way merge by `paved scaffold update`: base \(from), theirs \(to)."
        let outcome = try repo.mergeIntoHead(
            base: baseTree, theirs: newTree,
            labels: MergeLabels(base: "\(record.template) \(from)", ours: "HEAD", theirs: "\(record.template) \(to)"),
            author: author, committer: author, message: message)
        switch outcome {
        case .upToDate:
            return UpdateResult(template: record.template, from: from, to: to, outcome: .noChanges)
        case .committed(let commit):
            let tag = Scaffolder.tagName(template: record.template, version: to)
            if try !repo.tagNames().contains(tag) {
                try repo.createTag(named: tag, target: commit, tagger: author, message: "Template \(record.template) \(to)")
            }
            return UpdateResult(template: record.template, from: from, to: to, outcome: .committed(commit: commit.description, tag: tag))
        case .conflicted(let paths):
            return UpdateResult(template: record.template, from: from, to: to, outcome: .conflicted(paths))
        }
    }
}

import ArgumentParser
import Foundation
import PavedScaffold

/// `paved scaffold`: start a new pipeline repository from a golden-path template, and
/// `paved scaffold update`: move one to a newer template version with a three-way merge.
struct ScaffoldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaffold",
        abstract: "Create a new pipeline repository from a golden-path template.",
        usage: """
            paved scaffold <template> --into <dir> [--set <name=value> ...] [--answers <file>] [--version <version>] [--dry-run] [--author <author>] [--date <date>] [--templates <dir>]
            paved scaffold update <directory> [--to <version>] [--set <name=value> ...] [--author <author>] [--date <date>] [--templates <dir>]
            """,
        discussion: """
            Validates the answers against the template's parameters (all problems at once), renders \
            the files in memory, and creates DIR as a git repository on branch main with one commit \
            and a tag template/<name>/v<version>. The answers are recorded in .paved/answers.yml \
            (secret parameters never are). DIR must not exist or be empty; on any failure nothing is \
            left behind. Non-interactive: give answers with --set and --answers.
            Exit codes: 0 ok; 2 invalid input (bad answers, non-empty target, broken template).
            """,
        subcommands: [ScaffoldCreateCommand.self, ScaffoldUpdateCommand.self],
        defaultSubcommand: ScaffoldCreateCommand.self
    )
}

/// `paved scaffold [create] TEMPLATE --into DIR ...` (the default subcommand, so `create` can be
/// left out).
struct ScaffoldCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a new pipeline repository from a template (the default: `paved scaffold TEMPLATE --into DIR`)."
    )

    @Argument(help: "The template to use (see `paved templates list`).")
    var template: String

    @Option(name: .long, help: ArgumentHelp("The folder to create.", valueName: "dir"))
    var into: String

    @Option(name: .customLong("set"), help: ArgumentHelp("An answer, name=value (repeatable; lists are comma-separated).", valueName: "name=value"))
    var set: [String] = []

    @Option(name: .long, help: ArgumentHelp("A YAML file of answers (name: value); --set wins over it.", valueName: "file"))
    var answers: String?

    @Option(name: .long, help: ArgumentHelp("Use this released version of the template (default: the current one).", valueName: "version"))
    var version: String?

    @Flag(name: .long, help: "Validate and list the files that would be written; write nothing.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("Commit author, \"Name <email>\" (default: $GIT_AUTHOR_NAME and $GIT_AUTHOR_EMAIL).", valueName: "author"))
    var author: String?

    @Option(name: .long, help: ArgumentHelp("Commit date, ISO 8601 (e.g. 2025-01-31T12:00:00Z); fixes the commit id (default: now).", valueName: "date"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("Templates folder (default: $PAVED_TEMPLATES, else golden-path-templates/ in the current folder or a parent).", valueName: "dir"))
    var templates: String?

    func run() async throws {
        try ScaffoldCLI.guarded {
            let library = try ScaffoldCLI.library(templates)
            var wanted: SemanticVersion?
            if let version {
                guard let parsed = SemanticVersion(version) else {
                    throw ScaffoldError(.invalidInput, "--version \(version): not a version MAJOR.MINOR.PATCH")
                }
                wanted = parsed
            }
            let source = try library.load(template, version: wanted)
            var given: [GivenAnswer] = []
            if let answers {
                given += try GivenAnswer.fromFile(try ScaffoldCLI.readText(answers), file: answers)
            }
            given += try GivenAnswer.fromFlags(set)
            // A missing author is reported together with any answer problems, not before them.
            var signature: CommitSignature?
            var problems: [ScaffoldDiagnostic] = []
            if dryRun {
                signature = CommitSignature(name: "dry run", email: "dry-run@localhost", time: 0)
            } else {
                do {
                    signature = try ScaffoldCLI.signature(author: author, date: date)
                } catch let error as ScaffoldError {
                    problems = error.diagnostics
                }
            }
            guard let signature else {
                do {
                    _ = try Scaffolder.scaffold(source, given: given, into: into, author: CommitSignature(name: "x", email: "x@x", time: 0), dryRun: true)
                } catch let error as ScaffoldError {
                    throw ScaffoldError(.invalidInput, error.diagnostics + problems)
                }
                throw ScaffoldError(.invalidInput, problems)
            }
            let result = try Scaffolder.scaffold(source, given: given, into: into, author: signature, dryRun: dryRun)
            let manifest = source.manifest
            if dryRun {
                print("Would scaffold \(manifest.name) \(manifest.version) into \(into) (\(result.files.count) files; nothing written):")
                for file in result.files {
                    print("  \(file.executable ? "100755" : "100644")  \(String(file.contents.count).leftPadded(7))  \(file.path)")
                }
                print("Then: git init (branch \(result.branch)), one commit, tag \(result.tag).")
            } else {
                print("Scaffolded \(manifest.name) \(manifest.version) into \(into) (\(result.files.count) files).")
                print("  commit \(result.commit ?? "") on \(result.branch), tagged \(result.tag)")
                print("  answers recorded in \(RecordedAnswers.path); update later with `paved scaffold update \(into)`")
            }
        }
    }
}

/// `paved scaffold update DIR [--to VERSION]`.
struct ScaffoldUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Move a scaffolded repository to another template version with a three-way merge.",
        discussion: """
            Renders the recorded template version (base) and the new version (theirs) with the \
            recorded answers and merges them into HEAD (ours) through libgit2. A clean merge is \
            committed and tagged template/<name>/v<version>. Conflicts are left as `git merge` leaves \
            them: markers in the files, an unmerged index (`git status` shows UU); resolve, `git add` \
            and `git commit`. The working tree must have no uncommitted changes to tracked files.
            Exit codes: 0 updated or already current; 1 conflicts; 2 invalid input.
            """
    )

    @Argument(help: "The scaffolded repository.")
    var directory: String

    @Option(name: .long, help: ArgumentHelp("The version to move to (default: the template's current version).", valueName: "version"))
    var to: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("An answer for a parameter the new version adds or changes, name=value (repeatable).", valueName: "name=value"))
    var set: [String] = []

    @Option(name: .long, help: ArgumentHelp("Commit author, \"Name <email>\" (default: $GIT_AUTHOR_NAME and $GIT_AUTHOR_EMAIL).", valueName: "author"))
    var author: String?

    @Option(name: .long, help: ArgumentHelp("Commit date, ISO 8601 (default: now).", valueName: "date"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("Templates folder (default: $PAVED_TEMPLATES, else golden-path-templates/ upward).", valueName: "dir"))
    var templates: String?

    func run() async throws {
        try ScaffoldCLI.guarded {
            let library = try ScaffoldCLI.library(templates)
            var version: SemanticVersion?
            if let to {
                guard let parsed = SemanticVersion(to) else {
                    throw ScaffoldError(.invalidInput, "--to \(to): not a version MAJOR.MINOR.PATCH")
                }
                version = parsed
            }
            let extra = try GivenAnswer.fromFlags(set)
            let signature = try ScaffoldCLI.signature(author: author, date: date)
            let result = try Updater.update(directory, library: library, to: version, extra: extra, author: signature)
            switch result.outcome {
            case .alreadyCurrent:
                print("\(directory) is already on \(result.template) \(result.to); nothing to do.")
            case .noChanges:
                print("\(result.template) \(result.to) renders to what \(directory) already has; nothing committed.")
            case .committed(let commit, let tag):
                print("Updated \(directory) from \(result.template) \(result.from) to \(result.to).")
                print("  commit \(commit), tagged \(tag)")
            case .conflicted(let paths):
                ScaffoldCLI.printError(
                    "Updating \(directory) from \(result.template) \(result.from) to \(result.to) left \(paths.count) conflicted file\(paths.count == 1 ? "" : "s"):")
                for path in paths { ScaffoldCLI.printError("  UU \(path)") }
                ScaffoldCLI.printError("Resolve the conflict markers, then `git add` the files and `git commit`.")
                throw ExitCode(1)
            }
        }
    }
}

/// Shared plumbing of the scaffold and templates commands.
enum ScaffoldCLI {
    /// Runs `body`, printing a `ScaffoldError`'s diagnostics to stderr and exiting 2 (or 1 for
    /// conflicts).
    static func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ScaffoldError {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(error.kind == .conflicts ? 1 : 2)
        }
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func library(_ explicit: String?) throws(ScaffoldError) -> TemplateLibrary {
        try TemplateLibrary.locate(
            explicit: explicit, environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            executablePath: CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path })
    }

    static func readText(_ path: String) throws(ScaffoldError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScaffoldError(.invalidInput, file: path, "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScaffoldError(.invalidInput, file: path, "not UTF-8 text")
        }
        return text
    }

    /// The commit signature from `--author`/`--date`, falling back to the git environment
    /// variables and the current time.
    static func signature(author: String?, date: String?) throws(ScaffoldError) -> CommitSignature {
        let env = ProcessInfo.processInfo.environment
        let name: String
        let email: String
        if let author {
            guard let parsed = AuthorParser.parse(author) else {
                throw ScaffoldError(.invalidInput, "--author \"\(author)\": expected \"Name <email>\"")
            }
            (name, email) = parsed
        } else if let n = env["GIT_AUTHOR_NAME"], !n.isEmpty, let e = env["GIT_AUTHOR_EMAIL"], !e.isEmpty {
            (name, email) = (n, e)
        } else {
            throw ScaffoldError(
                .invalidInput, "no commit author: pass --author \"Name <email>\" or set GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL")
        }
        if let date {
            guard let parsed = ISODate.parse(date) else {
                throw ScaffoldError(
                    .invalidInput, "--date \(date): expected ISO 8601, e.g. 2025-01-31T12:00:00Z or 2025-01-31T12:00:00+02:00")
            }
            return CommitSignature(name: name, email: email, time: parsed.seconds, offsetMinutes: parsed.offsetMinutes)
        }
        return CommitSignature(name: name, email: email, time: Int64(Date().timeIntervalSince1970), offsetMinutes: 0)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

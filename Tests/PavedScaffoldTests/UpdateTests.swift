import Foundation
import PavedScaffold
import Testing

@Suite("Update by three-way merge")
struct UpdateTests {
    let author = CommitSignature(name: "Ada", email: "ada@example.com", time: 1_738_324_800)
    let later = CommitSignature(name: "Ada", email: "ada@example.com", time: 1_738_411_200)

    static func manifest(_ version: String, extra: String = "") -> String {
        """
        name: svc
        version: \(version)
        description: A service.
        parameters:
          - name: name
            type: string
            required: true
        \(extra)
        """
    }

    static let v1Files = [
        "README.md": "# {{name}}\n\nLine two.\nLine three.\nLine four.\nLine five.\nLine six.\n",
        "config.yml": "name: {{name}}\nretries: 3\ntimeout: 60\n",
    ]

    /// A templates folder with svc 1.0.0 (frozen) and svc 1.1.0 (current).
    func library(_ tmp: TemporaryFolder, v2Files: [String: String], v2Extra: String = "") throws -> TemplateLibrary {
        let root = tmp.path + "/templates"
        try Fixtures.write(root: root, name: "svc", version: "1.0.0", manifest: Self.manifest("1.0.0"), files: Self.v1Files, current: false)
        try Fixtures.write(root: root, name: "svc", version: "1.1.0", manifest: Self.manifest("1.1.0", extra: v2Extra), files: v2Files, current: true)
        return TemplateLibrary(root: root)
    }

    func start(_ library: TemplateLibrary, at dir: String) throws {
        let v1 = try library.load("svc", version: SemanticVersion(1, 0, 0))
        _ = try Scaffolder.scaffold(v1, given: try GivenAnswer.fromFlags(["name=billing"]), into: dir, author: author)
    }

    func commitAll(_ dir: String, _ message: String) throws {
        try GitCLI.run(["-c", "user.name=Dev", "-c", "user.email=dev@x", "commit", "-qam", message], in: dir)
    }

    @Test("a clean merge keeps local edits, takes the template's changes, commits and tags")
    func clean() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        var v2 = Self.v1Files
        v2["config.yml"] = "name: {{name}}\nretries: 5\ntimeout: 60\n"
        v2["CHANGELOG.md"] = "# {{name}} changelog\n"
        let library = try library(tmp, v2Files: v2)
        let dir = tmp.path + "/billing"
        try start(library, at: dir)
        try "# billing\n\nLine two, edited by the team.\nLine three.\nLine four.\nLine five.\nLine six.\n"
            .write(toFile: dir + "/README.md", atomically: true, encoding: .utf8)
        try commitAll(dir, "team edit")

        let result = try Updater.update(dir, library: library, to: nil, author: later)
        guard case .committed(let commit, let tag) = result.outcome else {
            Issue.record("expected a commit, got \(result.outcome)")
            return
        }
        #expect(tag == "template/svc/v1.1.0")
        #expect(result.from == SemanticVersion(1, 0, 0) && result.to == SemanticVersion(1, 1, 0))
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: dir) == "\(commit)\n")
        #expect(try GitCLI.run(["log", "--format=%s", "-3"], in: dir)
            == "Update template svc from 1.0.0 to 1.1.0\nteam edit\nScaffold from template svc 1.0.0\n")
        #expect(try GitCLI.run(["status", "--porcelain"], in: dir) == "")
        #expect(try String(contentsOfFile: dir + "/README.md", encoding: .utf8).contains("edited by the team"))
        #expect(try String(contentsOfFile: dir + "/config.yml", encoding: .utf8) == "name: billing\nretries: 5\ntimeout: 60\n")
        #expect(try String(contentsOfFile: dir + "/CHANGELOG.md", encoding: .utf8) == "# billing changelog\n")
        #expect(try String(contentsOfFile: dir + "/.paved/answers.yml", encoding: .utf8).contains("version: \"1.1.0\""))
        #expect(try GitCLI.run(["tag", "--list"], in: dir) == "template/svc/v1.0.0\ntemplate/svc/v1.1.0\n")

        // Running it again is a no-op.
        #expect(try Updater.update(dir, library: library, to: nil, author: later).outcome == .alreadyCurrent)

        // Changing an answer re-renders and merges, keeping the team's edits.
        let renamed = try Updater.update(dir, library: library, to: nil, extra: try GivenAnswer.fromFlags(["name=invoicing"]), author: later)
        guard case .committed = renamed.outcome else {
            Issue.record("expected a commit, got \(renamed.outcome)")
            return
        }
        #expect(try GitCLI.run(["log", "--format=%s", "-1"], in: dir) == "Re-render template svc 1.1.0 with changed answers: name\n")
        #expect(try String(contentsOfFile: dir + "/config.yml", encoding: .utf8) == "name: invoicing\nretries: 5\ntimeout: 60\n")
        #expect(try String(contentsOfFile: dir + "/README.md", encoding: .utf8).hasPrefix("# invoicing\n\nLine two, edited by the team."))
    }

    @Test("a conflict leaves markers and UU state, like git merge, and commits nothing")
    func conflict() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        var v2 = Self.v1Files
        v2["config.yml"] = "name: {{name}}\nretries: 5\ntimeout: 60\n"
        let library = try library(tmp, v2Files: v2)
        let dir = tmp.path + "/billing"
        try start(library, at: dir)
        try "name: billing\nretries: 10\ntimeout: 60\n".write(toFile: dir + "/config.yml", atomically: true, encoding: .utf8)
        try commitAll(dir, "more retries")
        let head = try GitCLI.run(["rev-parse", "HEAD"], in: dir)

        let result = try Updater.update(dir, library: library, to: SemanticVersion(1, 1, 0), author: later)
        #expect(result.outcome == .conflicted(["config.yml"]))
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: dir) == head)
        #expect(try GitCLI.run(["status", "--porcelain"], in: dir) == "M  .paved/answers.yml\nUU config.yml\n")
        #expect(try String(contentsOfFile: dir + "/config.yml", encoding: .utf8)
            == "name: billing\n<<<<<<< HEAD\nretries: 10\n=======\nretries: 5\n>>>>>>> svc 1.1.0\ntimeout: 60\n")
        #expect(try GitCLI.run(["ls-files", "--unmerged", "--format=%(stage) %(path)"], in: dir) == "1 config.yml\n2 config.yml\n3 config.yml\n")

        // A second update refuses until the conflict is resolved.
        #expect(Fixtures.messages { _ = try Updater.update(dir, library: library, to: nil, author: later) } == [
            "error: \(dir) has unresolved conflicts (config.yml); resolve them, `git add` and `git commit` first"
        ])
        // Resolving as with git merge: edit, add, commit.
        try "name: billing\nretries: 10\ntimeout: 60\n".write(toFile: dir + "/config.yml", atomically: true, encoding: .utf8)
        try GitCLI.run(["add", "config.yml"], in: dir)
        try commitAll(dir, "take template 1.1.0")
        #expect(try Updater.update(dir, library: library, to: nil, author: later).outcome == .alreadyCurrent)
    }

    @Test("uncommitted changes to tracked files are refused before anything is touched")
    func dirty() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let library = try library(tmp, v2Files: Self.v1Files)
        let dir = tmp.path + "/billing"
        try start(library, at: dir)
        try "changed\n".write(toFile: dir + "/README.md", atomically: true, encoding: .utf8)
        #expect(Fixtures.messages { _ = try Updater.update(dir, library: library, to: nil, author: later) } == [
            "error: \(dir) has uncommitted changes (README.md); commit or stash them first"
        ])
    }

    @Test("a new required parameter must be given with --set; unknown versions list the available ones")
    func newParameter() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        var v2 = Self.v1Files
        v2["team.txt"] = "{{team}}\n"
        let library = try library(tmp, v2Files: v2, v2Extra: "  - name: team\n    type: string\n    required: true\n")
        let dir = tmp.path + "/billing"
        try start(library, at: dir)
        #expect(Fixtures.messages { _ = try Updater.update(dir, library: library, to: nil, author: later) } == [
            "error: parameter 'team': required, but no value was given and it has no default",
            "error: the recorded answers do not satisfy svc 1.1.0; give the missing or changed values with --set",
        ])
        #expect(Fixtures.messages { _ = try Updater.update(dir, library: library, to: SemanticVersion(9, 0, 0), author: later) } == [
            "error: template 'svc' has no version 9.0.0 (available: 1.0.0, 1.1.0)"
        ])
        let result = try Updater.update(dir, library: library, to: nil, extra: try GivenAnswer.fromFlags(["team=payments"]), author: later)
        guard case .committed = result.outcome else {
            Issue.record("expected a commit, got \(result.outcome)")
            return
        }
        #expect(try String(contentsOfFile: dir + "/team.txt", encoding: .utf8) == "payments\n")
        #expect(try String(contentsOfFile: dir + "/.paved/answers.yml", encoding: .utf8).contains("team: \"payments\""))
    }

    @Test("a folder that was not scaffolded is refused with a clear message")
    func notScaffolded() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let library = try library(tmp, v2Files: Self.v1Files)
        #expect(Fixtures.messages { _ = try Updater.update(tmp.path, library: library, to: nil, author: later) }.first?
            .hasPrefix("error: \(tmp.path) is not a git repository") == true)
    }
}

@Suite("Template library")
struct LibraryTests {
    @Test("every shipped template and version loads, and versions are ordered")
    func shipped() throws {
        let library = TemplateLibrary(root: RepositoryPaths.templates)
        #expect(try library.templateNames() == ["airflow-pipeline", "dagster-assets", "dbt-pipeline"])
        for name in try library.templateNames() {
            for version in try library.versions(of: name) {
                let source = try library.load(name, version: version)
                #expect(source.manifest.version == version)
            }
        }
        #expect(try library.versions(of: "dbt-pipeline") == [SemanticVersion(1, 0, 0), SemanticVersion(1, 1, 0)])
    }

    @Test("an unknown template lists the available ones")
    func unknown() {
        #expect(Fixtures.messages { _ = try TemplateLibrary(root: RepositoryPaths.templates).load("spark-job") } == [
            "error: no template 'spark-job' in \(RepositoryPaths.templates) (available: airflow-pipeline, dagster-assets, dbt-pipeline)"
        ])
    }

    @Test("the templates folder is found from a flag, the environment, or upward from the current folder")
    func locate() throws {
        let root = RepositoryPaths.root
        #expect(try TemplateLibrary.locate(explicit: nil, environment: [:], currentDirectory: root + "/Sources/PavedScaffold").root
            == RepositoryPaths.templates)
        #expect(try TemplateLibrary.locate(explicit: nil, environment: ["PAVED_TEMPLATES": root + "/golden-path-templates"], currentDirectory: "/").root
            == root + "/golden-path-templates")
        #expect(Fixtures.messages { _ = try TemplateLibrary.locate(explicit: "/nope", environment: [:], currentDirectory: "/") } == [
            "error: templates folder /nope (from --templates) does not exist or is not a folder"
        ])
    }

    @Test("templates show describes parameters, types, defaults and rules")
    func describe() throws {
        let text = TemplateDescription.render(try Fixtures.manifest, versions: [SemanticVersion(1, 0, 0)])
        #expect(text == """
            demo 1.0.0

              A demo template.

            Versions: 1.0.0

            Parameters:
              name (string)
                  rules: required; pattern ^[a-z][a-z0-9_]*$; length >= 3; length <= 20
              owner (string)
                  rules: required; pattern ^@[a-z]+/[a-z-]+$
              tier (integer)  default: 2
                  rules: value >= 1; value <= 3
              db (choice)  default: "duckdb"
                  rules: one of: duckdb, postgres
              tags (list)  default: []
                  rules: pattern ^[a-z]+$; items <= 2
              alerts (boolean)  default: false
              pager (string)
                  rules: required; only when tier == 1
              token (string)
                  rules: secret (never recorded)

            Conditional files:
              pg/ when db == "postgres"
            """)
    }
}

import Foundation
import PavedScaffold
import Testing

@Suite("Scaffold end to end")
struct ScaffoldTests {
    let author = CommitSignature(name: "Grace Hopper", email: "grace@example.com", time: 1_738_324_800, offsetMinutes: 120)
    let dbtAnswers = [
        "name=orders", "owner=@acme/data-eng", "owner_email=data-eng@acme.io", "tier=2", "warehouse=postgres",
        "aws_account_dev=111111111111", "aws_account_prod=222222222222",
    ]

    func scaffold(_ template: String = "dbt-pipeline", into dir: String, flags: [String]? = nil, dryRun: Bool = false) throws -> ScaffoldResult {
        let source = try TemplateLibrary(root: RepositoryPaths.templates).load(template)
        return try Scaffolder.scaffold(
            source, given: try GivenAnswer.fromFlags(flags ?? dbtAnswers), into: dir, author: author, dryRun: dryRun)
    }

    @Test("creates a repository on main with one commit, the author, the message and the tag; the git CLI agrees")
    func endToEnd() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let dir = tmp.path + "/orders"
        let result = try scaffold(into: dir)
        let git = { (args: [String]) in try GitCLI.run(args, in: dir) }

        #expect(try git(["branch", "--show-current"]) == "main\n")
        #expect(try git(["rev-parse", "HEAD"]) == "\(result.commit ?? "")\n")
        #expect(try git(["log", "--format=%an <%ae>|%cn <%ce>|%aI|%s", "-1"])
            == "Grace Hopper <grace@example.com>|Grace Hopper <grace@example.com>|2025-01-31T14:00:00+02:00|Scaffold from template dbt-pipeline 1.1.0\n")
        #expect(try git(["rev-list", "--count", "HEAD"]) == "1\n")
        #expect(try git(["tag", "--list"]) == "template/dbt-pipeline/v1.1.0\n")
        #expect(try git(["cat-file", "-t", "template/dbt-pipeline/v1.1.0"]) == "tag\n")
        #expect(try git(["rev-parse", "template/dbt-pipeline/v1.1.0^{commit}"]) == "\(result.commit ?? "")\n")
        #expect(try git(["status", "--porcelain", "--untracked-files=all", "--ignored"]) == "")
        #expect(try git(["fsck", "--strict", "--no-dangling"]) == "")

        // Every rendered file is committed with its mode, and on disk with its content.
        let tree = try git(["ls-tree", "-r", "--format=%(objectmode) %(path)", "HEAD"])
        let expected = result.files.map { "\($0.executable ? "100755" : "100644") \($0.path)" }.joined(separator: "\n") + "\n"
        #expect(tree == expected)
        for file in result.files {
            #expect(FileManager.default.contents(atPath: dir + "/" + file.path).map(Array.init) == file.contents)
            let mode = (try FileManager.default.attributesOfItem(atPath: dir + "/" + file.path)[.posixPermissions] as? Int) ?? 0
            #expect((mode & 0o100 != 0) == file.executable, "\(file.path) mode \(String(mode, radix: 8))")
        }
        #expect(try git(["show", "HEAD:.paved/answers.yml"]).contains("template: \"dbt-pipeline\"\nversion: \"1.1.0\"\n"))
        // Nothing left next to the target.
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["orders"])
    }

    @Test("with a fixed date the commit id is reproducible")
    func reproducible() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let first = try scaffold(into: tmp.path + "/a")
        let second = try scaffold(into: tmp.path + "/b")
        #expect(first.commit != nil)
        #expect(first.commit == second.commit)
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: tmp.path + "/b") == "\(first.commit ?? "")\n")
    }

    @Test("every shipped template scaffolds and commits", arguments: ["dbt-pipeline", "airflow-pipeline", "dagster-assets"])
    func shipped(_ name: String) throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let result = try scaffold(name, into: tmp.path + "/r", flags: ["name=demo_pipe", "owner=@acme/team", "owner_email=t@acme.io", "aws_account_dev=111111111111", "aws_account_prod=222222222222"])
        #expect(try GitCLI.run(["status", "--porcelain"], in: tmp.path + "/r") == "")
        #expect(result.files.count > 10)
    }

    @Test("free-text parameters of shipped templates reject values that would break the generated code",
          arguments: ["dbt-pipeline", "airflow-pipeline", "dagster-assets"])
    func hostileValues(_ name: String) throws {
        let manifest = try TemplateLibrary(root: RepositoryPaths.templates).load(name).manifest
        for parameter in manifest.parameters where parameter.type == .string || parameter.type == .list {
            for hostile in ["a\"b", "a\\b", "a\nb"] {
                // tier=1 switches on the tier-1-only parameters.
                let given = [
                    GivenAnswer(name: "tier", raw: .text("1")),
                    GivenAnswer(name: parameter.name, raw: parameter.type == .list ? .list([hostile]) : .scalar(hostile, plain: false)),
                ]
                let messages = Fixtures.messages { _ = try AnswerResolver.resolve(given, for: manifest) }
                #expect(
                    messages.contains { $0.hasPrefix("error: parameter '\(parameter.name)': ") && $0.contains("pattern") },
                    "\(name): parameter '\(parameter.name)' accepts \(hostile.debugDescription)")
            }
        }
    }

    @Test("an existing, empty target folder is used; a non-empty one is refused and left untouched")
    func targets() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let empty = tmp.path + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        _ = try scaffold(into: empty)
        #expect(try GitCLI.run(["rev-list", "--count", "HEAD"], in: empty) == "1\n")

        let full = tmp.path + "/full"
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        try "mine".write(toFile: full + "/keep.txt", atomically: true, encoding: .utf8)
        #expect(Fixtures.messages { _ = try scaffold(into: full) } == [
            "error: refusing to scaffold into \(full): the folder is not empty (1 entry)"
        ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: full) == ["keep.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted() == ["empty", "full"])
    }

    @Test("invalid answers write nothing at all")
    func invalidAnswersWriteNothing() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let dir = tmp.path + "/deep/er/orders"
        let messages = Fixtures.messages { _ = try scaffold(into: dir, flags: ["name=Orders", "owner=acme", "tier=9"]) }
        #expect(messages == [
            "error: parameter 'name': \"Orders\" does not match the pattern ^[a-z][a-z0-9_]*$",
            "error: parameter 'owner': \"acme\" does not match the pattern ^@[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$",
            "error: parameter 'owner_email': required, but no value was given and it has no default",
            "error: parameter 'tier': 9 is greater than the maximum 3",
            "error: parameter 'aws_account_dev': required, but no value was given and it has no default",
            "error: parameter 'aws_account_prod': required, but no value was given and it has no default",
        ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
    }

    @Test("a libgit2 failure midway leaves no half-made repository, not even new parent folders")
    func failureMidway() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let dir = tmp.path + "/new/orders"
        let source = try TemplateLibrary(root: RepositoryPaths.templates).load("dbt-pipeline")
        let bad = CommitSignature(name: "<bad>", email: "x@y", time: 0)
        let messages = Fixtures.messages {
            _ = try Scaffolder.scaffold(source, given: try GivenAnswer.fromFlags(dbtAnswers), into: dir, author: bad)
        }
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("error: git: could not create the commit") == true || messages.first?.hasPrefix("error: git: could not use the signature") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
    }

    @Test("a dry run validates and lists, and writes nothing")
    func dryRun() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let result = try scaffold(into: tmp.path + "/orders", dryRun: true)
        #expect(result.commit == nil)
        #expect(result.files.contains { $0.path == "dbt_project.yml" })
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
    }
}

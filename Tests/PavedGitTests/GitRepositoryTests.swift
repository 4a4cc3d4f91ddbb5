import Foundation
import PavedGit
import Testing

@Suite("GitRepository")
struct GitRepositoryTests {
    let ada = Signature(name: "Ada Lovelace", email: "ada@example.com", time: 1_700_000_000, offsetMinutes: 60)

    func files(_ pairs: [(String, String)], executable: Set<String> = []) -> [TreeFile] {
        pairs.map { TreeFile(path: $0.0, contents: Array($0.1.utf8), executable: executable.contains($0.0)) }
    }

    @Test("init on main, commit from buffers, annotated tag, checkout: the git CLI agrees")
    func commitAndTag() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let dir = tmp.path + "/repo"
        let repo = try GitRepository.create(at: dir, initialBranch: "main")
        #expect(try repo.headCommit() == nil)
        #expect(try repo.currentBranch() == "main")
        let tree = try repo.writeTree(
            files([("README.md", "hello\n"), ("bin/run.sh", "#!/bin/sh\necho hi\n"), ("empty.txt", "")], executable: ["bin/run.sh"]))
        let commit = try repo.commit(tree: tree, parents: [], author: ada, committer: ada, message: "Start")
        try repo.createTag(named: "v1", target: commit, tagger: ada, message: "First")
        try repo.checkoutHead()

        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: dir) == "\(commit)\n")
        #expect(try GitCLI.run(["branch", "--show-current"], in: dir) == "main\n")
        #expect(try GitCLI.run(["log", "-1", "--format=%an <%ae> %ad%n%B", "--date=iso-strict"], in: dir)
            == "Ada Lovelace <ada@example.com> 2023-11-14T23:13:20+01:00\nStart\n\n")
        #expect(try GitCLI.run(["ls-tree", "-r", "--format=%(objectmode) %(path)", "HEAD"], in: dir)
            == "100644 README.md\n100755 bin/run.sh\n100644 empty.txt\n")
        #expect(try GitCLI.run(["cat-file", "-t", "v1"], in: dir) == "tag\n")
        #expect(try GitCLI.run(["status", "--porcelain"], in: dir) == "")
        #expect(try repo.tagNames() == ["v1"])
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/bin/run.sh")[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o111 != 0 } == true)
        #expect(try repo.files(inTree: tree).map(\.path) == ["README.md", "bin/run.sh", "empty.txt"])
        #expect(try GitCLI.run(["fsck", "--strict"], in: dir) == "")
    }

    @Test("the same tree, author, date and message give the same commit id")
    func reproducibleCommit() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        var ids: [ObjectID] = []
        for i in 0..<2 {
            let repo = try GitRepository.create(at: tmp.path + "/r\(i)")
            let tree = try repo.writeTree(files([("a.txt", "a\n")]))
            ids.append(try repo.commit(tree: tree, parents: [], author: ada, committer: ada, message: "m"))
        }
        #expect(ids[0] == ids[1])
    }

    @Test("creating a repository where one exists fails with libgit2's reason")
    func noReinit() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        _ = try GitRepository.create(at: tmp.path + "/r")
        #expect {
            _ = try GitRepository.create(at: tmp.path + "/r")
        } throws: { error in
            guard let error = error as? GitError else { return false }
            return error.operation == "initialise a repository at \(tmp.path)/r" && error.code < 0
                && error.description.hasPrefix("could not initialise a repository at \(tmp.path)/r: ")
        }
    }

    @Test("an invalid signature is a clear error, not a crash")
    func badSignature() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let repo = try GitRepository.create(at: tmp.path + "/r")
        let tree = try repo.writeTree(files([("a", "a")]))
        let bad = Signature(name: "", email: "x@y", time: 0)
        #expect(throws: GitError.self) {
            try repo.commit(tree: tree, parents: [], author: bad, committer: bad, message: "m")
        }
    }

    @Test("opening a folder that is not a repository names the folder")
    func openMissing() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        #expect {
            _ = try GitRepository.open(at: tmp.path)
        } throws: { error in
            (error as? GitError)?.operation == "open a git repository at \(tmp.path)"
        }
    }
}

@Suite("Three-way merge")
struct MergeTests {
    let ada = Signature(name: "Ada", email: "ada@example.com", time: 1_700_000_000)

    func tree(_ repo: GitRepository, _ pairs: [(String, String)]) throws -> ObjectID {
        try repo.writeTree(pairs.map { TreeFile(path: $0.0, contents: Array($0.1.utf8)) })
    }

    func start(_ dir: String, _ pairs: [(String, String)]) throws -> GitRepository {
        let repo = try GitRepository.create(at: dir)
        let t = try tree(repo, pairs)
        try repo.commit(tree: t, parents: [], author: ada, committer: ada, message: "base")
        try repo.checkoutHead()
        return repo
    }

    @Test("a clean merge keeps our edit, takes theirs, and commits on main")
    func clean() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let dir = tmp.path + "/r"
        let base = [("a.txt", "1\n2\n3\n4\n5\n6\n7\n"), ("b.txt", "b\n")]
        let repo = try start(dir, base)
        // ours: edit line 1 of a.txt and commit through the CLI.
        try "ONE\n2\n3\n4\n5\n6\n7\n".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try GitCLI.run(["-c", "user.name=U", "-c", "user.email=u@x", "commit", "-qam", "ours"], in: dir)
        let baseTree = try tree(repo, base)
        let theirs = try tree(repo, [("a.txt", "1\n2\n3\n4\n5\n6\nSEVEN\n"), ("b.txt", "b\n"), ("c.txt", "new\n")])
        let outcome = try repo.mergeIntoHead(
            base: baseTree, theirs: theirs, labels: MergeLabels(base: "t 1.0.0", theirs: "t 1.1.0"), author: ada,
            committer: ada, message: "update")
        guard case .committed(let commit) = outcome else {
            Issue.record("expected a commit, got \(outcome)")
            return
        }
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: dir) == "\(commit)\n")
        #expect(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8) == "ONE\n2\n3\n4\n5\n6\nSEVEN\n")
        #expect(try String(contentsOfFile: dir + "/c.txt", encoding: .utf8) == "new\n")
        #expect(try GitCLI.run(["status", "--porcelain"], in: dir) == "")
        #expect(try GitCLI.run(["rev-list", "--count", "HEAD"], in: dir) == "3\n")
    }

    @Test("a conflict leaves markers and an unmerged index (UU), and commits nothing")
    func conflict() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let dir = tmp.path + "/r"
        let base = [("a.txt", "x = 1\n"), ("b.txt", "b\n")]
        let repo = try start(dir, base)
        let head = try repo.headCommit()
        try "x = 2\n".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try GitCLI.run(["-c", "user.name=U", "-c", "user.email=u@x", "commit", "-qam", "ours"], in: dir)
        let ours = try repo.headCommit()
        let outcome = try repo.mergeIntoHead(
            base: try tree(repo, base), theirs: try tree(repo, [("a.txt", "x = 3\n"), ("b.txt", "B\n")]),
            labels: MergeLabels(base: "t 1.0.0", theirs: "t 1.1.0"), author: ada, committer: ada, message: "update")
        #expect(outcome == .conflicted(["a.txt"]))
        #expect(try repo.headCommit() == ours)
        #expect(head != ours)
        #expect(try GitCLI.run(["status", "--porcelain"], in: dir) == "UU a.txt\nM  b.txt\n")
        #expect(try String(contentsOfFile: dir + "/a.txt", encoding: .utf8)
            == "<<<<<<< HEAD\nx = 2\n=======\nx = 3\n>>>>>>> t 1.1.0\n")
        #expect(try repo.conflictedPaths() == ["a.txt"])
        #expect(try GitCLI.run(["ls-files", "-u"], in: dir).split(separator: "\n").count == 3)
    }

    @Test("merging what HEAD already has is up to date")
    func upToDate() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let base = [("a.txt", "a\n")]
        let repo = try start(tmp.path + "/r", base)
        let t = try tree(repo, base)
        #expect(
            try repo.mergeIntoHead(
                base: t, theirs: t, labels: MergeLabels(base: "b", theirs: "t"), author: ada, committer: ada, message: "m")
                == .upToDate)
    }

    @Test("status lists modified tracked files only")
    func modified() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let dir = tmp.path + "/r"
        let repo = try start(dir, [("a.txt", "a\n")])
        #expect(try repo.modifiedTrackedPaths() == [])
        try "new".write(toFile: dir + "/untracked.txt", atomically: true, encoding: .utf8)
        #expect(try repo.modifiedTrackedPaths() == [])
        try "changed".write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        #expect(try repo.modifiedTrackedPaths() == ["a.txt"])
    }
}

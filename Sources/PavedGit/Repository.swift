import Clibgit2

/// One file of a tree built in memory: a `/`-separated relative path, its bytes and whether it is
/// executable (mode 100755) or a regular file (100644).
public struct TreeFile: Equatable, Sendable {
    /// The path inside the repository, `/`-separated, no leading `/`.
    public var path: String
    /// The file's bytes.
    public var contents: [UInt8]
    /// `true` for mode 100755, `false` for 100644.
    public var executable: Bool

    /// Creates a tree file.
    public init(path: String, contents: [UInt8], executable: Bool = false) {
        self.path = path
        self.contents = contents
        self.executable = executable
    }
}

/// A git repository opened through libgit2.
///
/// The handle is a libgit2 pointer, which is not thread-safe: keep a `GitRepository` inside one
/// task (it is deliberately not `Sendable`).
///
/// ```swift
/// let repo = try GitRepository.create(at: "/tmp/new", initialBranch: "main")
/// let tree = try repo.writeTree([TreeFile(path: "README.md", contents: Array("hi\n".utf8))])
/// let me = Signature(name: "Ada", email: "ada@example.com", time: 1_700_000_000)
/// let commit = try repo.commit(tree: tree, parents: [], author: me, committer: me, message: "Start")
/// try repo.createTag(named: "v1", target: commit, tagger: me, message: "v1")
/// try repo.checkoutHead()
/// ```
public final class GitRepository {
    let handle: OpaquePointer
    /// The working directory (with a trailing `/`), or the git directory for a bare repository.
    public let workdir: String

    private init(handle: OpaquePointer) {
        self.handle = handle
        if let dir = git_repository_workdir(handle) {
            self.workdir = String(cString: dir)
        } else {
            self.workdir = String(cString: git_repository_path(handle))
        }
    }

    deinit {
        git_repository_free(handle)
    }

    /// Creates a new repository (and any missing parent folders) whose unborn HEAD points at
    /// `initialBranch`. Fails if a repository already exists there.
    public static func create(at path: String, initialBranch: String = "main") throws -> GitRepository {
        Libgit2.ensure()
        var options = git_repository_init_options()
        try check(
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
            "prepare repository options")
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        var repo: OpaquePointer?
        try initialBranch.withCString { branch in
            options.initial_head = branch
            try check(git_repository_init_ext(&repo, path, &options), "initialise a repository at \(path)")
        }
        guard let repo else { throw GitError(operation: "initialise a repository at \(path)", message: "no repository") }
        return GitRepository(handle: repo)
    }

    /// Opens the repository whose working directory is `path` (no upward search).
    public static func open(at path: String) throws -> GitRepository {
        Libgit2.ensure()
        var repo: OpaquePointer?
        try check(
            git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil),
            "open a git repository at \(path)")
        guard let repo else { throw GitError(operation: "open a git repository at \(path)", message: "no repository") }
        return GitRepository(handle: repo)
    }

    // MARK: - Objects

    /// Writes `files` as blobs and trees straight into the object database (no working
    /// directory, no filters, no ignore rules) and returns the root tree's id.
    public func writeTree(_ files: [TreeFile]) throws -> ObjectID {
        var index: OpaquePointer?
        try check(git_index_new(&index), "create an in-memory index")
        guard let index else { throw GitError(operation: "create an in-memory index", message: "no index") }
        defer { git_index_free(index) }
        for file in files {
            var blob = git_oid()
            try file.contents.withUnsafeBytes { buffer in
                try check(
                    git_blob_create_from_buffer(&blob, handle, buffer.baseAddress, buffer.count),
                    "store the contents of \(file.path)")
            }
            var entry = git_index_entry()
            entry.mode = file.executable ? 0o100755 : 0o100644
            entry.id = blob
            entry.file_size = UInt32(truncatingIfNeeded: file.contents.count)
            try file.path.withCString { path in
                entry.path = path
                try check(git_index_add(index, &entry), "add \(file.path) to the tree")
            }
        }
        var tree = git_oid()
        try check(git_index_write_tree_to(&tree, index, handle), "write the tree")
        return ObjectID(tree)
    }

    /// Reads every file of a tree (recursively), sorted by path.
    public func files(inTree tree: ObjectID) throws -> [TreeFile] {
        let index = try inMemoryIndex(of: tree)
        defer { git_index_free(index) }
        var result: [TreeFile] = []
        let count = git_index_entrycount(index)
        result.reserveCapacity(count)
        for i in 0..<count {
            guard let entry = git_index_get_byindex(index, i) else { continue }
            let path = String(cString: entry.pointee.path)
            var oid = entry.pointee.id
            var blob: OpaquePointer?
            try check(git_blob_lookup(&blob, handle, &oid), "read \(path)")
            guard let blob else { continue }
            defer { git_blob_free(blob) }
            let size = Int(git_blob_rawsize(blob))
            var bytes: [UInt8] = []
            if size > 0, let raw = git_blob_rawcontent(blob) {
                bytes = Array(UnsafeRawBufferPointer(start: raw, count: size))
            }
            result.append(TreeFile(path: path, contents: bytes, executable: entry.pointee.mode == 0o100755))
        }
        return result
    }

    private func inMemoryIndex(of tree: ObjectID) throws -> OpaquePointer {
        var treeObject: OpaquePointer?
        var oid = tree.raw
        try check(git_tree_lookup(&treeObject, handle, &oid), "look up tree \(tree)")
        defer { git_tree_free(treeObject) }
        var index: OpaquePointer?
        try check(git_index_new(&index), "create an in-memory index")
        guard let index else { throw GitError(operation: "create an in-memory index", message: "no index") }
        do {
            try check(git_index_read_tree(index, treeObject), "read tree \(tree)")
        } catch {
            git_index_free(index)
            throw error
        }
        return index
    }

    // MARK: - Commits, references, tags

    /// The commit HEAD points at, or `nil` when HEAD is unborn (a new repository).
    public func headCommit() throws -> ObjectID? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, handle, "HEAD")
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EUNBORNBRANCH.rawValue { return nil }
        try check(result, "resolve HEAD")
        return ObjectID(oid)
    }

    /// The tree of a commit.
    public func tree(ofCommit commit: ObjectID) throws -> ObjectID {
        var object: OpaquePointer?
        var oid = commit.raw
        try check(git_commit_lookup(&object, handle, &oid), "look up commit \(commit)")
        defer { git_commit_free(object) }
        guard let id = git_commit_tree_id(object) else {
            throw GitError(operation: "read the tree of commit \(commit)", message: "no tree")
        }
        return ObjectID(id.pointee)
    }

    /// The name of the branch HEAD points at (`main`), even when unborn; `nil` when detached.
    public func currentBranch() throws -> String? {
        var ref: OpaquePointer?
        try check(git_reference_lookup(&ref, handle, "HEAD"), "read HEAD")
        defer { git_reference_free(ref) }
        guard git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(ref) else {
            return nil
        }
        let name = String(cString: target)
        let prefix = "refs/heads/"
        return name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
    }

    /// Creates a commit of `tree` with `parents`, and moves `updateReference` (default HEAD, which
    /// also moves the branch HEAD points at) to it. The message is stored as given plus a final
    /// newline, as the git CLI does.
    @discardableResult
    public func commit(
        tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String,
        updateReference: String? = "HEAD"
    ) throws -> ObjectID {
        var treeObject: OpaquePointer?
        var treeOid = tree.raw
        try check(git_tree_lookup(&treeObject, handle, &treeOid), "look up tree \(tree)")
        defer { git_tree_free(treeObject) }

        var parentObjects: [OpaquePointer?] = []
        defer { for p in parentObjects { git_commit_free(p) } }
        for parent in parents {
            var object: OpaquePointer?
            var oid = parent.raw
            try check(git_commit_lookup(&object, handle, &oid), "look up parent commit \(parent)")
            parentObjects.append(object)
        }
        let text = message.hasSuffix("\n") ? message : message + "\n"
        var result = git_oid()
        try author.withGitSignature { authorSig in
            try committer.withGitSignature { committerSig in
                try parentObjects.withUnsafeMutableBufferPointer { buffer in
                    try check(
                        git_commit_create(
                            &result, handle, updateReference, authorSig, committerSig, nil, text, treeObject,
                            buffer.count, buffer.baseAddress),
                        "create the commit")
                }
            }
        }
        return ObjectID(result)
    }

    /// Creates an annotated tag `name` on `target` (a commit). Fails if the tag exists.
    @discardableResult
    public func createTag(named name: String, target: ObjectID, tagger: Signature, message: String) throws -> ObjectID {
        var object: OpaquePointer?
        var oid = target.raw
        try check(git_object_lookup(&object, handle, &oid, GIT_OBJECT_COMMIT), "look up commit \(target)")
        defer { git_object_free(object) }
        let text = message.hasSuffix("\n") ? message : message + "\n"
        var result = git_oid()
        try tagger.withGitSignature { sig in
            try check(git_tag_create(&result, handle, name, object, sig, text, 0), "create the tag \(name)")
        }
        return ObjectID(result)
    }

    /// The names of all tags, sorted.
    public func tagNames() throws -> [String] {
        var array = git_strarray()
        try check(git_tag_list(&array, handle), "list tags")
        defer { git_strarray_dispose(&array) }
        var names: [String] = []
        for i in 0..<array.count {
            if let p = array.strings[i] { names.append(String(cString: p)) }
        }
        return names.sorted()
    }

    // MARK: - Working directory

    /// Writes HEAD's tree into the working directory and the index, as `git clone` does.
    /// With `force`, files that differ from HEAD are overwritten; without it, libgit2 refuses to
    /// touch modified files.
    public func checkoutHead(force: Bool = true) throws {
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "prepare checkout")
        options.checkout_strategy = force ? GIT_CHECKOUT_FORCE.rawValue : GIT_CHECKOUT_SAFE.rawValue
        try check(git_checkout_head(handle, &options), "write the files of HEAD into \(workdir)")
    }

    /// Paths of tracked files whose working-directory or index state differs from HEAD
    /// (untracked files are not reported), sorted.
    public func modifiedTrackedPaths() throws -> [String] {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "prepare status")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        var list: OpaquePointer?
        try check(git_status_list_new(&list, handle, &options), "read the status of \(workdir)")
        defer { git_status_list_free(list) }
        var paths: Set<String> = []
        for i in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, i) else { continue }
            if let delta = entry.pointee.head_to_index, let p = delta.pointee.new_file.path {
                paths.insert(String(cString: p))
            }
            if let delta = entry.pointee.index_to_workdir, let p = delta.pointee.new_file.path {
                paths.insert(String(cString: p))
            }
        }
        return paths.sorted()
    }

    /// Whether the repository is in the middle of a merge, rebase, cherry-pick or similar.
    public var hasOperationInProgress: Bool {
        git_repository_state(handle) != Int32(GIT_REPOSITORY_STATE_NONE.rawValue)
    }

    /// Paths that have conflict entries (stages 1–3) in the repository's index, sorted.
    public func conflictedPaths() throws -> [String] {
        var index: OpaquePointer?
        try check(git_repository_index(&index, handle), "open the index")
        defer { git_index_free(index) }
        try check(git_index_read(index, 1), "read the index")
        return try Self.conflicts(in: index)
    }

    static func conflicts(in index: OpaquePointer?) throws -> [String] {
        guard git_index_has_conflicts(index) != 0 else { return [] }
        var iterator: OpaquePointer?
        try check(git_index_conflict_iterator_new(&iterator, index), "list conflicts")
        defer { git_index_conflict_iterator_free(iterator) }
        var paths: Set<String> = []
        while true {
            var ancestor: UnsafePointer<git_index_entry>?
            var ours: UnsafePointer<git_index_entry>?
            var theirs: UnsafePointer<git_index_entry>?
            let result = git_index_conflict_next(&ancestor, &ours, &theirs, iterator)
            if result == GIT_ITEROVER.rawValue { break }
            try check(result, "list conflicts")
            for entry in [ancestor, ours, theirs] {
                if let entry, let p = entry.pointee.path { paths.insert(String(cString: p)) }
            }
        }
        return paths.sorted()
    }
}

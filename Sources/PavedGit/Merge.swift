import Clibgit2

/// Names written after the conflict markers (`<<<<<<< ours`, `||||||| base`, `>>>>>>> theirs`).
public struct MergeLabels: Equatable, Sendable {
    /// The common ancestor's label.
    public var base: String
    /// The current branch's label, conventionally "HEAD".
    public var ours: String
    /// The incoming side's label.
    public var theirs: String

    /// Creates labels.
    public init(base: String, ours: String = "HEAD", theirs: String) {
        self.base = base
        self.ours = ours
        self.theirs = theirs
    }
}

/// What a three-way merge into HEAD did.
public enum MergeOutcome: Equatable, Sendable {
    /// The merged tree equals HEAD's tree: nothing to do, nothing committed.
    case upToDate
    /// The merge was clean: the working directory and index were updated and this commit was made.
    case committed(ObjectID)
    /// The merge conflicted: these paths (sorted) have markers in the working directory and
    /// stage 1/2/3 entries in the index, exactly as `git merge` leaves them. Nothing was committed.
    case conflicted([String])
}

extension GitRepository {
    /// Three-way merges `theirs` into HEAD using `base` as the common ancestor (three trees),
    /// then either commits the clean result on HEAD's branch or leaves git's conflict state.
    ///
    /// The working directory must have no modifications to tracked files; untracked files that
    /// the merge would overwrite make libgit2 refuse, before anything is written.
    public func mergeIntoHead(
        base: ObjectID, theirs: ObjectID, labels: MergeLabels, author: Signature, committer: Signature,
        message: String
    ) throws -> MergeOutcome {
        guard let head = try headCommit() else {
            throw GitError(operation: "merge into HEAD", message: "the repository has no commits")
        }
        let ours = try tree(ofCommit: head)

        var baseTree: OpaquePointer?
        var oursTree: OpaquePointer?
        var theirsTree: OpaquePointer?
        defer {
            git_tree_free(baseTree)
            git_tree_free(oursTree)
            git_tree_free(theirsTree)
        }
        var baseOid = base.raw
        var oursOid = ours.raw
        var theirsOid = theirs.raw
        try check(git_tree_lookup(&baseTree, handle, &baseOid), "look up the base tree \(base)")
        try check(git_tree_lookup(&oursTree, handle, &oursOid), "look up HEAD's tree \(ours)")
        try check(git_tree_lookup(&theirsTree, handle, &theirsOid), "look up the incoming tree \(theirs)")

        var mergeOptions = git_merge_options()
        try check(git_merge_options_init(&mergeOptions, UInt32(GIT_MERGE_OPTIONS_VERSION)), "prepare the merge")
        var merged: OpaquePointer?
        try check(
            git_merge_trees(&merged, handle, baseTree, oursTree, theirsTree, &mergeOptions),
            "merge the trees")
        defer { git_index_free(merged) }

        let conflicts = try Self.conflicts(in: merged)
        if conflicts.isEmpty {
            var resultOid = git_oid()
            try check(git_index_write_tree_to(&resultOid, merged, handle), "write the merged tree")
            let result = ObjectID(resultOid)
            if result == ours { return .upToDate }
            try checkout(tree: result)
            let commit = try self.commit(
                tree: result, parents: [head], author: author, committer: committer, message: message)
            return .committed(commit)
        }

        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "prepare checkout")
        options.checkout_strategy =
            GIT_CHECKOUT_SAFE.rawValue | GIT_CHECKOUT_ALLOW_CONFLICTS.rawValue
            | GIT_CHECKOUT_CONFLICT_STYLE_MERGE.rawValue
        try labels.base.withCString { baseLabel in
            try labels.ours.withCString { oursLabel in
                try labels.theirs.withCString { theirsLabel in
                    options.ancestor_label = baseLabel
                    options.our_label = oursLabel
                    options.their_label = theirsLabel
                    try check(
                        git_checkout_index(handle, merged, &options),
                        "write the merge result with conflict markers into \(workdir)")
                }
            }
        }
        return .conflicted(conflicts)
    }

    /// Updates the working directory and index from HEAD's tree to `tree` (files changed since
    /// HEAD are left alone and make libgit2 refuse).
    func checkout(tree: ObjectID) throws {
        var object: OpaquePointer?
        var oid = tree.raw
        try check(git_object_lookup(&object, handle, &oid, GIT_OBJECT_TREE), "look up tree \(tree)")
        defer { git_object_free(object) }
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "prepare checkout")
        options.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue
        try check(git_checkout_tree(handle, object, &options), "update the files in \(workdir)")
    }
}

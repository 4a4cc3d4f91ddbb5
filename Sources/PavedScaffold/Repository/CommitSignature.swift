import PavedGit

/// Who commits a scaffolded repository, and when (PavedGit's `Signature`, re-exported so callers
/// of PavedScaffold need not import PavedGit).
public typealias CommitSignature = Signature

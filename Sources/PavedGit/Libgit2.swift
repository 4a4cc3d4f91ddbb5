import Clibgit2

/// Process-wide libgit2 set-up, done once.
///
/// Paved isolates libgit2 from the system, global and XDG git configuration: a scaffolded
/// repository must not depend on who runs it (a global excludes file, `core.autocrlf`,
/// `merge.conflictStyle` would otherwise change what gets committed or how a merge looks).
/// Only the repository's own `.git/config` is read. libgit2 is never shut down, so these settings
/// stay in force for the life of the process.
enum Libgit2 {
    static let initialised: Bool = {
        _ = git_libgit2_init()
        let levels = [
            GIT_CONFIG_LEVEL_PROGRAMDATA, GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL,
        ]
        for level in levels {
            _ = paved_git_set_search_path(level.rawValue, "")
        }
        return true
    }()

    static func ensure() {
        _ = initialised
    }
}

#ifndef PAVED_CLIBGIT2_SHIM_H
#define PAVED_CLIBGIT2_SHIM_H

#include <git2.h>

/// `git_libgit2_opts` is C-variadic and cannot be called from Swift; these wrappers expose the
/// options Paved needs with fixed signatures.

/// Sets the search path of one configuration level (`GIT_CONFIG_LEVEL_SYSTEM`, `..._GLOBAL`,
/// `..._XDG`, `..._PROGRAMDATA`). An empty string disables that level.
static inline int paved_git_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

/// Turns off libgit2's own object-creation checks that read the file system for every object
/// (the objects Paved writes are built from validated values).
static inline int paved_git_set_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

#endif

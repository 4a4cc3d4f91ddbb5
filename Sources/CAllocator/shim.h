#ifndef PAVED_CALLOCATOR_SHIM_H
#define PAVED_CALLOCATOR_SHIM_H

#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Asks the C allocator to grow its heaps by at least `bytes` at a time (glibc's `M_TOP_PAD`).
/// Elsewhere it does nothing. Returns 1 when the setting was applied.
static inline int paved_set_heap_growth(int bytes) {
#if defined(__GLIBC__)
    return mallopt(M_TOP_PAD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}

#endif

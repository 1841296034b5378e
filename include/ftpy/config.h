// Build configuration: the one place where CMake options become constants.
//
// CMake defines every FTPY_* option macro, always, as 0 or 1 (CMakeLists.txt),
// and the build uses -Werror=undef, so `#if FTPY_GIL_BUILD` with a misspelled
// or missing option is a compile error instead of silently the other build
// (MicroPython's py/mpconfig.h convention). Code branches on the constants
// below with `if constexpr`; `#if` on the macros stays in the files whose
// data layout or whole definitions differ between builds: object.h,
// refcount.h, critical_section.h, shared_containers.h, contracts.h, stats.h
// and the src/runtime files behind them, plus the dispatch choice in
// src/vm/eval.cc and one owner check in src/vm/global_cache.h.
#pragma once

#include <cstddef>

#if !defined(FTPY_GIL_BUILD) || !defined(FTPY_DEBUG) || !defined(FTPY_STATS) || \
    !defined(FTPY_SYSTEM_MALLOC) || !defined(FTPY_COMPUTED_GOTO) || !defined(FTPY_ABLATE_BIASED_RC) || \
    !defined(FTPY_ABLATE_LOCKFREE_READS) || !defined(FTPY_ABLATE_DEFERRED_RC) || !defined(FTPY_ABLATE_INPLACE) || \
    !defined(FTPY_ASAN) || !defined(FTPY_TSAN)
#error "the FTPY_* option macros come from CMake (target ftpy_core), each defined as 0 or 1"
#endif

namespace ftpy {

#if FTPY_GIL_BUILD
inline constexpr bool kGilBuild = true;
#else
inline constexpr bool kGilBuild = false;
#endif

// Checked contracts (contracts.h): on in the debug and sanitizer builds.
inline constexpr bool kDebugBuild = FTPY_DEBUG != 0;

// Ablations of the free-threaded build (design/ablations.md): each switches
// one mechanism off so that its cost and benefit can be measured.
#if FTPY_ABLATE_LOCKFREE_READS
inline constexpr bool kLockFreeReads = false;
#else
inline constexpr bool kLockFreeReads = true;
#endif
#if FTPY_ABLATE_DEFERRED_RC
inline constexpr bool kDeferredSharedRc = false;
#else
inline constexpr bool kDeferredSharedRc = true;
#endif
// Free-threaded build: code constants are immortal (src/compiler/codegen.cc),
// so LOAD_CONST pushes them without touching a count. Part of the "deferred
// reference counts for shared hot objects" mechanism, so its ablation turns
// it off too.
inline constexpr bool kImmortalConstants = !kGilBuild && kDeferredSharedRc;
// The control for the atomic-refcount ablation (which has to give up in-place
// updates): `x += 1` always allocates. Applies to every build, the GIL one too.
#if FTPY_ABLATE_INPLACE
inline constexpr bool kInPlaceUpdates = false;
#else
inline constexpr bool kInPlaceUpdates = true;
#endif

// The hot thread-locals (the thread id every reference count compares
// against, the thread state) use the local-exec TLS model: one %fs-relative
// access with the offset in the instruction, instead of first loading the
// offset (initial-exec, what a position-independent build uses for a
// variable defined in another file). Valid because ftpy_core is a static
// library linked only into executables; linking it into a shared object
// fails at link time rather than silently.
#define FTPY_TLS_LOCAL_EXEC [[gnu::tls_model("local-exec")]]

// Default recursion limit, as CPython's sys.getrecursionlimit().
inline constexpr int kDefaultRecursionLimit = 1000;

// Bytes of C stack kept in reserve below the recursion guard, so that deep
// recursion raises RecursionError instead of overflowing the native stack.
// A thread with a small stack (threading.stack_size) keeps a quarter of it.
inline constexpr long kStackReserveBytes = 256 * 1024;

// The trashcan (refcount.cc) lets destructors nest at most this deep on any
// stack before it parks objects: freeing a long chain on a 64 MiB thread
// stack would otherwise recurse some 600,000 frames, slow for the caches
// and past the 65,536 frames that ThreadSanitizer's stack depot can record.
inline constexpr long kTrashcanMaxDepthBytes = 1L << 20;

// Thread stacks (_thread.stack_size). The default is large because deep
// Python recursion through native code (__eq__, __init__ called by type,
// map) uses the C stack. The smallest stack ftpy gives a thread is larger
// than CPython's 32 KiB minimum, which threading.stack_size still accepts:
// a request below it is rounded up (design/threads.md). Sanitizer builds
// multiply both, as their instrumented frames are several times larger.
#if FTPY_ASAN || FTPY_TSAN
inline constexpr long kSanitizerStackFactor = 4;
#else
inline constexpr long kSanitizerStackFactor = 1;
#endif
inline constexpr size_t kDefaultThreadStackBytes = size_t{64} << 20;
inline constexpr size_t kMinThreadStackBytes = (size_t{256} << 10) * kSanitizerStackFactor;

}  // namespace ftpy

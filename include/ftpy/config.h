// Build configuration: the one place where CMake options become constants.
//
// Code branches on these with `if constexpr`; `#if` on the macros stays in the
// handful of runtime files whose data layout differs (object.h, refcount.h).
#pragma once

namespace ftpy {

#ifdef FTPY_GIL_BUILD
inline constexpr bool kGilBuild = true;
#else
inline constexpr bool kGilBuild = false;
#endif

// Default recursion limit, as CPython's sys.getrecursionlimit().
inline constexpr int kDefaultRecursionLimit = 1000;

// Bytes of C stack kept in reserve below the recursion guard, so that deep
// recursion raises RecursionError instead of overflowing the native stack.
inline constexpr long kStackReserveBytes = 256 * 1024;

}  // namespace ftpy

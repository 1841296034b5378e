// The LOAD_GLOBAL cache and the immortalization of shared modules
// (design/refcounting.md, design/reclamation.md).
// Private to src/vm/eval.cc.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "ftpy/class.h"
#include "ftpy/config.h"
#include "ftpy/contracts.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/function.h"
#include "ftpy/module.h"
#include "ftpy/object.h"
#include "ftpy/shared_containers.h"
#include "ftpy/str.h"
#include "ftpy/type.h"

namespace ftpy {
namespace {

// LOAD_GLOBAL cache: per thread (no sharing, no synchronization), keyed by
// (globals dict, name) and validated by the version tags of the globals and
// builtins dicts. The value pointer is borrowed: globals dicts are marked
// kGcBitBorrowedValues (module_new, eval_module_code), so once threads exist
// they release replaced values through QSBR (release_deferred), and a value
// whose version still matched when checked stays alive until this thread's
// next quiescent state, even if another thread replaces it meanwhile.
struct GlobalCacheEntry {
  Dict* globals;
  Str* name;
  uint64_t globals_version;
  uint64_t builtins_version;
  Object* value;  // borrowed
};
constexpr size_t kGlobalCacheSize = 1024;
thread_local GlobalCacheEntry tls_global_cache[kGlobalCacheSize];

inline GlobalCacheEntry& global_cache_slot(Dict* globals, Str* name) {
  size_t h = (reinterpret_cast<uintptr_t>(globals) >> 4) ^ (reinterpret_cast<uintptr_t>(name) >> 3);
  return tls_global_cache[h & (kGlobalCacheSize - 1)];
}

// Looks a global up in globals, then builtins, and refreshes the cache.
[[gnu::noinline]] Object* load_global_slow(Dict* globals, Dict* builtins, Str* name, GlobalCacheEntry* cache) {
  // Versions first: if a dict changes during the lookup, the entry is stale
  // on arrival and the next load misses.
#if !FTPY_GIL_BUILD
  FTPY_ASSERT(globals->ob_gc_bits.load(std::memory_order_relaxed) & kGcBitBorrowedValues);
  FTPY_ASSERT(builtins->ob_gc_bits.load(std::memory_order_relaxed) & kGcBitBorrowedValues);
#endif
  uint64_t gv = globals->version.load(std::memory_order_acquire);
  uint64_t bv = builtins->version.load(std::memory_order_acquire);
  Object* v = dict_get_str_ref(globals, name);
  if (!v) v = dict_get_str_ref(builtins, name);
  if (!v) {
    raise_name_error(name);
    return nullptr;
  }
  *cache = {globals, name, gv, bv, v};
  return v;  // new reference
}

}  // namespace
}  // namespace ftpy

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
//
// A store into a global changes the globals' version, so the loads of
// `counter` and every other global of `with lock: counter += 1` missed on
// every turn. The entry therefore also keeps where the value was found (the
// dict, its table and the entry): a miss whose dict still has that table,
// with the name still in that entry, takes the value from there instead of
// looking the name up (CPython 3.12's LOAD_GLOBAL_MODULE caches an entry
// index under a keys version for the same reason). Entries are appended,
// never moved within a table, so a table that is the dict's current one and
// whose entry holds the name (the very key object) maps the name there. A
// name found in builtins is refreshed that way only while globals are
// unchanged (a new global could shadow it).
struct GlobalCacheEntry {
  Dict* globals;
  Str* name;
  uint64_t globals_version;
  uint64_t builtins_version;
  Object* value;  // borrowed
  Dict* where;        // globals or builtins: where the name was found
  DictTable* table;   // where's table then
  DictEntry* entry;   // the name's entry in it, if its key is `name` itself; else nullptr
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
  if (cache->globals == globals && cache->name == name && cache->entry &&
      (cache->where == globals || (cache->where == builtins && gv == cache->globals_version)) &&
      load_published(cache->where->table) == cache->table && load_published(cache->entry->key) == name) {
    if (Object* v = load_published(cache->entry->value)) {
      cache->globals_version = gv;
      cache->builtins_version = bv;
      cache->value = v;
      return newref(v);
    }
  }
  Dict* where = globals;
  DictEntry* entry;
  DictTable* table;
  Object* v = dict_get_str_entry(globals, name, &entry, &table);
  if (!v && !error_occurred()) {
    where = builtins;
    v = dict_get_str_entry(builtins, name, &entry, &table);
  }
  if (!v) {
    if (!error_occurred()) raise_name_error(name);
    return nullptr;
  }
  *cache = {globals, name, gv, bv, v, where, table, load_published(entry->key) == name ? entry : nullptr};
  return v;  // new reference
}

}  // namespace
}  // namespace ftpy

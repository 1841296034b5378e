#include "ftpy/shared_containers.h"

#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/stats.h"
#include "ftpy/thread_state.h"

namespace ftpy {

void decref_retired(void* p) { decref(static_cast<Object*>(p)); }

// Declared in ftpy/dict.h; here with the other publication recipes (and
// out of dict.cc, where it changed GCC's inlining of the lookup loop).
Dict* dict_ensure_published(Dict*& slot) {
  std::atomic_ref<Dict*> ref(slot);
  Dict* d = ref.load(std::memory_order_acquire);
  if (d) return d;
  Dict* fresh = dict_new();
  if (!fresh) return nullptr;
  if (ref.compare_exchange_strong(d, fresh, std::memory_order_acq_rel)) return fresh;
  decref(fresh);  // another thread won; d is its dict
  return d;
}

bool check_dict_assignment(Object* value) {
  if (!value) {
    raise(&TypeError_type, "cannot delete __dict__");
    return false;
  }
  if (!is_dict(value)) {
    raise_fmt(&TypeError_type, "__dict__ must be set to a dictionary, not a '%s'", type_name(value));
    return false;
  }
  return true;
}

Object* load_field_ref_locked(Object* owner, Object*& field) {
  ScopedCriticalSection cs(owner);
  Object* v = field;
  if (!v) return nullptr;
  mark_readable(v);  // the next lock-free read of it can succeed
  return newref(v);
}

bool exchange_field_locked(Object* owner, Object*& field, Object* value) {
  ScopedCriticalSection cs(owner);
  Object* old = field;
  publish(field, value);
  // Inside the section: release_deferred decides by the shared bit, which
  // readers set under this lock.
  if (old) release_deferred(owner, old);
  return old != nullptr;
}

#if !FTPY_GIL_BUILD

// An object that died after a shared container released it: a lock-free
// reader that loaded its address before the release may still try_incref
// it, which reads the header. Without a thread state (process exit) no
// reader is left.
void free_block_delayed(void* block) {
  if (current_thread()) {
    qsbr_retire(block, mem_free);
  } else {
    mem_free(block);
  }
}

// The first lock-free read by a thread other than the owner: under the
// lock, so that a writer holding it decides with the bit settled.
void mark_shared_slow(Object* o) {
  ScopedCriticalSection cs(o);
  o->ob_gc_bits.fetch_or(kGcBitShared, std::memory_order_release);
  FTPY_STAT_ADD(containers_shared, 1);
}

#endif

}  // namespace ftpy

#include "ftpy/thread_registry.h"

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/thread_state.h"

namespace ftpy {

namespace {

struct Registry {
  SysMutex mu;
  absl::flat_hash_map<uintptr_t, ThreadState*> threads ABSL_GUARDED_BY(mu);
};

Registry& registry() {
  static auto* r = new Registry();
  return *r;
}

}  // namespace

void registry_add(ThreadState* ts) {
  Registry& r = registry();
  SysMutexLock lock(&r.mu);
  r.threads[ts->thread_id] = ts;
}

void registry_remove(ThreadState* ts) {
  Registry& r = registry();
  SysMutexLock lock(&r.mu);
  r.threads.erase(ts->thread_id);
}

bool with_thread(uintptr_t thread_id, const std::function<void(ThreadState*)>& fn,
                 const std::function<void()>& missing) {
  Registry& r = registry();
  SysMutexLock lock(&r.mu);
  auto it = r.threads.find(thread_id);
  if (it == r.threads.end()) {
    if (missing) missing();
    return false;
  }
  fn(it->second);
  return true;
}

void for_each_thread(const std::function<void(ThreadState*)>& fn) {
  Registry& r = registry();
  SysMutexLock lock(&r.mu);
  for (auto& [id, ts] : r.threads) fn(ts);
}

bool try_for_each_thread(const std::function<void(ThreadState*)>& fn) {
  Registry& r = registry();
  if (!r.mu.TryLock()) return false;
  for (auto& [id, ts] : r.threads) fn(ts);
  r.mu.Unlock();
  return true;
}

int registry_size() {
  Registry& r = registry();
  SysMutexLock lock(&r.mu);
  return static_cast<int>(r.threads.size());
}

}  // namespace ftpy

#include "ftpy/thread_registry.h"

#include "absl/container/flat_hash_map.h"
#include <mutex>
#include "ftpy/thread_state.h"

namespace ftpy {

namespace {

struct Registry {
  std::mutex mu;
  absl::flat_hash_map<uintptr_t, ThreadState*> threads;
};

Registry& registry() {
  static auto* r = new Registry();
  return *r;
}

}  // namespace

void registry_add(ThreadState* ts) {
  std::lock_guard<std::mutex> lock(registry().mu);
  registry().threads[ts->thread_id] = ts;
}

void registry_remove(ThreadState* ts) {
  std::lock_guard<std::mutex> lock(registry().mu);
  registry().threads.erase(ts->thread_id);
}

bool with_thread(uintptr_t thread_id, const std::function<void(ThreadState*)>& fn) {
  std::lock_guard<std::mutex> lock(registry().mu);
  auto it = registry().threads.find(thread_id);
  if (it == registry().threads.end()) return false;
  fn(it->second);
  return true;
}

void for_each_thread(const std::function<void(ThreadState*)>& fn) {
  std::lock_guard<std::mutex> lock(registry().mu);
  for (auto& [id, ts] : registry().threads) fn(ts);
}

int registry_size() {
  std::lock_guard<std::mutex> lock(registry().mu);
  return static_cast<int>(registry().threads.size());
}

}  // namespace ftpy

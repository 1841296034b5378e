// Marks a region where the calling thread may block (sleep, join, waiting
// for a lock, I/O). While blocked the thread holds no locks of its critical
// sections (they are suspended, so it cannot deadlock other threads) and is
// offline for QSBR (it holds no pointers into shared containers, so it does
// not delay reclamation). In the GIL build this is where the GIL is released.
//
// Thread-safety: owner thread only. No Python objects may be touched inside.
#pragma once

#include "ftpy/config.h"
#include "ftpy/critical_section.h"
#include "ftpy/gil.h"
#include "ftpy/qsbr.h"
#include "ftpy/thread_state.h"

namespace ftpy {

class BlockingScope {
 public:
  BlockingScope() : ts_(current_thread()) {
    if constexpr (!kGilBuild) {
      critical_section_suspend_all();
      qsbr_offline(ts_);
    }
    if (gil_enabled()) gil_release(ts_);
  }
  ~BlockingScope() {
    if (gil_enabled()) gil_acquire(ts_);
    if constexpr (!kGilBuild) {
      qsbr_online(ts_);
      critical_section_resume_top();
    }
  }
  BlockingScope(const BlockingScope&) = delete;
  BlockingScope& operator=(const BlockingScope&) = delete;

 private:
  ThreadState* ts_;
};

}  // namespace ftpy

#include "ftpy/detach.h"

#include "ftpy/config.h"
#include "ftpy/contracts.h"
#include "ftpy/critical_section.h"
#include "ftpy/gil.h"
#include "ftpy/qsbr.h"
#include "ftpy/stop_the_world.h"
#include "ftpy/thread_state.h"

namespace ftpy {

namespace {

bool suspends_sections(DetachMode mode) { return mode != DetachMode::kLockSpin; }
// kMutexWait resumes nothing on return: the sections below the one being
// entered are resumed when it ends (critical_section_end).
bool resumes_sections(DetachMode mode) { return mode == DetachMode::kBlocking || mode == DetachMode::kGilHandoff; }
bool goes_offline(DetachMode mode) { return mode != DetachMode::kMutexWait; }

}  // namespace

DetachScope::DetachScope(DetachMode mode) : DetachScope(current_thread(), mode) {}

DetachScope::DetachScope(ThreadState* ts, DetachMode mode) : ts_(ts), mode_(mode) {
  if (!ts) {
    FTPY_ASSERT(mode == DetachMode::kMutexWait);
    return;
  }
  assert_current(ts);
  if (mode != DetachMode::kMutexWait) assert_attached();
  if constexpr (!kGilBuild) {
    if (suspends_sections(mode)) critical_section_suspend_all();
    if (goes_offline(mode)) qsbr_offline(ts);
    stw_detach(ts);  // a stop of the world may count this thread from here on
  }
  if (mode == DetachMode::kLockSpin || !gil_enabled() || !ts->holds_gil) return;
  if (mode == DetachMode::kGilHandoff) {
    gil_handoff(ts);
  } else {
    gil_release(ts);
  }
  released_gil_ = true;
}

DetachScope::~DetachScope() {
  if (!ts_) return;
  // Not while the world is stopped (stop_the_world.h): this waits first,
  // holding nothing it took back.
  if constexpr (!kGilBuild) stw_attach(ts_);
  // The GIL next: a thread waiting for it holds no locks that the GIL's
  // holder could need (its critical sections are still suspended).
  if (released_gil_) gil_acquire(ts_);
  if constexpr (!kGilBuild) {
    if (goes_offline(mode_)) qsbr_online(ts_);
    if (resumes_sections(mode_)) critical_section_resume_top();
  }
  if (mode_ != DetachMode::kMutexWait) assert_attached();
}

}  // namespace ftpy

// The traceback dump that faulthandler writes (faulthandler_format.h).
#include "faulthandler_format.h"

#include <algorithm>
#include <iterator>

#include "ftpy/code.h"
#include "ftpy/frame.h"
#include "ftpy/str.h"
#include "ftpy/thread_registry.h"
#include "ftpy/thread_state.h"

namespace ftpy::faulthandler {

void dump_frames(Writer& out, const ThreadState* ts) {
  const Frame* f = ts->current_frame;
  if (!f) {
    out.put("  <no Python frame>\n");
    return;
  }
  for (int depth = 0; f; f = f->previous, depth++) {
    if (depth == kMaxFrameDepth) {
      out.put("  ...\n");
      return;
    }
    out.put("  File \"");
    out.put_ascii(str_view(f->code->filename));
    out.put("\", line ");
    out.put_decimal(static_cast<uint64_t>(std::max(frame_line(f), 0)));
    out.put(" in ");
    out.put_ascii(str_view(f->code->name));
    out.put("\n");
  }
}

void dump_current(Writer& out, const ThreadState* ts) {
  out.put("Stack (most recent call first):\n");
  if (ts) dump_frames(out, ts);
}

// The thread states are read after the registry's lock is released: exact
// with the world stopped, a best effort otherwise.
bool dump_threads(Writer& out, const ThreadState* current, bool try_only) {
  ThreadState* threads[kMaxThreads + 1];
  size_t n = 0;
  auto collect = [&](ThreadState* t) {
    if (n < std::size(threads)) threads[n++] = t;
  };
  if (try_only) {
    if (!try_for_each_thread(collect)) return false;
  } else {
    for_each_thread(collect);
  }
  std::sort(threads, threads + n, [](const ThreadState* a, const ThreadState* b) { return a->thread_id > b->thread_id; });
  for (size_t i = 0; i < n; i++) {
    if (i) out.put("\n");
    if (i == static_cast<size_t>(kMaxThreads)) {
      out.put("...\n");
      break;
    }
    out.put(threads[i] == current ? "Current thread 0x" : "Thread 0x");
    out.put_hex(threads[i]->thread_id, 16);
    out.put(" (most recent call first):\n");
    dump_frames(out, threads[i]);
  }
  return true;
}

}  // namespace ftpy::faulthandler

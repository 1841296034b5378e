// match()'s resume points and control-flow macros (sre_engine.cc only):
// the names are sre_lib.h's, so that the two read side by side; CTX is the
// top frame of the explicit backtracking stack.
#pragma once

#include "sre_matcher.h"

namespace ftpy::sre::detail {

enum Jump : uint8_t {
  kJumpNone, kJumpMaxUntil1, kJumpMaxUntil2, kJumpMaxUntil3, kJumpMinUntil1, kJumpMinUntil2, kJumpMinUntil3,
  kJumpRepeat, kJumpRepeatOne1, kJumpRepeatOne2, kJumpMinRepeatOne, kJumpBranch, kJumpAssert, kJumpAssertNot,
  kJumpPossRepeat1, kJumpPossRepeat2, kJumpAtomicGroup,
};

// The macros mirror sre_lib.h's so that the two read side by side.
#define RETURN_ERROR(i) \
  do {                  \
    st.frames.resize(base); \
    return (i);         \
  } while (0)
#define RETURN_FAILURE \
  do {                 \
    ret = 0;           \
    goto exit;         \
  } while (0)
#define RETURN_SUCCESS \
  do {                 \
    ret = 1;           \
    goto exit;         \
  } while (0)
#define RETURN_ON_ERROR(i) \
  do {                     \
    if ((i) < 0) RETURN_ERROR(i); \
  } while (0)
#define RETURN_ON_SUCCESS(i) \
  do {                       \
    RETURN_ON_ERROR(i);      \
    if ((i) > 0) RETURN_SUCCESS; \
  } while (0)
#define RETURN_ON_FAILURE(i) \
  do {                       \
    RETURN_ON_ERROR(i);      \
    if ((i) == 0) RETURN_FAILURE; \
  } while (0)
#define DISPATCH goto dispatch
#define CTX (st.frames.back())
#define LASTMARK_SAVE()             \
  do {                              \
    CTX.lastmark = st.lastmark;     \
    CTX.lastindex = st.lastindex;   \
  } while (0)
#define LASTMARK_RESTORE()          \
  do {                              \
    st.lastmark = CTX.lastmark;     \
    st.lastindex = CTX.lastindex;   \
  } while (0)
// marks[0, lastmark] then their count go on `saved`; a frame has at most
// one such block outstanding, which marks_saved records.
#define MARK_PUSH(lastmark)                                                              \
  do {                                                                                   \
    int64_t n_ = (lastmark) + 1;                                                         \
    st.saved.insert(st.saved.end(), st.marks.begin(), st.marks.begin() + n_);            \
    st.saved.push_back(n_);                                                              \
    CTX.marks_saved = true;                                                              \
  } while (0)
#define MARK_POP_IMPL(restore, discard)                                                  \
  do {                                                                                   \
    if (!CTX.marks_saved) break;                                                         \
    int64_t n_ = st.saved.back();                                                        \
    size_t from_ = st.saved.size() - 1 - static_cast<size_t>(n_);                        \
    if (restore) std::copy(st.saved.begin() + from_, st.saved.end() - 1, st.marks.begin()); \
    if (discard) {                                                                       \
      st.saved.resize(from_);                                                            \
      CTX.marks_saved = false;                                                           \
    }                                                                                    \
  } while (0)
#define MARK_POP(lastmark) MARK_POP_IMPL(true, true)
#define MARK_POP_KEEP(lastmark) MARK_POP_IMPL(true, false)
#define MARK_POP_DISCARD(lastmark) MARK_POP_IMPL(false, true)
#define DO_JUMPX(jumpvalue, jumplabel, nextpattern, toplevel_)    \
  do {                                                            \
    size_t next_ = (nextpattern);                                 \
    bool top_ = (toplevel_);                                      \
    CTX.pattern = pc;                                             \
    CTX.ptr = ptr;                                                \
    if (st.frames.size() >= kMaxFrames) RETURN_ERROR(kErrorMemory); \
    st.frames.push_back(Frame{});                                 \
    CTX.jump = (jumpvalue);                                       \
    CTX.toplevel = top_;                                          \
    pc = next_;                                                   \
    goto entrance;                                                \
  } while (0);                                                    \
  jumplabel:                                                      \
  pc = CTX.pattern;                                               \
  ptr = CTX.ptr;
#define DO_JUMP(jumpvalue, jumplabel, nextpattern) DO_JUMPX(jumpvalue, jumplabel, nextpattern, CTX.toplevel)
#define DO_JUMP0(jumpvalue, jumplabel, nextpattern) DO_JUMPX(jumpvalue, jumplabel, nextpattern, false)
#define REP (st.repeats[static_cast<size_t>(CTX.rep)])

}  // namespace ftpy::sre::detail

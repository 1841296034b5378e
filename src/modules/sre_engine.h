// The regular-expression engine under `_sre`: it runs the code that
// CPython 3.11's own re/_compiler.py emits (MAGIC 20220615), with the
// semantics of CPython's Modules/_sre/sre_lib.h, written here afresh.
//
// Matching is backtracking over an explicit stack of frames (never the C++
// stack), so a pattern's depth of nesting or a subject's length cannot
// overflow it: a frame is pushed where sre_lib.h would recurse, and the
// saved capture marks live on a second stack. Every read of the code is
// bounds-checked, and a MARK or group reference past the pattern's groups
// is an error, so a code list handed to _sre.compile by hand cannot make
// the engine read outside its arrays.
//
// _sre.compile also validates the code as CPython does (sre_validate.cc).
//
// Subjects come in two widths: bytes (bytes, bytearray, ASCII str) and
// code points (any other str), each read in place or from a private copy.
//
// Thread-safety: a State is private to one call; the code and the subject
// are immutable while it runs. Every 4096 steps the engine services the
// eval breaker (Ctrl-C, a stop-the-world request, the GIL's drop request),
// which touches no Python object the engine holds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ftpy::sre {

inline constexpr uint32_t kMagic = 20220615;
inline constexpr uint32_t kMaxRepeat = 0xFFFFFFFFu;  // SRE_MAXREPEAT for 4-byte codes
inline constexpr int64_t kMaxGroups = 0x3FFFFFFF;    // CPython 3.11's SRE_MAXGROUPS on 64-bit

// re/_constants.py's OPCODES, in order.
enum Op : uint32_t {
  kFailure, kSuccess, kAny, kAnyAll, kAssert, kAssertNot, kAt, kBranch, kCategory, kCharset, kBigCharset,
  kGroupref, kGrouprefExists, kIn, kInfo, kJump, kLiteral, kMark, kMaxUntil, kMinUntil, kNotLiteral, kNegate,
  kRange, kRepeat, kRepeatOne, kSubpattern, kMinRepeatOne, kAtomicGroup, kPossessiveRepeat,
  kPossessiveRepeatOne, kGrouprefIgnore, kInIgnore, kLiteralIgnore, kNotLiteralIgnore, kGrouprefLocIgnore,
  kInLocIgnore, kLiteralLocIgnore, kNotLiteralLocIgnore, kGrouprefUniIgnore, kInUniIgnore, kLiteralUniIgnore,
  kNotLiteralUniIgnore, kRangeUniIgnore,
};

// Results below zero (sre_constants.h's SRE_ERROR_*).
inline constexpr int64_t kErrorIllegal = -1;      // malformed code
inline constexpr int64_t kErrorState = -2;        // an UNTIL outside any REPEAT
inline constexpr int64_t kErrorMemory = -9;       // the backtracking stack outgrew its cap
inline constexpr int64_t kErrorInterrupted = -10; // an exception is set (KeyboardInterrupt)

// One REPEAT's progress while its item repeats (sre.c's SRE_REPEAT).
struct Repeat {
  int64_t count;
  size_t pattern;    // code index of the REPEAT's skip word
  int64_t prev;      // the enclosing repeat (index into State::repeats), -1 none
  int64_t last_ptr;  // where the last iteration started (zero-width protection)
};

// A suspended match step (sre_lib.h's match context).
struct Frame {
  size_t pattern;  // where to resume
  int64_t ptr;
  int64_t count;
  int64_t rep;
  int64_t lastmark, lastindex;
  uint32_t chr;
  uint8_t jump;  // which resume point of the parent
  bool toplevel;
  bool marks_saved;  // this frame has capture marks on State::saved
};

// The matcher's state for one subject (sre.c's SRE_STATE). Positions are
// character indices into the subject; a mark is -1 while unset.
struct State {
  const void* text = nullptr;
  bool wide = false;       // uint32_t code points, else bytes
  int64_t length = 0;      // the whole subject
  int64_t start = 0, end = 0, ptr = 0;
  int64_t pos = 0, endpos = 0;  // the caller's bounds, clamped (Match.pos/endpos)
  std::vector<int64_t> marks;  // 2 per capture group
  int64_t lastmark = -1, lastindex = -1;
  bool must_advance = false;  // an empty match at `start` does not count
  bool match_all = false;     // fullmatch: the match must reach `end`
  int64_t repeat = -1;
  std::vector<Repeat> repeats;
  std::vector<int64_t> saved;
  std::vector<Frame> frames;

  // Before each match or search attempt (sre.c's state_reset).
  void reset() {
    lastmark = lastindex = -1;
    repeat = -1;
    repeats.clear();
    saved.clear();
    frames.clear();
  }
};

struct Code {
  const uint32_t* words;
  size_t size;
};

// Matches at state.ptr (from state.start); 1, 0, or an error below zero.
// On success state.ptr is the match's end.
int64_t match(State& state, Code code);
// Searches from state.start; on success state.start/state.ptr span the match.
int64_t search(State& state, Code code);

// Whether `code` is well formed for a pattern with `groups` capture
// groups (sre_validate.cc).
bool validate(Code code, int64_t groups);

// The character classes and case mappings the module functions expose.
bool ascii_iscased(uint32_t ch);
bool unicode_iscased(uint32_t ch);
uint32_t ascii_tolower(uint32_t ch);
uint32_t unicode_tolower(uint32_t ch);

}  // namespace ftpy::sre

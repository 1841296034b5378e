// The regular-expression matcher; see sre_engine.h. The opcodes and their
// operands are those of CPython 3.11's re/_compiler.py; the control flow of
// match() follows Modules/_sre/sre_lib.h op for op (its comments name the
// same cases), with its recursion turned into pushes of Frame.
#include "sre_engine.h"

#include <cctype>

#include "ftpy/errors.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "../vm/eval_breaker.h"

namespace ftpy::sre {

namespace {

// Frames beyond this make the match fail with MemoryError rather than let
// a catastrophic pattern take the machine's memory (about 1 GiB of frames).
constexpr size_t kMaxFrames = size_t{1} << 24;

enum At : uint32_t {
  kAtBeginning, kAtBeginningLine, kAtBeginningString, kAtBoundary, kAtNonBoundary, kAtEnd, kAtEndLine,
  kAtEndString, kAtLocBoundary, kAtLocNonBoundary, kAtUniBoundary, kAtUniNonBoundary,
};

enum Category : uint32_t {
  kCatDigit, kCatNotDigit, kCatSpace, kCatNotSpace, kCatWord, kCatNotWord, kCatLinebreak, kCatNotLinebreak,
  kCatLocWord, kCatLocNotWord, kCatUniDigit, kCatUniNotDigit, kCatUniSpace, kCatUniNotSpace, kCatUniWord,
  kCatUniNotWord, kCatUniLinebreak, kCatUniNotLinebreak,
};

constexpr uint32_t kInfoPrefix = 1, kInfoLiteral = 2, kInfoCharset = 4;

// ---- character classes (sre.c's SRE_IS_* and sre_category) ----

bool is_digit(uint32_t ch) { return ch >= '0' && ch <= '9'; }
bool is_space(uint32_t ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }
bool is_alnum(uint32_t ch) { return ch < 128 && std::isalnum(static_cast<int>(ch)); }
bool is_word(uint32_t ch) { return is_alnum(ch) || ch == '_'; }
// The C locale's classes for bytes (ftpy never calls setlocale).
bool loc_is_word(uint32_t ch) { return ch < 256 && (std::isalnum(static_cast<int>(ch)) || ch == '_'); }
bool uni_is_word(uint32_t ch) { return ch == '_' || unicode_is_alnum(ch); }

uint32_t lower_ascii(uint32_t ch) { return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch; }
uint32_t lower_locale(uint32_t ch) { return ch < 256 ? static_cast<uint32_t>(std::tolower(static_cast<int>(ch))) : ch; }
uint32_t upper_locale(uint32_t ch) { return ch < 256 ? static_cast<uint32_t>(std::toupper(static_cast<int>(ch))) : ch; }
uint32_t lower_unicode(uint32_t ch) { return unicode_simple_lower(ch); }
uint32_t upper_unicode(uint32_t ch) { return unicode_simple_upper(ch); }
bool char_loc_ignore(uint32_t pattern, uint32_t ch) {
  return ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern;
}

bool category(uint32_t cat, uint32_t ch) {
  switch (cat) {
    case kCatDigit: return is_digit(ch);
    case kCatNotDigit: return !is_digit(ch);
    case kCatSpace: return is_space(ch);
    case kCatNotSpace: return !is_space(ch);
    case kCatWord: return is_word(ch);
    case kCatNotWord: return !is_word(ch);
    case kCatLinebreak: return ch == '\n';
    case kCatNotLinebreak: return ch != '\n';
    case kCatLocWord: return loc_is_word(ch);
    case kCatLocNotWord: return !loc_is_word(ch);
    case kCatUniDigit: return unicode_is_decimal(ch);
    case kCatUniNotDigit: return !unicode_is_decimal(ch);
    case kCatUniSpace: return unicode_is_space(ch);
    case kCatUniNotSpace: return !unicode_is_space(ch);
    case kCatUniWord: return uni_is_word(ch);
    case kCatUniNotWord: return !uni_is_word(ch);
    case kCatUniLinebreak: return unicode_is_linebreak(ch);
    case kCatUniNotLinebreak: return !unicode_is_linebreak(ch);
    default: return false;
  }
}

// Bounds-checked code reads: past the end reads FAILURE (0).
struct Reader {
  Code code;
  uint32_t operator()(size_t i) const { return i < code.size ? code.words[i] : 0; }
  bool has(size_t i, size_t n) const { return i <= code.size && n <= code.size - i; }
};

// Is `ch` in the set at code[set]? (sre_lib.h's charset)
bool charset(const Reader& c, size_t set, uint32_t ch) {
  bool ok = true;
  for (;;) {
    switch (c(set++)) {
      case kFailure:
        return !ok;
      case kLiteral:
        if (ch == c(set)) return ok;
        set++;
        break;
      case kCategory:
        if (category(c(set), ch)) return ok;
        set++;
        break;
      case kCharset:  // a 256-bit bitmap
        if (ch < 256 && (c(set + ch / 32) & (1u << (ch & 31)))) return ok;
        set += 256 / 32;
        break;
      case kRange:
        if (c(set) <= ch && ch <= c(set + 1)) return ok;
        set += 2;
        break;
      case kRangeUniIgnore: {
        if (c(set) <= ch && ch <= c(set + 1)) return ok;  // ch is already lowercased
        uint32_t up = upper_unicode(ch);
        if (c(set) <= up && up <= c(set + 1)) return ok;
        set += 2;
        break;
      }
      case kNegate:
        ok = !ok;
        break;
      case kBigCharset: {
        // <count> <256 block indices, as bytes> <count 256-bit blocks>
        uint32_t count = c(set++);
        if (!c.has(set, 64)) return false;
        int64_t block = -1;
        if (ch < 0x10000u) block = reinterpret_cast<const uint8_t*>(c.code.words + set)[ch >> 8];
        set += 64;
        if (block >= 0 && (c(set + (static_cast<size_t>(block) * 256 + (ch & 255)) / 32) & (1u << (ch & 31)))) {
          return ok;
        }
        set += static_cast<size_t>(count) * 8;
        break;
      }
      default:
        return false;  // malformed: sre_lib.h does the same
    }
  }
}

bool charset_loc_ignore(const Reader& c, size_t set, uint32_t ch) {
  uint32_t lo = lower_locale(ch);
  if (charset(c, set, lo)) return true;
  uint32_t up = upper_locale(ch);
  return up != lo && charset(c, set, up);
}

template <class Ch>
class Matcher {
 public:
  Matcher(State& st, Code code) : st_(st), c_{code}, text_(static_cast<const Ch*>(st.text)) {}

  int64_t match(size_t pc, bool toplevel);
  int64_t search();

 private:
  uint32_t ch(int64_t i) const { return static_cast<uint32_t>(text_[i]); }

  bool at(int64_t ptr, uint32_t code) const {
    int64_t end = st_.end;
    bool this_word, that_word;
    switch (code) {
      case kAtBeginning:
      case kAtBeginningString:
        return ptr == 0;
      case kAtBeginningLine:
        return ptr == 0 || ch(ptr - 1) == '\n';
      case kAtEnd:
        return (end - ptr == 1 && ch(ptr) == '\n') || ptr == end;
      case kAtEndLine:
        return ptr == end || ch(ptr) == '\n';
      case kAtEndString:
        return ptr == end;
      case kAtBoundary:
      case kAtNonBoundary:
      case kAtLocBoundary:
      case kAtLocNonBoundary:
      case kAtUniBoundary:
      case kAtUniNonBoundary: {
        if (end == 0) return false;  // sre_lib.h: beginning == end
        auto word = [&](uint32_t x) {
          return code <= kAtNonBoundary ? is_word(x) : code <= kAtLocNonBoundary ? loc_is_word(x) : uni_is_word(x);
        };
        that_word = ptr > 0 && word(ch(ptr - 1));
        this_word = ptr < end && word(ch(ptr));
        bool boundary = code == kAtBoundary || code == kAtLocBoundary || code == kAtUniBoundary;
        return boundary ? this_word != that_word : this_word == that_word;
      }
      default:
        return false;
    }
  }

  // Does the single-character item at `pc` accept `x`? -1: not such an item.
  int one(size_t pc, uint32_t x) const {
    switch (c_(pc)) {
      case kAny: return x != '\n';
      case kAnyAll: return 1;
      case kLiteral: return x == c_(pc + 1);
      case kNotLiteral: return x != c_(pc + 1);
      case kLiteralIgnore: return lower_ascii(x) == c_(pc + 1);
      case kNotLiteralIgnore: return lower_ascii(x) != c_(pc + 1);
      case kLiteralUniIgnore: return lower_unicode(x) == c_(pc + 1);
      case kNotLiteralUniIgnore: return lower_unicode(x) != c_(pc + 1);
      case kLiteralLocIgnore: return char_loc_ignore(c_(pc + 1), x);
      case kNotLiteralLocIgnore: return !char_loc_ignore(c_(pc + 1), x);
      case kIn: return charset(c_, pc + 2, x);
      case kInIgnore: return charset(c_, pc + 2, lower_ascii(x));
      case kInUniIgnore: return charset(c_, pc + 2, lower_unicode(x));
      case kInLocIgnore: return charset_loc_ignore(c_, pc + 2, x);
      case kCategory: return category(c_(pc + 1), x);
      default: return -1;
    }
  }

  // How many times in a row, up to `maxcount`, the one-character item at
  // `pc` matches from st_.ptr (sre_lib.h's count). re/_compiler.py puts
  // only one-character items in REPEAT_ONE and its kin.
  int64_t count(size_t pc, uint32_t maxcount) {
    int64_t ptr = st_.ptr, end = st_.end;
    if (maxcount != kMaxRepeat && static_cast<int64_t>(maxcount) < end - ptr) end = ptr + maxcount;
    uint32_t op = c_(pc);
    if (op == kAnyAll) return end - ptr;
    if (op == kLiteral) {
      uint32_t x = c_(pc + 1);
      int64_t p = ptr;
      while (p < end && ch(p) == x) p++;
      return p - ptr;
    }
    int64_t p = ptr;
    while (p < end) {
      int r = one(pc, ch(p));
      if (r < 0) return kErrorIllegal;
      if (!r) break;
      p++;
    }
    return p - ptr;
  }

  // Services the eval breaker now and then; false with an exception set.
  bool poll() {
    if ((++steps_ & 0xFFF) != 0) return true;
    ThreadState* ts = current_thread();
    if (ts && ts->eval_breaker.load(std::memory_order_relaxed) != 0) return handle_eval_breaker(ts);
    return check_signals();
  }

  State& st_;
  Reader c_;
  const Ch* text_;
  uint32_t steps_ = 0;
};

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

template <class Ch>
int64_t Matcher<Ch>::match(size_t pc, bool toplevel) {
  State& st = st_;
  const Reader& c = c_;
  const int64_t end = st.end;
  const size_t base = st.frames.size();
  int64_t ret = 0;
  int64_t ptr = 0;
  int64_t i = 0, j = 0, p = 0, e = 0;
  uint8_t jump = kJumpNone;
  size_t rp = 0;

  st.frames.push_back(Frame{});
  CTX.jump = kJumpNone;
  CTX.toplevel = toplevel;

entrance:
  ptr = st.ptr;
  if (c(pc) == kInfo) {
    // <INFO> <1=skip> <2=flags> <3=min> ...
    if (c(pc + 3) && end - ptr < static_cast<int64_t>(c(pc + 3))) RETURN_FAILURE;
    pc += c(pc + 1) + 1;
  }

dispatch:
  if (!poll()) RETURN_ERROR(kErrorInterrupted);
  if (pc >= c.code.size) RETURN_ERROR(kErrorIllegal);
  switch (c(pc++)) {
    case kMark:
      // <MARK> <gid>
      i = c(pc);
      if (static_cast<size_t>(i) >= st.marks.size()) RETURN_ERROR(kErrorIllegal);
      if (i & 1) st.lastindex = i / 2 + 1;
      if (i > st.lastmark) {
        // Marks between the old lastmark and this one were never reached.
        for (j = st.lastmark + 1; j < i; j++) st.marks[static_cast<size_t>(j)] = -1;
        st.lastmark = i;
      }
      st.marks[static_cast<size_t>(i)] = ptr;
      pc++;
      DISPATCH;

    case kLiteral:
      if (ptr >= end || ch(ptr) != c(pc)) RETURN_FAILURE;
      pc++;
      ptr++;
      DISPATCH;

    case kNotLiteral:
      if (ptr >= end || ch(ptr) == c(pc)) RETURN_FAILURE;
      pc++;
      ptr++;
      DISPATCH;

    case kSuccess:
      if (CTX.toplevel && ((st.match_all && ptr != end) || (st.must_advance && ptr == st.start))) RETURN_FAILURE;
      st.ptr = ptr;
      RETURN_SUCCESS;

    case kAt:
      if (!at(ptr, c(pc))) RETURN_FAILURE;
      pc++;
      DISPATCH;

    case kCategory:
      if (ptr >= end || !category(c(pc), ch(ptr))) RETURN_FAILURE;
      pc++;
      ptr++;
      DISPATCH;

    case kAny:
      if (ptr >= end || ch(ptr) == '\n') RETURN_FAILURE;
      ptr++;
      DISPATCH;

    case kAnyAll:
      if (ptr >= end) RETURN_FAILURE;
      ptr++;
      DISPATCH;

    case kIn:
      // <IN> <skip> <set>
      if (ptr >= end || !charset(c, pc + 1, ch(ptr))) RETURN_FAILURE;
      pc += c(pc);
      ptr++;
      DISPATCH;

    case kLiteralIgnore:
      if (ptr >= end || lower_ascii(ch(ptr)) != c(pc)) RETURN_FAILURE;
      pc++;
      ptr++;
      DISPATCH;

    case kLiteralUniIgnore:
      if (ptr >= end || lower_unicode(ch(ptr)) != c(pc)) RETURN_FAILURE;
      pc++;
      ptr++;
      DISPATCH;

    case kLiteralLocIgnore:
      if (ptr >= end || !char_loc_ignore(c(pc), ch(ptr))) RETURN_FAILURE;
      pc++;
      ptr++;
      DISPATCH;

    case kNotLiteralIgnore:
      if (ptr >= end || lower_ascii(ch(ptr)) == c(pc)) RETURN_FAILURE;
      pc++;
      ptr++;
      DISPATCH;

    case kNotLiteralUniIgnore:
      if (ptr >= end || lower_unicode(ch(ptr)) == c(pc)) RETURN_FAILURE;
      pc++;
      ptr++;
      DISPATCH;

    case kNotLiteralLocIgnore:
      if (ptr >= end || char_loc_ignore(c(pc), ch(ptr))) RETURN_FAILURE;
      pc++;
      ptr++;
      DISPATCH;

    case kInIgnore:
      if (ptr >= end || !charset(c, pc + 1, lower_ascii(ch(ptr)))) RETURN_FAILURE;
      pc += c(pc);
      ptr++;
      DISPATCH;

    case kInUniIgnore:
      if (ptr >= end || !charset(c, pc + 1, lower_unicode(ch(ptr)))) RETURN_FAILURE;
      pc += c(pc);
      ptr++;
      DISPATCH;

    case kInLocIgnore:
      if (ptr >= end || !charset_loc_ignore(c, pc + 1, ch(ptr))) RETURN_FAILURE;
      pc += c(pc);
      ptr++;
      DISPATCH;

    case kJump:
    case kInfo:
      // <JUMP> <offset>; a zero offset would spin in place.
      if (c(pc) == 0) RETURN_ERROR(kErrorIllegal);
      pc += c(pc);
      DISPATCH;

    case kBranch:
      // <BRANCH> <0=skip> code <JUMP> ... <NULL>
      LASTMARK_SAVE();
      if (st.repeat >= 0) MARK_PUSH(CTX.lastmark);
      for (; c(pc); pc += c(pc)) {
        if (c(pc + 1) == kLiteral && (ptr >= end || ch(ptr) != c(pc + 2))) continue;
        if (c(pc + 1) == kIn && (ptr >= end || !charset(c, pc + 3, ch(ptr)))) continue;
        st.ptr = ptr;
        DO_JUMP(kJumpBranch, jump_branch, pc + 1);
        if (ret) {
          MARK_POP_DISCARD(CTX.lastmark);
          RETURN_ON_ERROR(ret);
          RETURN_SUCCESS;
        }
        MARK_POP_KEEP(CTX.lastmark);
        LASTMARK_RESTORE();
      }
      MARK_POP_DISCARD(CTX.lastmark);
      RETURN_FAILURE;

    case kRepeatOne:
      // <REPEAT_ONE> <skip> <1=min> <2=max> item <SUCCESS> tail: the item
      // is one character wide, so the count needs no backtracking points.
      if (static_cast<int64_t>(c(pc + 1)) > end - ptr) RETURN_FAILURE;
      st.ptr = ptr;
      ret = count(pc + 3, c(pc + 2));
      RETURN_ON_ERROR(ret);
      CTX.count = ret;
      ptr += CTX.count;
      if (CTX.count < static_cast<int64_t>(c(pc + 1))) RETURN_FAILURE;
      if (c(pc + c(pc)) == kSuccess && ptr == end && !(CTX.toplevel && st.must_advance && ptr == st.start)) {
        st.ptr = ptr;  // the tail is empty
        RETURN_SUCCESS;
      }
      LASTMARK_SAVE();
      if (st.repeat >= 0) MARK_PUSH(CTX.lastmark);
      if (c(pc + c(pc)) == kLiteral) {
        // The tail starts with a literal: skip positions where it cannot match.
        CTX.chr = c(pc + c(pc) + 1);
        for (;;) {
          while (CTX.count >= static_cast<int64_t>(c(pc + 1)) && (ptr >= end || ch(ptr) != CTX.chr)) {
            ptr--;
            CTX.count--;
          }
          if (CTX.count < static_cast<int64_t>(c(pc + 1))) break;
          st.ptr = ptr;
          DO_JUMP(kJumpRepeatOne1, jump_repeat_one_1, pc + c(pc));
          if (ret) {
            MARK_POP_DISCARD(CTX.lastmark);
            RETURN_ON_ERROR(ret);
            RETURN_SUCCESS;
          }
          MARK_POP_KEEP(CTX.lastmark);
          LASTMARK_RESTORE();
          ptr--;
          CTX.count--;
        }
        MARK_POP_DISCARD(CTX.lastmark);
      } else {
        while (CTX.count >= static_cast<int64_t>(c(pc + 1))) {
          st.ptr = ptr;
          DO_JUMP(kJumpRepeatOne2, jump_repeat_one_2, pc + c(pc));
          if (ret) {
            MARK_POP_DISCARD(CTX.lastmark);
            RETURN_ON_ERROR(ret);
            RETURN_SUCCESS;
          }
          MARK_POP_KEEP(CTX.lastmark);
          LASTMARK_RESTORE();
          ptr--;
          CTX.count--;
        }
        MARK_POP_DISCARD(CTX.lastmark);
      }
      RETURN_FAILURE;

    case kMinRepeatOne:
      // <MIN_REPEAT_ONE> <skip> <1=min> <2=max> item <SUCCESS> tail
      if (static_cast<int64_t>(c(pc + 1)) > end - ptr) RETURN_FAILURE;
      st.ptr = ptr;
      if (c(pc + 1) == 0) {
        CTX.count = 0;
      } else {
        ret = count(pc + 3, c(pc + 1));
        RETURN_ON_ERROR(ret);
        if (ret < static_cast<int64_t>(c(pc + 1))) RETURN_FAILURE;
        CTX.count = ret;
        ptr += CTX.count;
      }
      if (c(pc + c(pc)) == kSuccess &&
          !(CTX.toplevel && ((st.match_all && ptr != end) || (st.must_advance && ptr == st.start)))) {
        st.ptr = ptr;  // the tail is empty
        RETURN_SUCCESS;
      }
      LASTMARK_SAVE();
      if (st.repeat >= 0) MARK_PUSH(CTX.lastmark);
      while (c(pc + 2) == kMaxRepeat || CTX.count <= static_cast<int64_t>(c(pc + 2))) {
        st.ptr = ptr;
        DO_JUMP(kJumpMinRepeatOne, jump_min_repeat_one, pc + c(pc));
        if (ret) {
          MARK_POP_DISCARD(CTX.lastmark);
          RETURN_ON_ERROR(ret);
          RETURN_SUCCESS;
        }
        MARK_POP_KEEP(CTX.lastmark);
        LASTMARK_RESTORE();
        st.ptr = ptr;
        ret = count(pc + 3, 1);
        RETURN_ON_ERROR(ret);
        if (ret == 0) break;
        ptr++;
        CTX.count++;
      }
      MARK_POP_DISCARD(CTX.lastmark);
      RETURN_FAILURE;

    case kPossessiveRepeatOne:
      // <POSSESSIVE_REPEAT_ONE> <skip> <1=min> <2=max> item <SUCCESS> tail
      if (static_cast<int64_t>(c(pc + 1)) > end - ptr) RETURN_FAILURE;
      st.ptr = ptr;
      ret = count(pc + 3, c(pc + 2));
      RETURN_ON_ERROR(ret);
      CTX.count = ret;
      ptr += CTX.count;
      if (CTX.count < static_cast<int64_t>(c(pc + 1))) RETURN_FAILURE;
      if (c(pc) == 0) RETURN_ERROR(kErrorIllegal);
      pc += c(pc);
      if (c(pc) == kSuccess && ptr == end && !(CTX.toplevel && st.must_advance && ptr == st.start)) {
        st.ptr = ptr;
        RETURN_SUCCESS;
      }
      DISPATCH;

    case kRepeat:
      // <REPEAT> <skip> <1=min> <2=max> item <UNTIL> tail: the UNTIL does
      // the work, against this repeat context.
      if (c(pc) == 0) RETURN_ERROR(kErrorIllegal);
      st.repeats.push_back(Repeat{-1, pc, st.repeat, -1});
      CTX.rep = static_cast<int64_t>(st.repeats.size()) - 1;
      st.repeat = CTX.rep;
      st.ptr = ptr;
      DO_JUMP(kJumpRepeat, jump_repeat, pc + c(pc));
      st.repeat = REP.prev;
      st.repeats.pop_back();  // repeats nest: this one is on top again
      if (ret) {
        RETURN_ON_ERROR(ret);
        RETURN_SUCCESS;
      }
      RETURN_FAILURE;

    case kMaxUntil:
      // Maximizing repeat: <REPEAT> <skip> <1=min> <2=max> item <MAX_UNTIL> tail
      CTX.rep = st.repeat;
      if (CTX.rep < 0) RETURN_ERROR(kErrorState);
      st.ptr = ptr;
      CTX.count = REP.count + 1;
      rp = REP.pattern;
      if (CTX.count < static_cast<int64_t>(c(rp + 1))) {
        // Not enough matches yet.
        REP.count = CTX.count;
        DO_JUMP(kJumpMaxUntil1, jump_max_until_1, REP.pattern + 3);
        if (ret) {
          RETURN_ON_ERROR(ret);
          RETURN_SUCCESS;
        }
        REP.count = CTX.count - 1;
        st.ptr = ptr;
        RETURN_FAILURE;
      }
      if ((CTX.count < static_cast<int64_t>(c(rp + 2)) || c(rp + 2) == kMaxRepeat) && st.ptr != REP.last_ptr) {
        // Enough matches, but match another item if we can.
        REP.count = CTX.count;
        LASTMARK_SAVE();
        MARK_PUSH(CTX.lastmark);
        st.saved.push_back(REP.last_ptr);  // zero-width match protection
        REP.last_ptr = st.ptr;
        DO_JUMP(kJumpMaxUntil2, jump_max_until_2, REP.pattern + 3);
        REP.last_ptr = st.saved.back();
        st.saved.pop_back();
        if (ret) {
          MARK_POP_DISCARD(CTX.lastmark);
          RETURN_ON_ERROR(ret);
          RETURN_SUCCESS;
        }
        MARK_POP(CTX.lastmark);
        LASTMARK_RESTORE();
        REP.count = CTX.count - 1;
        st.ptr = ptr;
      }
      // No more items here: the tail must match.
      st.repeat = REP.prev;
      DO_JUMP(kJumpMaxUntil3, jump_max_until_3, pc);
      st.repeat = CTX.rep;
      RETURN_ON_SUCCESS(ret);
      st.ptr = ptr;
      RETURN_FAILURE;

    case kMinUntil:
      // Minimizing repeat: <REPEAT> <skip> <1=min> <2=max> item <MIN_UNTIL> tail
      CTX.rep = st.repeat;
      if (CTX.rep < 0) RETURN_ERROR(kErrorState);
      st.ptr = ptr;
      CTX.count = REP.count + 1;
      rp = REP.pattern;
      if (CTX.count < static_cast<int64_t>(c(rp + 1))) {
        REP.count = CTX.count;
        DO_JUMP(kJumpMinUntil1, jump_min_until_1, REP.pattern + 3);
        if (ret) {
          RETURN_ON_ERROR(ret);
          RETURN_SUCCESS;
        }
        REP.count = CTX.count - 1;
        st.ptr = ptr;
        RETURN_FAILURE;
      }
      // See if the tail matches.
      st.repeat = REP.prev;
      LASTMARK_SAVE();
      if (st.repeat >= 0) MARK_PUSH(CTX.lastmark);
      DO_JUMP(kJumpMinUntil2, jump_min_until_2, pc);
      st.repeat = CTX.rep;
      if (ret) {
        MARK_POP_DISCARD(CTX.lastmark);
        RETURN_ON_ERROR(ret);
        RETURN_SUCCESS;
      }
      MARK_POP(CTX.lastmark);
      LASTMARK_RESTORE();
      st.ptr = ptr;
      rp = REP.pattern;
      if ((CTX.count >= static_cast<int64_t>(c(rp + 2)) && c(rp + 2) != kMaxRepeat) || st.ptr == REP.last_ptr) {
        RETURN_FAILURE;
      }
      REP.count = CTX.count;
      st.saved.push_back(REP.last_ptr);  // zero-width match protection
      REP.last_ptr = st.ptr;
      DO_JUMP(kJumpMinUntil3, jump_min_until_3, REP.pattern + 3);
      REP.last_ptr = st.saved.back();
      st.saved.pop_back();
      if (ret) {
        RETURN_ON_ERROR(ret);
        RETURN_SUCCESS;
      }
      REP.count = CTX.count - 1;
      st.ptr = ptr;
      RETURN_FAILURE;

    case kPossessiveRepeat:
      // <POSSESSIVE_REPEAT> <skip> <1=min> <2=max> pattern <SUCCESS> tail
      if (c(pc) == 0) RETURN_ERROR(kErrorIllegal);
      st.ptr = ptr;
      CTX.count = 0;
      while (CTX.count < static_cast<int64_t>(c(pc + 1))) {
        DO_JUMP0(kJumpPossRepeat1, jump_poss_repeat_1, pc + 3);
        if (ret) {
          RETURN_ON_ERROR(ret);
          CTX.count++;
        } else {
          st.ptr = ptr;
          RETURN_FAILURE;
        }
      }
      // -1 never equals st.ptr, so the loop is entered.
      ptr = -1;
      while ((CTX.count < static_cast<int64_t>(c(pc + 2)) || c(pc + 2) == kMaxRepeat) && st.ptr != ptr) {
        LASTMARK_SAVE();
        MARK_PUSH(CTX.lastmark);
        // Where this iteration starts: an iteration that ends there again
        // matched the empty string, and so would every later one.
        ptr = st.ptr;
        DO_JUMP0(kJumpPossRepeat2, jump_poss_repeat_2, pc + 3);
        if (ret) {
          MARK_POP_DISCARD(CTX.lastmark);
          RETURN_ON_ERROR(ret);
          CTX.count++;
        } else {
          MARK_POP(CTX.lastmark);
          LASTMARK_RESTORE();
          st.ptr = ptr;
          break;
        }
      }
      pc += c(pc) + 1;  // past the SUCCESS that ends the item
      ptr = st.ptr;
      DISPATCH;

    case kAtomicGroup:
      // <ATOMIC_GROUP> <skip> pattern <SUCCESS> tail
      if (c(pc) == 0) RETURN_ERROR(kErrorIllegal);
      st.ptr = ptr;
      DO_JUMP0(kJumpAtomicGroup, jump_atomic_group, pc + 1);
      RETURN_ON_ERROR(ret);
      if (ret == 0) {
        st.ptr = ptr;
        RETURN_FAILURE;
      }
      pc += c(pc);
      ptr = st.ptr;
      DISPATCH;

    case kGroupref:
    case kGrouprefIgnore:
    case kGrouprefUniIgnore:
    case kGrouprefLocIgnore:
      // <GROUPREF> <group>: the text group `group` matched, again.
      i = static_cast<int64_t>(c(pc)) * 2;
      if (i >= st.lastmark) RETURN_FAILURE;
      p = st.marks[static_cast<size_t>(i)];
      e = st.marks[static_cast<size_t>(i) + 1];
      if (p < 0 || e < 0 || e < p) RETURN_FAILURE;
      switch (c(pc - 1)) {
        case kGroupref:
          for (; p < e; p++, ptr++) {
            if (ptr >= end || ch(ptr) != ch(p)) RETURN_FAILURE;
          }
          break;
        case kGrouprefIgnore:
          for (; p < e; p++, ptr++) {
            if (ptr >= end || lower_ascii(ch(ptr)) != lower_ascii(ch(p))) RETURN_FAILURE;
          }
          break;
        case kGrouprefUniIgnore:
          for (; p < e; p++, ptr++) {
            if (ptr >= end || lower_unicode(ch(ptr)) != lower_unicode(ch(p))) RETURN_FAILURE;
          }
          break;
        default:
          for (; p < e; p++, ptr++) {
            if (ptr >= end || lower_locale(ch(ptr)) != lower_locale(ch(p))) RETURN_FAILURE;
          }
          break;
      }
      pc++;
      DISPATCH;

    case kGrouprefExists:
      // <GROUPREF_EXISTS> <group> <skip> codeyes <JUMP> codeno ...
      i = static_cast<int64_t>(c(pc)) * 2;
      if (c(pc + 1) == 0) RETURN_ERROR(kErrorIllegal);
      if (i >= st.lastmark || st.marks[static_cast<size_t>(i)] < 0 || st.marks[static_cast<size_t>(i) + 1] < 0 ||
          st.marks[static_cast<size_t>(i) + 1] < st.marks[static_cast<size_t>(i)]) {
        pc += c(pc + 1);
        DISPATCH;
      }
      pc += 2;
      DISPATCH;

    case kAssert:
      // <ASSERT> <skip> <back> <pattern>
      if (c(pc) == 0) RETURN_ERROR(kErrorIllegal);
      if (ptr < static_cast<int64_t>(c(pc + 1))) RETURN_FAILURE;
      st.ptr = ptr - c(pc + 1);
      DO_JUMP0(kJumpAssert, jump_assert, pc + 2);
      RETURN_ON_FAILURE(ret);
      pc += c(pc);
      DISPATCH;

    case kAssertNot:
      // <ASSERT_NOT> <skip> <back> <pattern>
      if (c(pc) == 0) RETURN_ERROR(kErrorIllegal);
      if (ptr >= static_cast<int64_t>(c(pc + 1))) {
        st.ptr = ptr - c(pc + 1);
        LASTMARK_SAVE();
        if (st.repeat >= 0) MARK_PUSH(CTX.lastmark);
        DO_JUMP0(kJumpAssertNot, jump_assert_not, pc + 2);
        if (ret) {
          MARK_POP_DISCARD(CTX.lastmark);
          RETURN_ON_ERROR(ret);
          RETURN_FAILURE;
        }
        MARK_POP(CTX.lastmark);
        LASTMARK_RESTORE();
      }
      pc += c(pc);
      DISPATCH;

    case kFailure:
      RETURN_FAILURE;

    default:
      RETURN_ERROR(kErrorIllegal);
  }

exit:
  jump = CTX.jump;
  st.frames.pop_back();
  if (st.frames.size() == base) return ret;
  switch (jump) {
    case kJumpMaxUntil1: goto jump_max_until_1;
    case kJumpMaxUntil2: goto jump_max_until_2;
    case kJumpMaxUntil3: goto jump_max_until_3;
    case kJumpMinUntil1: goto jump_min_until_1;
    case kJumpMinUntil2: goto jump_min_until_2;
    case kJumpMinUntil3: goto jump_min_until_3;
    case kJumpRepeat: goto jump_repeat;
    case kJumpRepeatOne1: goto jump_repeat_one_1;
    case kJumpRepeatOne2: goto jump_repeat_one_2;
    case kJumpMinRepeatOne: goto jump_min_repeat_one;
    case kJumpBranch: goto jump_branch;
    case kJumpAssert: goto jump_assert;
    case kJumpAssertNot: goto jump_assert_not;
    case kJumpPossRepeat1: goto jump_poss_repeat_1;
    case kJumpPossRepeat2: goto jump_poss_repeat_2;
    case kJumpAtomicGroup: goto jump_atomic_group;
    default: break;
  }
  RETURN_ERROR(kErrorIllegal);
}

#undef RETURN_ERROR
#undef RETURN_FAILURE
#undef RETURN_SUCCESS
#undef RETURN_ON_ERROR
#undef RETURN_ON_SUCCESS
#undef RETURN_ON_FAILURE
#undef DISPATCH
#undef CTX
#undef LASTMARK_SAVE
#undef LASTMARK_RESTORE
#undef MARK_PUSH
#undef MARK_POP_IMPL
#undef MARK_POP
#undef MARK_POP_KEEP
#undef MARK_POP_DISCARD
#undef DO_JUMPX
#undef DO_JUMP
#undef DO_JUMP0
#undef REP

// sre_lib.h's search: the INFO block's literal prefix or first-character
// set picks the start positions worth trying.
template <class Ch>
int64_t Matcher<Ch>::search() {
  State& st = st_;
  const Reader& c = c_;
  int64_t ptr = st.start, end = st.end;
  int64_t status = 0;
  size_t prefix_len = 0, prefix_skip = 0, prefix = 0, overlap = 0, charset_at = 0;
  bool has_charset = false;
  uint32_t flags = 0;
  size_t pc = 0;
  if (ptr > end) return 0;
  if (c(0) == kInfo) {
    // <INFO> <1=skip> <2=flags> <3=min> <4=max> <5=prefix info>
    flags = c(2);
    int64_t min = c(3);
    if (min && end - ptr < min) return 0;
    if (min > 1) {
      // Leave at least one character so the literal search works.
      end -= min - 1;
      if (end <= ptr) end = ptr;
    }
    if (flags & kInfoPrefix) {
      // <length> <skip> <prefix data> <overlap data>
      prefix_len = c(5);
      prefix_skip = c(6);
      prefix = 7;
      overlap = prefix + prefix_len - 1;
      if (prefix_len == 0 || prefix_skip > prefix_len || !c.has(prefix, 2 * prefix_len)) return kErrorIllegal;
    } else if (flags & kInfoCharset) {
      has_charset = true;
      charset_at = 5;
    }
    pc = 1 + c(1);
  }

  if (prefix_len == 1) {
    // The pattern starts with a literal character.
    uint32_t first = c(prefix);
    end = st.end;
    st.must_advance = false;
    while (ptr < end) {
      while (ch(ptr) != first) {
        if (++ptr >= end) return 0;
      }
      st.start = ptr;
      st.ptr = ptr + static_cast<int64_t>(prefix_skip);
      if (flags & kInfoLiteral) return 1;  // the prefix is the whole pattern
      status = match(pc + 2 * prefix_skip, false);
      if (status != 0) return status;
      ++ptr;
      st.reset();
    }
    return 0;
  }

  if (prefix_len > 1) {
    // A known prefix: skip ahead with its overlap table (Knuth-Morris-Pratt).
    end = st.end;
    if (static_cast<int64_t>(prefix_len) > end - ptr) return 0;
    while (ptr < end) {
      uint32_t first = c(prefix);
      while (ch(ptr++) != first) {
        if (ptr >= end) return 0;
      }
      if (ptr >= end) return 0;
      size_t i = 1;
      st.must_advance = false;
      do {
        if (ch(ptr) == c(prefix + i)) {
          if (++i != prefix_len) {
            if (++ptr >= end) return 0;
            continue;
          }
          // A candidate.
          st.start = ptr - static_cast<int64_t>(prefix_len - 1);
          st.ptr = ptr - static_cast<int64_t>(prefix_len - prefix_skip - 1);
          if (flags & kInfoLiteral) return 1;
          status = match(pc + 2 * prefix_skip, false);
          if (status != 0) return status;
          if (++ptr >= end) return 0;
          st.reset();
        }
        size_t next = c(overlap + i);
        i = next < i ? next : 0;  // a valid table only moves back
      } while (i != 0);
    }
    return 0;
  }

  if (has_charset) {
    // The pattern starts with a character from a known set.
    end = st.end;
    st.must_advance = false;
    for (;;) {
      while (ptr < end && !charset(c, charset_at, ch(ptr))) ptr++;
      if (ptr >= end) return 0;
      st.start = ptr;
      st.ptr = ptr;
      status = match(pc, false);
      if (status != 0) break;
      ptr++;
      st.reset();
    }
    return status;
  }

  // The general case: every position.
  st.start = st.ptr = ptr;
  status = match(pc, true);
  st.must_advance = false;
  if (status == 0 && c(pc) == kAt && (c(pc + 1) == kAtBeginning || c(pc + 1) == kAtBeginningString)) {
    st.start = st.ptr = end;
    return 0;
  }
  while (status == 0 && ptr < end) {
    ptr++;
    st.reset();
    st.start = st.ptr = ptr;
    status = match(pc, false);
  }
  return status;
}

}  // namespace

int64_t match(State& state, Code code) {
  if (state.wide) return Matcher<uint32_t>(state, code).match(0, true);
  return Matcher<uint8_t>(state, code).match(0, true);
}

int64_t search(State& state, Code code) {
  if (state.wide) return Matcher<uint32_t>(state, code).search();
  return Matcher<uint8_t>(state, code).search();
}

bool ascii_iscased(uint32_t ch) { return ch < 128 && std::isalpha(static_cast<int>(ch)); }
bool unicode_iscased(uint32_t ch) { return ch != lower_unicode(ch) || ch != upper_unicode(ch); }
uint32_t ascii_tolower(uint32_t ch) { return lower_ascii(ch); }
uint32_t unicode_tolower(uint32_t ch) { return lower_unicode(ch); }

}  // namespace ftpy::sre

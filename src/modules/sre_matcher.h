// The parts of the regular-expression matcher that match() (sre_engine.cc)
// and search() (sre_search.cc) share: the opcode operands, the character
// classes (CPython's sre.c SRE_IS_* and sre_category), the bounds-checked
// code reader, sre_lib.h's charset, and the Matcher over one subject width.
// Internal to _sre; the interface is sre_engine.h.
#pragma once

#include <cctype>

#include "sre_engine.h"
#include "ftpy/errors.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "../vm/eval_breaker.h"

namespace ftpy::sre::detail {

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

inline bool is_digit(uint32_t ch) { return ch >= '0' && ch <= '9'; }
inline bool is_space(uint32_t ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }
inline bool is_alnum(uint32_t ch) { return ch < 128 && std::isalnum(static_cast<int>(ch)); }
inline bool is_word(uint32_t ch) { return is_alnum(ch) || ch == '_'; }
// The C locale's classes for bytes (ftpy never calls setlocale).
inline bool loc_is_word(uint32_t ch) { return ch < 256 && (std::isalnum(static_cast<int>(ch)) || ch == '_'); }
inline bool uni_is_word(uint32_t ch) { return ch == '_' || unicode_is_alnum(ch); }

inline uint32_t lower_ascii(uint32_t ch) { return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch; }
inline uint32_t lower_locale(uint32_t ch) { return ch < 256 ? static_cast<uint32_t>(std::tolower(static_cast<int>(ch))) : ch; }
inline uint32_t upper_locale(uint32_t ch) { return ch < 256 ? static_cast<uint32_t>(std::toupper(static_cast<int>(ch))) : ch; }
inline uint32_t lower_unicode(uint32_t ch) { return unicode_simple_lower(ch); }
inline uint32_t upper_unicode(uint32_t ch) { return unicode_simple_upper(ch); }
inline bool char_loc_ignore(uint32_t pattern, uint32_t ch) {
  return ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern;
}

inline bool category(uint32_t cat, uint32_t ch) {
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
inline bool charset(const Reader& c, size_t set, uint32_t ch) {
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

inline bool charset_loc_ignore(const Reader& c, size_t set, uint32_t ch) {
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

}  // namespace ftpy::sre::detail

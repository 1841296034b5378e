// sre_lib.h's search over the matcher of sre_engine.cc, and the _sre entry
// points (sre_engine.h).
#include "sre_matcher.h"

namespace ftpy::sre {

namespace detail {

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

template int64_t Matcher<uint8_t>::search();
template int64_t Matcher<uint32_t>::search();

}  // namespace detail

using detail::Matcher;
using detail::lower_ascii;
using detail::lower_unicode;
using detail::upper_unicode;

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

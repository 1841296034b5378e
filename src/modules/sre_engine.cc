// The regular-expression matcher; see sre_engine.h. The opcodes and their
// operands are those of CPython 3.11's re/_compiler.py; the control flow of
// match() follows Modules/_sre/sre_lib.h op for op (its comments name the
// same cases), with its recursion turned into pushes of Frame.
#include "sre_match_macros.h"
#include "sre_matcher.h"

namespace ftpy::sre::detail {

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

// search() (sre_search.cc) calls match() for each width.
template class Matcher<uint8_t>;
template class Matcher<uint32_t>;

}  // namespace ftpy::sre::detail

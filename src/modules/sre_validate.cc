// _sre.compile's check of the code it is given (CPython's _validate in
// Modules/_sre/sre.c): every operand present, every skip inside its
// block, every block closed by the op the engine expects, every group
// number below the pattern's groups. Code from re/_compiler.py always
// passes; hand-made code that does not is refused with RuntimeError("invalid
// SRE code") before it can run. The engine still bounds-checks its reads.
#include "sre_engine.h"

namespace ftpy::sre {

namespace {

constexpr uint32_t kLastAt = 11;        // AT_UNI_NON_BOUNDARY
constexpr uint32_t kLastCategory = 17;  // CATEGORY_UNI_NOT_LINEBREAK
constexpr uint32_t kInfoFlags = 1 | 2 | 4;

class Validator {
 public:
  Validator(const uint32_t* code, int64_t groups) : code_(code), groups_(static_cast<uint64_t>(groups)) {}

  // Validates [pc, end); 0 fine, 1 fine and it ended with a JUMP (the
  // 'then' part of a conditional), -1 invalid.
  int inner(size_t pc, size_t end) {
    if (pc > end) return -1;
    while (pc < end) {
      uint32_t op = code_[pc++];
      uint32_t skip, arg;
      switch (op) {
        case kMark:
          if (!get(pc, end, &arg) || arg >= 2 * groups_) return -1;
          break;
        case kLiteral: case kNotLiteral: case kLiteralIgnore: case kNotLiteralIgnore:
        case kLiteralUniIgnore: case kNotLiteralUniIgnore: case kLiteralLocIgnore: case kNotLiteralLocIgnore:
          if (!get(pc, end, &arg)) return -1;
          break;
        case kSuccess: case kFailure: case kAny: case kAnyAll:
          break;
        case kAt:
          if (!get(pc, end, &arg) || arg > kLastAt) return -1;
          break;
        case kCategory:
          if (!get(pc, end, &arg) || arg > kLastCategory) return -1;
          break;
        case kIn: case kInIgnore: case kInUniIgnore: case kInLocIgnore:
          // <IN> <skip> <set> FAILURE
          if (!get_skip(pc, end, &skip) || skip < 2) return -1;
          if (!charset(pc + 1, pc + skip - 1) || code_[pc + skip - 1] != kFailure) return -1;
          pc += skip;
          break;
        case kInfo: {
          // <INFO> <skip> <flags> <min> <max> [prefix | charset]
          if (!get_skip(pc, end, &skip) || skip < 4) return -1;
          size_t block_end = pc + skip;
          uint32_t flags = code_[pc + 1];
          size_t at = pc + 4;
          if ((flags & ~kInfoFlags) || ((flags & 1) && (flags & 4)) || ((flags & 2) && !(flags & 1))) return -1;
          if (flags & 1) {
            if (at + 2 > block_end) return -1;
            uint32_t len = code_[at];
            at += 2;
            if (len > block_end - at) return -1;
            at += len;
            if (len > block_end - at) return -1;
            for (uint32_t i = 0; i < len; i++) {
              if (code_[at + i] >= len) return -1;
            }
            at += len;
          }
          if (flags & 4) {
            if (block_end == at || !charset(at, block_end - 1) || code_[block_end - 1] != kFailure) return -1;
          } else if (at != block_end) {
            return -1;
          }
          pc = block_end;
          break;
        }
        case kBranch: {
          // <BRANCH> (<skip> alternative <JUMP> <to the end>)* <0>
          size_t target = 0;
          bool have_target = false;
          for (;;) {
            if (!get_skip(pc, end, &skip)) return -1;
            if (skip == 0) {
              pc++;
              break;
            }
            if (skip < 3 || inner(pc + 1, pc + skip - 2) != 0) return -1;
            size_t jump = pc + skip - 2;
            if (code_[jump] != kJump) return -1;
            uint32_t jskip;
            size_t after = jump + 1;
            if (!get_skip(after, end, &jskip)) return -1;
            if (!have_target) {
              target = after + jskip;
              have_target = true;
            } else if (after + jskip != target) {
              return -1;
            }
            pc += skip;
          }
          if (!have_target || pc != target) return -1;
          break;
        }
        case kRepeatOne: case kMinRepeatOne: case kPossessiveRepeatOne: {
          // <op> <skip> <min> <max> item SUCCESS
          if (!get_skip(pc, end, &skip) || skip < 4 || !min_max(pc)) return -1;
          if (inner(pc + 3, pc + skip - 1) != 0 || code_[pc + skip - 1] != kSuccess) return -1;
          pc += skip;
          break;
        }
        case kRepeat: case kPossessiveRepeat: {
          // <op> <skip> <min> <max> item, then MAX_UNTIL/MIN_UNTIL (or SUCCESS)
          if (!get_skip(pc, end, &skip) || skip < 3 || !min_max(pc)) return -1;
          if (inner(pc + 3, pc + skip) != 0 || pc + skip >= end) return -1;
          uint32_t close = code_[pc + skip];
          if (op == kPossessiveRepeat ? close != kSuccess : close != kMaxUntil && close != kMinUntil) return -1;
          pc += skip + 1;
          break;
        }
        case kAtomicGroup:
          // <ATOMIC_GROUP> <skip> pattern SUCCESS
          if (!get_skip(pc, end, &skip) || skip < 2) return -1;
          if (inner(pc + 1, pc + skip - 1) != 0 || code_[pc + skip - 1] != kSuccess) return -1;
          pc += skip;
          break;
        case kGroupref: case kGrouprefIgnore: case kGrouprefUniIgnore: case kGrouprefLocIgnore:
          if (!get(pc, end, &arg) || arg >= groups_) return -1;
          break;
        case kGrouprefExists: {
          // <GROUPREF_EXISTS> <group> <skip> then [JUMP <skip> else]; the
          // skip counts from <group>.
          if (pc + 2 > end || code_[pc] >= groups_) return -1;
          skip = code_[pc + 1];
          if (skip < 2 || skip > end - pc) return -1;
          int rc = inner(pc + 2, pc + skip);
          size_t after = pc + skip;
          if (rc == 1) {
            // The 'then' part ended with JUMP <skip>: the 'else' part runs to its target.
            size_t at = pc + skip - 1;
            uint32_t eskip;
            if (!get_skip(at, end, &eskip) || eskip < 1) return -1;
            rc = inner(pc + skip, at + eskip);
            after = at + eskip;
          }
          if (rc != 0) return -1;
          pc = after;
          break;
        }
        case kAssert: case kAssertNot:
          // <op> <skip> <back> pattern SUCCESS
          if (!get_skip(pc, end, &skip) || skip < 3) return -1;
          if (inner(pc + 2, pc + skip - 1) != 0 || code_[pc + skip - 1] != kSuccess) return -1;
          pc += skip;
          break;
        case kJump:
          // Only as the last op of a conditional's 'then' part.
          if (pc + 1 != end) return -1;
          return 1;
        default:
          return -1;
      }
    }
    return 0;
  }

 private:
  // An operand at `pc` (before `end`), advancing pc.
  bool get(size_t& pc, size_t end, uint32_t* out) {
    if (pc >= end) return false;
    *out = code_[pc++];
    return true;
  }
  // A skip at `pc`, not past `end` measured from the skip word; pc stays.
  bool get_skip(size_t pc, size_t end, uint32_t* out) {
    if (pc >= end) return false;
    *out = code_[pc];
    return *out <= end - pc;
  }
  bool min_max(size_t pc) {
    uint32_t min = code_[pc + 1], max = code_[pc + 2];
    return min <= max && max <= kMaxRepeat;
  }

  // A set's items in [pc, end): NEGATE, LITERAL, RANGE, CHARSET,
  // BIGCHARSET and CATEGORY, each complete.
  bool charset(size_t pc, size_t end) {
    while (pc < end) {
      switch (code_[pc++]) {
        case kNegate:
          break;
        case kLiteral:
          if (pc++ >= end) return false;
          break;
        case kRange: case kRangeUniIgnore:
          if (end - pc < 2) return false;
          pc += 2;
          break;
        case kCharset:
          if (end - pc < 8) return false;
          pc += 8;
          break;
        case kBigCharset: {
          if (pc >= end) return false;
          uint32_t blocks = code_[pc++];
          if (end - pc < 64) return false;
          auto* index = reinterpret_cast<const uint8_t*>(code_ + pc);
          for (int i = 0; i < 256; i++) {
            if (index[i] >= blocks) return false;
          }
          pc += 64;
          if (static_cast<uint64_t>(blocks) * 8 > end - pc) return false;
          pc += static_cast<size_t>(blocks) * 8;
          break;
        }
        case kCategory:
          if (pc >= end || code_[pc++] > kLastCategory) return false;
          break;
        default:
          return false;
      }
    }
    return true;
  }

  const uint32_t* code_;
  uint64_t groups_;
};

}  // namespace

bool validate(Code code, int64_t groups) {
  if (groups < 0 || groups > kMaxGroups || code.size == 0 || code.words[code.size - 1] != kSuccess) return false;
  return Validator(code.words, groups).inner(0, code.size - 1) == 0;
}

}  // namespace ftpy::sre

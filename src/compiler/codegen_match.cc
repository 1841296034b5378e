// The match statement, compiled as CPython 3.11's Python/compile.c does
// (compiler_match, compiler_pattern_*): each pattern consumes the subject on
// top of the stack; captured values stay on the stack, rotated under
// whatever the pattern still needs, and are stored only once the whole
// pattern has matched. A failure jumps to fail_pop[n], a chain of POP_TOPs
// that discards the n values above the subject copy. design/match.md.
#include <algorithm>

#include "absl/strings/str_format.h"
#include "codegen.h"
#include "lexer.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

namespace {

bool is_wildcard(const Pattern* p) { return p->kind == PatternKind::kAs && !p->pattern && p->name.empty(); }
bool is_star_wildcard(const Pattern* p) { return p->kind == PatternKind::kStar && p->name.empty(); }

}  // namespace

void CodeGen::ensure_fail_pop(PatternContext* pc, size_t n) {
  while (pc->fail_pop.size() <= n) pc->fail_pop.push_back(new_label());
}

void CodeGen::jump_to_fail_pop(PatternContext* pc, Opcode op) {
  size_t pops = static_cast<size_t>(pc->on_top) + pc->stores.size();
  ensure_fail_pop(pc, pops);
  emit_jump(op, pc->fail_pop[pops]);
}

void CodeGen::emit_and_reset_fail_pop(PatternContext* pc) {
  if (pc->fail_pop.empty()) return;
  for (size_t n = pc->fail_pop.size() - 1; n > 0; n--) {
    bind(pc->fail_pop[n]);
    emit(POP_TOP);
  }
  bind(pc->fail_pop[0]);
  pc->fail_pop.clear();
}

// Moves TOS down to be the count-th item.
void CodeGen::pattern_rotate(int count) {
  while (count > 1) emit(SWAP, static_cast<uint32_t>(count--));
}

void CodeGen::pattern_store_name(const std::string& name, PatternContext* pc, const Pattern* p) {
  if (name.empty()) {
    emit(POP_TOP);
    return;
  }
  if (std::find(pc->stores.begin(), pc->stores.end(), name) != pc->stores.end()) {
    throw_syntax_error(absl::StrFormat("multiple assignments to name '%s' in pattern", name), p->line, p->col);
  }
  pattern_rotate(pc->on_top + static_cast<int>(pc->stores.size()) + 1);
  pc->stores.push_back(name);
}

void CodeGen::pattern_subpattern(Pattern* p, PatternContext* pc) {
  bool saved = pc->allow_irrefutable;
  pc->allow_irrefutable = true;
  pattern(p, pc);
  pc->allow_irrefutable = saved;
}

void CodeGen::pattern(Pattern* p, PatternContext* pc) {
  cur_line_ = p->line;
  switch (p->kind) {
    case PatternKind::kValue:
      expr(p->value);
      emit(COMPARE_OP, static_cast<uint32_t>(CompareOp::kEq));
      jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
      return;
    case PatternKind::kSingleton:
      expr(p->value);
      emit(IS_OP, 0);
      jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
      return;
    case PatternKind::kAs:
      if (!p->pattern) {
        if (!pc->allow_irrefutable) {
          if (!p->name.empty()) {
            throw_syntax_error(absl::StrFormat("name capture '%s' makes remaining patterns unreachable", p->name),
                               p->line, p->col);
          }
          throw_syntax_error("wildcard makes remaining patterns unreachable", p->line, p->col);
        }
        pattern_store_name(p->name, pc, p);
        return;
      }
      pc->on_top++;
      emit(COPY, 1);
      pattern(p->pattern, pc);
      pc->on_top--;
      pattern_store_name(p->name, pc, p);
      return;
    case PatternKind::kStar:
      pattern_store_name(p->name, pc, p);
      return;
    case PatternKind::kSequence: pattern_sequence(p, pc); return;
    case PatternKind::kMapping: pattern_mapping(p, pc); return;
    case PatternKind::kClass: pattern_class(p, pc); return;
    case PatternKind::kOr: pattern_or(p, pc); return;
  }
}

void CodeGen::pattern_sequence(Pattern* p, PatternContext* pc) {
  int size = static_cast<int>(p->patterns.size());
  int star = -1;
  bool only_wildcard = true, star_wildcard = false;
  for (int i = 0; i < size; i++) {
    Pattern* sub = p->patterns[static_cast<size_t>(i)];
    if (sub->kind == PatternKind::kStar) {
      if (star >= 0) throw_syntax_error("multiple starred names in sequence pattern", sub->line, sub->col);
      star_wildcard = is_star_wildcard(sub);
      only_wildcard &= star_wildcard;
      star = i;
      continue;
    }
    only_wildcard &= is_wildcard(sub);
  }
  // The subject stays on top during the sequence and length checks.
  pc->on_top++;
  emit(MATCH_SEQUENCE);
  jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
  if (star < 0 || size > 1) {
    emit(GET_LEN);
    load_const(Ref<>(int_from_i64(star < 0 ? size : size - 1)).get());
    emit(COMPARE_OP, static_cast<uint32_t>(star < 0 ? CompareOp::kEq : CompareOp::kGe));
    jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
  }
  pc->on_top--;
  if (only_wildcard) {
    emit(POP_TOP);
  } else if (star_wildcard) {
    // [a, *_, z]: index the ends instead of unpacking the middle.
    pc->on_top++;
    for (int i = 0; i < size; i++) {
      Pattern* sub = p->patterns[static_cast<size_t>(i)];
      if (is_wildcard(sub) || i == star) continue;
      emit(COPY, 1);
      if (i < star) {
        load_const(Ref<>(int_from_i64(i)).get());
      } else {
        emit(GET_LEN);
        load_const(Ref<>(int_from_i64(size - i)).get());
        emit(BINARY_OP, static_cast<uint32_t>(BinaryOp::kSub));
      }
      emit(BINARY_SUBSCR);
      pattern_subpattern(sub, pc);
    }
    pc->on_top--;
    emit(POP_TOP);
  } else {
    if (star < 0) emit(UNPACK_SEQUENCE, static_cast<uint32_t>(size));
    else emit(UNPACK_EX, static_cast<uint32_t>(star | ((size - star - 1) << 8)));
    pc->on_top += size;
    for (Pattern* sub : p->patterns) {
      pc->on_top--;
      pattern_subpattern(sub, pc);
    }
  }
}

void CodeGen::pattern_mapping(Pattern* p, PatternContext* pc) {
  int size = static_cast<int>(p->keys.size());
  pc->on_top++;
  emit(MATCH_MAPPING);
  jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
  if (size == 0 && p->name.empty()) {
    pc->on_top--;
    emit(POP_TOP);
    return;
  }
  if (size > 0) {
    emit(GET_LEN);
    load_const(Ref<>(int_from_i64(size)).get());
    emit(COMPARE_OP, static_cast<uint32_t>(CompareOp::kGe));
    jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
  }
  // Keys are literals or attribute lookups; duplicate literals are an error.
  std::vector<Ref<>> seen;
  for (Expr* key : p->keys) {
    Ref<> folded(key->kind == ExprKind::kConstant ? newref(key->constant.get()) : fold_constant(key));
    if (folded) {
      for (const Ref<>& s : seen) {
        if (s->ob_type == folded->ob_type && object_equal(s.get(), folded.get()) == 1) {
          std::string text;
          repr_string(folded.get(), &text);
          throw_syntax_error(absl::StrFormat("mapping pattern checks duplicate key (%s)", text), key->line, key->col);
        }
      }
      seen.push_back(folded);
    } else if (key->kind != ExprKind::kAttribute) {
      throw_syntax_error("mapping pattern keys may only match literals and attribute lookups", key->line, key->col);
    }
    expr(key);
  }
  emit(BUILD_TUPLE, static_cast<uint32_t>(size));
  emit(MATCH_KEYS);
  // A tuple of keys and a tuple of values (or None) now sit on the subject.
  pc->on_top += 2;
  emit(COPY, 1);
  load_const(kNone);
  emit(IS_OP, 1);
  jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
  emit(UNPACK_SEQUENCE, static_cast<uint32_t>(size));
  pc->on_top += size - 1;
  for (Pattern* sub : p->patterns) {
    pc->on_top--;
    pattern_subpattern(sub, pc);
  }
  pc->on_top -= 2;
  if (!p->name.empty()) {
    // rest = dict(subject); del rest[key] for each key.
    emit(BUILD_MAP, 0);                                 // [subject, keys, {}]
    emit(SWAP, 3);                                      // [{}, keys, subject]
    emit(DICT_UPDATE, 2);                               // [rest, keys]
    emit(UNPACK_SEQUENCE, static_cast<uint32_t>(size));  // [rest, keys...]
    for (int left = size; left > 0; left--) {
      emit(COPY, static_cast<uint32_t>(1 + left));      // [rest, keys..., rest]
      emit(SWAP, 2);                                    // [rest, keys..., rest, key]
      emit(DELETE_SUBSCR);                              // [rest, keys...]
    }
    pattern_store_name(p->name, pc, p);
  } else {
    emit(POP_TOP);  // the keys
    emit(POP_TOP);  // the subject
  }
}

void CodeGen::pattern_class(Pattern* p, PatternContext* pc) {
  size_t nargs = p->patterns.size(), nattrs = p->kwd_attrs.size();
  for (size_t i = 0; i < nattrs; i++) {
    for (size_t j = i + 1; j < nattrs; j++) {
      if (p->kwd_attrs[i] == p->kwd_attrs[j]) {
        Pattern* dup = p->kwd_patterns[j];
        throw_syntax_error(absl::StrFormat("attribute name repeated in class pattern: %s", p->kwd_attrs[j]), dup->line,
                           dup->col);
      }
    }
  }
  expr(p->value);
  Tuple* names = tuple_new(static_cast<int64_t>(nattrs));
  for (size_t i = 0; i < nattrs; i++) names->items[i] = str_intern(p->kwd_attrs[i]);
  load_const(Ref<>(names).get());
  cur_line_ = p->line;
  emit(MATCH_CLASS, static_cast<uint32_t>(nargs));
  emit(COPY, 1);
  load_const(kNone);
  emit(IS_OP, 1);
  pc->on_top++;
  jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
  emit(UNPACK_SEQUENCE, static_cast<uint32_t>(nargs + nattrs));
  pc->on_top += static_cast<int>(nargs + nattrs) - 1;
  for (size_t i = 0; i < nargs + nattrs; i++) {
    pc->on_top--;
    Pattern* sub = i < nargs ? p->patterns[i] : p->kwd_patterns[i - nargs];
    if (is_wildcard(sub)) {
      emit(POP_TOP);
      continue;
    }
    pattern_subpattern(sub, pc);
  }
}

void CodeGen::pattern_or(Pattern* p, PatternContext* pc) {
  int end = new_label();
  PatternContext old = *pc;
  std::vector<std::string> control;
  size_t size = p->patterns.size();
  for (size_t i = 0; i < size; i++) {
    Pattern* alt = p->patterns[i];
    pc->stores.clear();
    pc->allow_irrefutable = i == size - 1 && old.allow_irrefutable;
    pc->fail_pop.clear();
    pc->on_top = 0;
    emit(COPY, 1);
    pattern(alt, pc);
    if (i == 0) {
      control = pc->stores;
    } else if (pc->stores.size() != control.size()) {
      throw_syntax_error("alternative patterns bind different names", alt->line, alt->col);
    } else if (!pc->stores.empty()) {
      // Reorder the captured values on the stack to control's order.
      for (int icontrol = static_cast<int>(control.size()) - 1; icontrol >= 0; icontrol--) {
        auto it = std::find(pc->stores.begin(), pc->stores.end(), control[static_cast<size_t>(icontrol)]);
        if (it == pc->stores.end()) throw_syntax_error("alternative patterns bind different names", alt->line, alt->col);
        int istores = static_cast<int>(it - pc->stores.begin());
        if (icontrol != istores) {
          int rotations = istores + 1;
          std::vector<std::string> rotated(pc->stores.begin(), pc->stores.begin() + rotations);
          pc->stores.erase(pc->stores.begin(), pc->stores.begin() + rotations);
          pc->stores.insert(pc->stores.begin() + (icontrol - istores), rotated.begin(), rotated.end());
          while (rotations--) pattern_rotate(icontrol + 1);
        }
      }
    }
    emit_jump(JUMP, end);
    emit_and_reset_fail_pop(pc);
  }
  *pc = old;
  // No alternative matched: pop the subject copy and fail.
  emit(POP_TOP);
  jump_to_fail_pop(pc, JUMP);
  bind(end);
  int nstores = static_cast<int>(control.size());
  int nrots = nstores + 1 + pc->on_top + static_cast<int>(pc->stores.size());
  for (int i = 0; i < nstores; i++) {
    pattern_rotate(nrots);
    const std::string& name = control[static_cast<size_t>(i)];
    if (std::find(pc->stores.begin(), pc->stores.end(), name) != pc->stores.end()) {
      throw_syntax_error(absl::StrFormat("multiple assignments to name '%s' in pattern", name), p->line, p->col);
    }
    pc->stores.push_back(name);
  }
  emit(POP_TOP);  // the subject copy
}

void CodeGen::match_stmt(Stmt* s) {
  expr(s->value);
  int end = new_label();
  size_t cases = s->cases.size();
  bool has_default = is_wildcard(s->cases.back().pattern) && cases > 1;
  for (size_t i = 0; i < cases - has_default; i++) {
    MatchCase& m = s->cases[i];
    bool last = i == cases - has_default - 1;
    if (!last) emit(COPY, 1);  // the next case needs the subject too
    PatternContext pc;
    pc.allow_irrefutable = m.guard != nullptr || i == cases - 1;
    pattern(m.pattern, &pc);
    for (const std::string& name : pc.stores) name_op(name, ExprContext::kStore);
    if (m.guard) {
      ensure_fail_pop(&pc, 0);
      pc.stores.clear();
      jump_if(m.guard, false, pc.fail_pop[0]);
    }
    if (!last) emit(POP_TOP);  // matched: done with the subject
    body(m.body);
    emit_jump(JUMP, end);
    cur_line_ = m.pattern->line;
    emit_and_reset_fail_pop(&pc);
  }
  if (has_default) {
    MatchCase& m = s->cases.back();
    cur_line_ = m.pattern->line;
    if (cases == 1) emit(POP_TOP);
    else emit(NOP);
    if (m.guard) jump_if(m.guard, false, end);
    body(m.body);
  }
  bind(end);
}

}  // namespace ftpy

// The bytecode interpreter: one loop, one opcode per TARGET block.
//
// Dispatch is computed goto where the compiler supports it (GCC, Clang),
// with a switch fallback. Stack slots hold owned references. An opcode that
// fails jumps to `error`, which records the traceback entry, then looks the
// failing instruction up in the code's exception table.
#include "ftpy/eval.h"

#include "eval_fast_paths.h"
#include "eval_helpers.h"
#include "global_cache.h"
#include "ftpy/class.h"
#include "ftpy/code.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/frame.h"
#include "ftpy/function.h"
#include "ftpy/generator.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/opcode.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"

namespace ftpy {

bool handle_eval_breaker(ThreadState* ts);

namespace {

[[gnu::cold]] Object* recursion_error(ThreadState* ts) {
  ts->recursion_depth--;
  return raise(&RecursionError_type, "maximum recursion depth exceeded");
}

}  // namespace

Object* eval_frame(ThreadState* ts, Frame* f, bool throwing) {
  if (++ts->recursion_depth > g_recursion_limit.load(std::memory_order_relaxed) || stack_exhausted()) {
    return recursion_error(ts);
  }
  f->previous = ts->current_frame;
  f->is_entry = true;
  ts->current_frame = f;

  // Python-to-Python calls run in this same loop (no C recursion): CALL
  // pushes a frame and switches to it, RETURN_VALUE switches back. These
  // cache the running frame's state and are reloaded on every switch.
  Code* code;
  const uint32_t* first_instr;
  Object** localsplus;
  Object** stack_base;
  Object* const* consts;
  Object* const* names;
  Dict* globals;
#define LOAD_FRAME_STATE()                  \
  do {                                      \
    code = f->code;                         \
    first_instr = code->instructions.data(); \
    localsplus = f->localsplus;             \
    stack_base = f->stack_base;             \
    consts = code->consts->items;           \
    names = code->names->items;             \
    globals = f->globals;                   \
  } while (0)
  LOAD_FRAME_STATE();
  const uint32_t* pc = f->pc;
  Object** sp = f->stack_pointer;
  f->yielded = false;
  Dict* builtins = builtins_dict();
  Object* retval = nullptr;
  uint32_t word;
  uint32_t oparg;
  bool skip_traceback = false;

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define NAME(i) static_cast<Str*>(names[i])

#if defined(__GNUC__)
  static void* const kTargets[] = {
#define FTPY_TARGET_ADDR(name) &&op_##name,
      FTPY_OPCODES(FTPY_TARGET_ADDR)
#undef FTPY_TARGET_ADDR
  };
#define TARGET(name) op_##name:
#define DISPATCH()                 \
  do {                             \
    word = *pc++;                  \
    oparg = instr_arg(word);       \
    goto* kTargets[word & 0xff];   \
  } while (0)
  if (throwing) goto error;
  DISPATCH();
#else
#define TARGET(name) case name:
#define DISPATCH() goto dispatch
  if (throwing) goto error;
dispatch:
  word = *pc++;
  oparg = instr_arg(word);
  switch (instr_op(word)) {
#endif

  TARGET(NOP) { DISPATCH(); }
  TARGET(POP_TOP) { decref(POP()); DISPATCH(); }
  TARGET(PUSH_NULL) { PUSH(nullptr); DISPATCH(); }
  TARGET(COPY) {
    Object* v = sp[-static_cast<int>(oparg)];
    PUSH(newref(v));
    DISPATCH();
  }
  TARGET(SWAP) {
    std::swap(sp[-1], sp[-static_cast<int>(oparg)]);
    DISPATCH();
  }
  TARGET(LOAD_CONST) { PUSH(newref(consts[oparg])); DISPATCH(); }
  TARGET(LOAD_FAST) {
    Object* v = localsplus[oparg];
    if (!v) {
      raise_unbound_local(static_cast<Str*>(code->varnames->items[oparg]));
      goto error;
    }
    PUSH(newref(v));
    DISPATCH();
  }
  TARGET(STORE_FAST) {
    Object* old = localsplus[oparg];
    localsplus[oparg] = POP();
    xdecref(old);
    DISPATCH();
  }
  TARGET(DELETE_FAST) {
    Object* old = localsplus[oparg];
    if (!old) {
      raise_unbound_local(static_cast<Str*>(code->varnames->items[oparg]));
      goto error;
    }
    localsplus[oparg] = nullptr;
    decref(old);
    DISPATCH();
  }
  TARGET(LOAD_DEREF) {
    Object* v = static_cast<Cell*>(localsplus[oparg])->ref;
    if (!v) {
      int nlocals = code->nlocals();
      int ncells = static_cast<int>(code->cellvars->size);
      int i = static_cast<int>(oparg) - nlocals;
      if (i < ncells) raise_unbound_local(static_cast<Str*>(code->cellvars->items[i]));
      else raise_unbound_free(static_cast<Str*>(code->freevars->items[i - ncells]));
      goto error;
    }
    PUSH(newref(v));
    DISPATCH();
  }
  TARGET(STORE_DEREF) {
    Cell* c = static_cast<Cell*>(localsplus[oparg]);
    set_ref(c->ref, POP());
    DISPATCH();
  }
  TARGET(DELETE_DEREF) {
    Cell* c = static_cast<Cell*>(localsplus[oparg]);
    if (!c->ref) {
      raise_unbound_local(static_cast<Str*>(code->cellvars->items[oparg - code->nlocals()]));
      goto error;
    }
    set_ref(c->ref, static_cast<Object*>(nullptr));
    DISPATCH();
  }
  TARGET(LOAD_CLOSURE) { PUSH(newref(localsplus[oparg])); DISPATCH(); }
  TARGET(LOAD_GLOBAL) {
    GlobalCacheEntry& cache = global_cache_slot(globals, NAME(oparg));
    if (cache.globals == globals && cache.name == NAME(oparg) &&
        cache.globals_version == globals->version.load(std::memory_order_acquire) &&
        cache.builtins_version == builtins->version.load(std::memory_order_acquire)) {
      // `GLOBAL[local]` on a list: index the borrowed list directly, without
      // touching its reference count (a contended cache line when several
      // threads read one global list). The list stays valid: module dicts
      // release replaced values only after readers quiesce.
      if (kDeferredSharedRc && cache.value->ob_type == &list_type && instr_op(pc[0]) == LOAD_FAST && instr_op(pc[1]) == BINARY_SUBSCR) {
        Object* index = localsplus[instr_arg(pc[0])];
        if (index && index->ob_type == &int_type && !static_cast<Int*>(index)->big &&
            static_cast<Int*>(index)->value >= 0) {
          if (Object* item = list_item_ref(static_cast<List*>(cache.value), static_cast<Int*>(index)->value)) {
            PUSH(item);
            pc += 2;
            DISPATCH();
          }
        }
      }
      PUSH(newref(cache.value));
      DISPATCH();
    }
    Object* v = load_global_slow(globals, builtins, NAME(oparg), &cache);
    if (!v) goto error;
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_GLOBAL) {
    Object* v = POP();
    mark_shared_hot(v);
    int r = dict_set(globals, NAME(oparg), v);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_GLOBAL) {
    int r = dict_delete(globals, NAME(oparg));
    if (r < 0) goto error;
    if (r == 0) {
      raise_name_error(NAME(oparg));
      goto error;
    }
    DISPATCH();
  }
  // The NAME opcodes run in class bodies, where f->locals is the namespace.
  TARGET(LOAD_NAME) {
    Object* v = f->locals ? dict_get_str_ref(f->locals, NAME(oparg)) : nullptr;
    if (!v) goto op_LOAD_GLOBAL;
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_NAME) {
    if (!f->locals) goto op_STORE_GLOBAL;
    Object* v = POP();
    mark_shared_hot(v);
    int r = dict_set(f->locals, NAME(oparg), v);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_NAME) {
    if (!f->locals) goto op_DELETE_GLOBAL;
    int r = dict_delete(f->locals, NAME(oparg));
    if (r < 0) goto error;
    if (r == 0) {
      raise_name_error(NAME(oparg));
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_ATTR) {
    Object* owner = TOP();
    Object* v = object_getattr(owner, NAME(oparg));
    decref(owner);
    sp[-1] = v;
    if (!v) {
      sp--;
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_FAST_ATTR) {
    // `local.name`: the local's reference keeps the object alive during the
    // lookup (nothing can rebind a fast local meanwhile), so it is not
    // increfed and decrefed around it. On an object that several threads
    // read, those would be two atomic operations on one contended cache line
    // (design/refcounting.md).
    Object* owner = localsplus[oparg & kFastAttrMask];
    if (!owner) {
      raise_unbound_local(static_cast<Str*>(code->varnames->items[oparg & kFastAttrMask]));
      goto error;
    }
    Object* v = object_getattr(owner, NAME(oparg >> kFastAttrBits));
    if (!v) goto error;
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_ATTR) {
    Object* owner = POP();
    Object* v = POP();
    int r = object_setattr(owner, NAME(oparg), v);
    decref(owner);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_ATTR) {
    Object* owner = POP();
    int r = object_setattr(owner, NAME(oparg), nullptr);
    decref(owner);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(LOAD_METHOD) {
    // Pushes [method, self] when the attribute is a plain method of the type,
    // avoiding a bound-method allocation; otherwise [attribute, NULL].
    Object* owner = TOP();
    Object* meth = method_for_call(owner, NAME(oparg));
    if (meth) {
      sp[-1] = newref(meth);
      PUSH(owner);
      DISPATCH();
    }
    Object* v = object_getattr(owner, NAME(oparg));
    decref(owner);
    if (!v) {
      sp--;
      goto error;
    }
    sp[-1] = v;
    PUSH(nullptr);
    DISPATCH();
  }
  TARGET(BINARY_OP) {
    Object* b = POP();
    Object* a = TOP();
    Object* r = number_binary(a, b, oparg);
    if (!r) {
      auto op = static_cast<BinaryOp>(oparg & 0xff);
      r = (oparg & kInplaceFlag) ? inplace_op(a, b, op) : binary_op(a, b, op);
    }
    decref(a);
    decref(b);
    sp[-1] = r;
    if (!r) {
      sp--;
      goto error;
    }
    DISPATCH();
  }
  TARGET(INPLACE_FAST) {
    // `local op= value`: update the slot directly. An int or float held only
    // by this local is overwritten in place instead of allocating a new one.
    uint32_t slot = oparg & kInplaceFastMaxLocal;
    uint32_t op = oparg >> 16;
    Object* b = POP();
    Object* a = localsplus[slot];
    if (!a) {
      decref(b);
      raise_unbound_local(static_cast<Str*>(code->varnames->items[slot]));
      goto error;
    }
    if (try_update_in_place(a, b, op)) {
      decref(b);
      DISPATCH();
    }
    Object* r = number_binary(a, b, op);
    if (!r) r = inplace_op(a, b, static_cast<BinaryOp>(op));
    decref(b);
    if (!r) goto error;
    localsplus[slot] = r;
    decref(a);
    DISPATCH();
  }
  // Superinstructions (src/compiler/superinstructions.cc): the head load
  // reads both operands borrowed and skips the covered instructions when a
  // number fast path applies; otherwise it is the plain load.
#define FUSED_OPERAND(w) (instr_op(w) == LOAD_CONST ? consts[instr_arg(w)] : localsplus[instr_arg(w)])
#define PLAIN_LOAD_FAST()                                                      \
  do {                                                                         \
    Object* v = localsplus[oparg];                                             \
    if (!v) {                                                                  \
      raise_unbound_local(static_cast<Str*>(code->varnames->items[oparg]));    \
      goto error;                                                              \
    }                                                                          \
    PUSH(newref(v));                                                           \
    DISPATCH();                                                                \
  } while (0)
  TARGET(FAST_BINARY_OP) {
    Object* a = localsplus[oparg];
    Object* b = FUSED_OPERAND(pc[0]);
    if (a && b) {
      if (Object* r = number_binary(a, b, instr_arg(pc[1]))) {
        PUSH(r);
        pc += 2;
        DISPATCH();
      }
    }
    PLAIN_LOAD_FAST();
  }
  TARGET(FAST_COMPARE_OP) {
    Object* a = localsplus[oparg];
    Object* b = FUSED_OPERAND(pc[0]);
    int fast = a && b ? number_compare(a, b, instr_arg(pc[1])) : -1;
    if (fast >= 0) {
      uint32_t next = pc[2];
      Opcode next_op = instr_op(next);
      if (next_op == POP_JUMP_IF_FALSE || next_op == POP_JUMP_IF_TRUE) {
        pc += 3;
        if (fast == (next_op == POP_JUMP_IF_TRUE)) pc = first_instr + instr_arg(next);
      } else {
        PUSH(newref(bool_from(fast)));
        pc += 2;
      }
      DISPATCH();
    }
    PLAIN_LOAD_FAST();
  }
  TARGET(FAST_INPLACE) {
    Object* b = localsplus[oparg];
    if (b && inplace_fast_number(localsplus, pc[0], b)) {
      pc++;
      DISPATCH();
    }
    PLAIN_LOAD_FAST();
  }
  TARGET(CONST_INPLACE) {
    if (inplace_fast_number(localsplus, pc[0], consts[oparg])) {
      pc++;
      DISPATCH();
    }
    PUSH(newref(consts[oparg]));
    DISPATCH();
  }
#undef PLAIN_LOAD_FAST
#undef FUSED_OPERAND
  TARGET(UNARY_NEGATIVE) {
    Object* v = TOP();
    Object* r = unary_negative(v);
    decref(v);
    sp[-1] = r;
    if (!r) { sp--; goto error; }
    DISPATCH();
  }
  TARGET(UNARY_POSITIVE) {
    Object* v = TOP();
    Object* r = unary_positive(v);
    decref(v);
    sp[-1] = r;
    if (!r) { sp--; goto error; }
    DISPATCH();
  }
  TARGET(UNARY_INVERT) {
    Object* v = TOP();
    Object* r = unary_invert(v);
    decref(v);
    sp[-1] = r;
    if (!r) { sp--; goto error; }
    DISPATCH();
  }
  TARGET(UNARY_NOT) {
    Object* v = TOP();
    int t = truth(v);
    decref(v);
    if (t < 0) { sp--; goto error; }
    sp[-1] = newref(bool_from(!t));
    DISPATCH();
  }
  TARGET(COMPARE_OP) {
    Object* b = POP();
    Object* a = TOP();
    int fast = number_compare(a, b, oparg);
    if (fast >= 0) {
      // Fused with a following conditional jump: no bool is materialized.
      uint32_t next = *pc;
      Opcode next_op = instr_op(next);
      if (next_op == POP_JUMP_IF_FALSE || next_op == POP_JUMP_IF_TRUE) {
        decref(a);
        decref(b);
        sp--;
        pc++;
        if (fast == (next_op == POP_JUMP_IF_TRUE)) pc = first_instr + instr_arg(next);
        DISPATCH();
      }
    }
    Object* r = fast >= 0 ? newref(bool_from(fast)) : object_compare(a, b, static_cast<CompareOp>(oparg));
    decref(a);
    decref(b);
    sp[-1] = r;
    if (!r) { sp--; goto error; }
    DISPATCH();
  }
  TARGET(IS_OP) {
    Object* b = POP();
    Object* a = TOP();
    bool r = (a == b) != (oparg == 1);
    decref(a);
    decref(b);
    sp[-1] = newref(bool_from(r));
    DISPATCH();
  }
  TARGET(CONTAINS_OP) {
    Object* container = POP();
    Object* item = TOP();
    int r = object_contains(container, item);
    decref(container);
    decref(item);
    if (r < 0) { sp--; goto error; }
    sp[-1] = newref(bool_from(r != static_cast<int>(oparg)));
    DISPATCH();
  }
  TARGET(BINARY_SUBSCR) {
    Object* key = POP();
    Object* container = TOP();
    if (container->ob_type == &list_type && key->ob_type == &int_type && !static_cast<Int*>(key)->big &&
        static_cast<Int*>(key)->value >= 0) {
      if (Object* item = list_item_ref(static_cast<List*>(container), static_cast<Int*>(key)->value)) {
        decref(container);
        decref(key);
        sp[-1] = item;
        DISPATCH();
      }
    }
    Object* r = object_getitem(container, key);
    decref(container);
    decref(key);
    sp[-1] = r;
    if (!r) { sp--; goto error; }
    DISPATCH();
  }
  TARGET(STORE_SUBSCR) {
    Object* key = POP();
    Object* container = POP();
    Object* v = POP();
    int r = object_setitem(container, key, v);
    decref(key);
    decref(container);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_SUBSCR) {
    Object* key = POP();
    Object* container = POP();
    int r = object_delitem(container, key);
    decref(key);
    decref(container);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(BUILD_SLICE) {
    Object* step = oparg == 3 ? POP() : newref(kNone);
    Object* stop = POP();
    Object* start = POP();
    Object* s = slice_new(start, stop, step);
    decref(start);
    decref(stop);
    decref(step);
    if (!s) goto error;
    PUSH(s);
    DISPATCH();
  }
  TARGET(BUILD_TUPLE) {
    Tuple* t = tuple_new(oparg);
    if (!t) goto error;
    for (uint32_t i = oparg; i > 0; i--) t->items[i - 1] = POP();
    PUSH(t);
    DISPATCH();
  }
  TARGET(BUILD_LIST) {
    List* l = list_new(oparg);
    if (!l) goto error;
    for (uint32_t i = 0; i < oparg; i++) l->array->items[i] = sp[static_cast<int>(i) - static_cast<int>(oparg)];
    l->size = oparg;
    sp -= oparg;
    PUSH(l);
    DISPATCH();
  }
  TARGET(BUILD_SET) {
    Set* s = set_new();
    bool ok = s != nullptr;
    for (uint32_t i = 0; i < oparg; i++) {
      Object* item = sp[static_cast<int>(i) - static_cast<int>(oparg)];
      if (ok && set_add(s, item) < 0) ok = false;
      decref(item);
    }
    sp -= oparg;
    if (!ok) {
      xdecref(s);
      goto error;
    }
    PUSH(s);
    DISPATCH();
  }
  TARGET(BUILD_MAP) {
    Object* d = build_map(sp - 2 * oparg, oparg);
    for (uint32_t i = 0; i < 2 * oparg; i++) decref(POP());
    if (!d) goto error;
    PUSH(d);
    DISPATCH();
  }
  TARGET(BUILD_STRING) {
    Object* s = build_string(sp - oparg, oparg);
    for (uint32_t i = 0; i < oparg; i++) decref(POP());
    if (!s) goto error;
    PUSH(s);
    DISPATCH();
  }
  TARGET(LIST_APPEND) {
    Object* v = POP();
    int r = list_append_steal(static_cast<List*>(sp[-static_cast<int>(oparg)]), v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(SET_ADD) {
    Object* v = POP();
    int r = set_add(static_cast<Set*>(sp[-static_cast<int>(oparg)]), v);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(MAP_ADD) {
    Object* v = POP();
    Object* k = POP();
    int r = dict_set(static_cast<Dict*>(sp[-static_cast<int>(oparg)]), k, v);
    decref(k);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(LIST_EXTEND) {
    Object* v = POP();
    int r = list_extend(static_cast<List*>(sp[-static_cast<int>(oparg)]), v);
    if (r < 0 && error_matches(&TypeError_type) && !v->ob_type->iter && !v->ob_type->getitem) {
      clear_error();
      raise_fmt(&TypeError_type, "Value after * must be an iterable, not %s", type_name(v));
    }
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(SET_UPDATE) {
    Object* v = POP();
    int r = set_update(static_cast<Set*>(sp[-static_cast<int>(oparg)]), v);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DICT_UPDATE) {
    Object* v = POP();
    int r = dict_update(static_cast<Dict*>(sp[-static_cast<int>(oparg)]), v);
    if (r < 0 && !is_dict(v) && error_matches(&TypeError_type)) {
      clear_error();
      raise_fmt(&TypeError_type, "'%s' object is not a mapping", type_name(v));
    }
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DICT_MERGE) {
    Object* v = POP();
    bool ok = dict_merge_kwargs(sp[-static_cast<int>(oparg)], v, sp[-static_cast<int>(oparg) - 3]);
    decref(v);
    if (!ok) goto error;
    DISPATCH();
  }
  TARGET(LIST_TO_TUPLE) {
    List* l = static_cast<List*>(TOP());
    Object* t = list_as_tuple(l);
    decref(l);
    sp[-1] = t;
    if (!t) { sp--; goto error; }
    DISPATCH();
  }
  TARGET(FORMAT_VALUE) {
    Object* spec = (oparg & kFormatHasSpec) ? POP() : nullptr;
    Object* v = TOP();
    Object* r = format_value(v, oparg, spec);
    xdecref(spec);
    decref(v);
    sp[-1] = r;
    if (!r) { sp--; goto error; }
    DISPATCH();
  }
  TARGET(UNPACK_SEQUENCE) {
    Object* seq = POP();
    bool ok = unpack_sequence(seq, oparg, sp);
    decref(seq);
    if (!ok) goto error;
    sp += oparg;
    DISPATCH();
  }
  TARGET(UNPACK_EX) {
    Object* seq = POP();
    int64_t before = oparg & 0xff, after = oparg >> 8;
    bool ok = unpack_ex(seq, before, after, sp);
    decref(seq);
    if (!ok) goto error;
    sp += before + 1 + after;
    DISPATCH();
  }
  TARGET(JUMP) {
    pc = first_instr + oparg;
    DISPATCH();
  }
  TARGET(JUMP_BACKWARD) {
    pc = first_instr + oparg;
    if (ts->eval_breaker.load(std::memory_order_relaxed) && !handle_eval_breaker(ts)) goto error;
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_FALSE) {
    Object* v = POP();
    int t = truth(v);
    decref(v);
    if (t < 0) goto error;
    if (!t) pc = first_instr + oparg;
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_TRUE) {
    Object* v = POP();
    int t = truth(v);
    decref(v);
    if (t < 0) goto error;
    if (t) pc = first_instr + oparg;
    DISPATCH();
  }
  TARGET(JUMP_IF_FALSE_OR_POP) {
    int t = truth(TOP());
    if (t < 0) goto error;
    if (!t) pc = first_instr + oparg;
    else decref(POP());
    DISPATCH();
  }
  TARGET(JUMP_IF_TRUE_OR_POP) {
    int t = truth(TOP());
    if (t < 0) goto error;
    if (t) pc = first_instr + oparg;
    else decref(POP());
    DISPATCH();
  }
  TARGET(GET_ITER) {
    Object* v = TOP();
    Object* it = object_iter(v);
    decref(v);
    sp[-1] = it;
    if (!it) { sp--; goto error; }
    DISPATCH();
  }
  TARGET(FOR_ITER) {
    Object* it = TOP();
    if (it->ob_type == &range_iter_type) {
      Object* next = range_iter_next_inline(it);
      if (next) {
        PUSH(next);
        DISPATCH();
      }
      decref(POP());
      pc = first_instr + oparg;
      DISPATCH();
    }
    Object* next = it->ob_type->iternext(it);
    if (next) {
      PUSH(next);
      DISPATCH();
    }
    if (error_occurred()) {
      if (!error_matches(&StopIteration_type)) goto error;
      clear_error();
    }
    decref(POP());
    pc = first_instr + oparg;
    DISPATCH();
  }
  TARGET(CALL) {
    // Stack: [callable, self_or_null, arg1 .. argN].
    Object** args = sp - oparg;
    size_t total = oparg;
    Object* callable = args[-2];
    if (args[-1]) {
      args--;
      total++;
    } else if (callable->ob_type == &method_type) {
      // Unpack a bound method in place: [func, self, args...].
      Method* m = static_cast<Method*>(callable);
      args[-1] = newref(m->self);
      args[-2] = newref(m->func);
      decref(callable);
      callable = args[-2];
      args--;
      total++;
    }
    if (ts->eval_breaker.load(std::memory_order_relaxed) && !handle_eval_breaker(ts)) goto error;
    f->pc = pc;
    if (callable->ob_type == &function_type) {
      Function* fn = static_cast<Function*>(callable);
      Code* callee = fn->code;
      if (callee->positional_only_call && total == static_cast<size_t>(callee->argcount)) {
        if (ts->recursion_depth >= g_recursion_limit.load(std::memory_order_relaxed)) {
          raise(&RecursionError_type, "maximum recursion depth exceeded");
          goto error;
        }
        Frame* callee_frame = frame_push(ts, callee, nullptr, fn->globals, static_cast<int>(total));
        if (!callee_frame) goto error;
        // The new frame takes over the stack's references to the function
        // and the arguments.
        callee_frame->func = fn;
        for (size_t i = 0; i < total; i++) callee_frame->localsplus[i] = args[i];
        sp -= oparg + 2;
        if (callee->has_cells && !frame_setup_cells(fn, callee_frame)) {
          frame_pop(ts, callee_frame, 0);
          goto error;
        }
        f->stack_pointer = sp;
        callee_frame->previous = f;
        callee_frame->is_entry = false;
        ts->current_frame = callee_frame;
        ts->recursion_depth++;
        f = callee_frame;
        LOAD_FRAME_STATE();
        pc = first_instr;
        sp = stack_base;
        DISPATCH();
      }
    }
    Object* r;
    if (callable->ob_type == &method_descriptor_type && total >= 1 &&
        is_instance(args[0], static_cast<MethodDescriptor*>(callable)->owner)) {
      // obj.method(...) on a builtin type: straight to the C++ function.
      r = static_cast<MethodDescriptor*>(callable)->def->fn(args[0], args + 1, total - 1, nullptr);
    } else if (callable->ob_type == &function_type) {
      r = function_call(callable, args, total, nullptr);
    } else {
      r = object_call(callable, args, total, nullptr);
    }
    Object** base = sp - oparg - 2;
    while (sp > base) xdecref(POP());
    if (!r) goto error;
    PUSH(r);
    DISPATCH();
  }
  TARGET(CALL_KW) {
    Tuple* kwnames = static_cast<Tuple*>(POP());
    int64_t nkw = kwnames->size;
    Object** args = sp - oparg;
    size_t npos = oparg - nkw;
    Object* callable = args[-2];
    if (args[-1]) {
      args--;
      npos++;
    }
    f->pc = pc;
    Object* r = object_call(callable, args, npos, kwnames);
    decref(kwnames);
    Object** base = sp - oparg - 2;
    while (sp > base) xdecref(POP());
    if (!r) goto error;
    PUSH(r);
    DISPATCH();
  }
  TARGET(CALL_EX) {
    Object* kwargs = (oparg & 1) ? POP() : nullptr;
    Object* args = POP();
    POP();  // the NULL self slot
    Object* callable = POP();
    f->pc = pc;
    Object* r = call_function_ex(callable, args, kwargs);
    decref(callable);
    decref(args);
    xdecref(kwargs);
    if (!r) goto error;
    PUSH(r);
    DISPATCH();
  }
  TARGET(MAKE_FUNCTION) {
    Code* fn_code = static_cast<Code*>(POP());
    Function* fn = function_new(fn_code, globals, fn_code->qualname);
    decref(fn_code);
    if (!fn) goto error;
    if (oparg & kFnClosure) fn->closure = static_cast<Tuple*>(POP());
    if (oparg & kFnKwDefaults) fn->kwdefaults = static_cast<Dict*>(POP());
    if (oparg & kFnDefaults) fn->defaults = static_cast<Tuple*>(POP());
    PUSH(fn);
    DISPATCH();
  }
  TARGET(RETURN_VALUE) {
    retval = POP();
    if (f->is_entry) goto exit_frame;
    Frame* caller = f->previous;
    ts->current_frame = caller;
    ts->recursion_depth--;
    frame_pop(ts, f, sp - stack_base);
    f = caller;
    LOAD_FRAME_STATE();
    pc = f->pc;
    sp = f->stack_pointer;
    PUSH(retval);
    DISPATCH();
  }
  TARGET(RAISE) {
    Object* cause = oparg == 2 ? POP() : nullptr;
    Object* exc = oparg >= 1 ? POP() : nullptr;
    do_raise(exc, cause);
    xdecref(exc);
    xdecref(cause);
    goto error;
  }
  TARGET(RERAISE) {
    restore_error(POP());
    skip_traceback = true;
    goto error;
  }
  TARGET(PUSH_EXC_INFO) {
    Object* exc = POP();
    Object* prev = ts->handled_exception;
    PUSH(prev ? prev : newref(kNone));
    PUSH(exc);
    ts->handled_exception = newref(exc);
    DISPATCH();
  }
  TARGET(POP_EXCEPT) {
    Object* prev = POP();
    Object* old = ts->handled_exception;
    ts->handled_exception = prev == kNone ? nullptr : prev;
    if (prev == kNone) decref(prev);
    xdecref(old);
    DISPATCH();
  }
  TARGET(POP_EXCEPT_RERAISE) {
    // Stack: [prev, exc]: restore the previously handled exception, re-raise.
    Object* exc = POP();
    Object* prev = POP();
    Object* old = ts->handled_exception;
    ts->handled_exception = prev == kNone ? nullptr : prev;
    if (prev == kNone) decref(prev);
    xdecref(old);
    restore_error(exc);
    skip_traceback = true;
    goto error;
  }
  TARGET(CHECK_EXC_MATCH) {
    Object* type = POP();
    int r = exception_matches(TOP(), type);
    decref(type);
    if (r < 0) goto error;
    PUSH(newref(bool_from(r)));
    DISPATCH();
  }
  TARGET(BEFORE_WITH) {
    Object* manager = POP();
    Object *exit, *result;
    bool ok = before_with(manager, &exit, &result);
    decref(manager);
    if (!ok) goto error;
    PUSH(exit);
    PUSH(result);
    DISPATCH();
  }
  TARGET(WITH_EXCEPT_START) {
    // Stack: [exit, prev, exc].
    Object* r = call_exit_with_exception(sp[-3], TOP());
    if (!r) goto error;
    PUSH(r);
    DISPATCH();
  }
  TARGET(LOAD_ASSERTION_ERROR) {
    PUSH(newref(reinterpret_cast<Object*>(&AssertionError_type)));
    DISPATCH();
  }
  TARGET(IMPORT_NAME) {
    Object* fromlist = POP();
    Object* level = TOP();
    Object* m = import_name(NAME(oparg), fromlist);
    decref(fromlist);
    decref(level);
    sp[-1] = m;
    if (!m) { sp--; goto error; }
    DISPATCH();
  }
  TARGET(YIELD_VALUE) {
    // Only generator frames yield, and they are always entry frames.
    retval = POP();
    f->pc = pc;
    f->stack_pointer = sp;
    f->yielded = true;
    goto exit_frame;
  }
  TARGET(GET_YIELD_FROM_ITER) {
    Object* v = TOP();
    if (v->ob_type != &generator_type) {
      Object* it = object_iter(v);
      decref(v);
      sp[-1] = it;
      if (!it) { sp--; goto error; }
    }
    DISPATCH();
  }
  TARGET(SEND) {
    // Stack: [iter, value] -> [iter, yielded] or, when the iterator is done,
    // [return value] and a jump.
    Object* v = POP();
    Object* it = TOP();
    bool done = false;
    f->pc = pc;
    Object* r = delegate_send(it, v, &done);
    decref(v);
    if (!r) goto error;
    if (done) {
      decref(it);
      sp[-1] = r;
      pc = first_instr + oparg;
    } else {
      PUSH(r);
    }
    DISPATCH();
  }
  TARGET(LOAD_BUILD_CLASS) {
    Object* bc = dict_get_str(builtins_dict(), FTPY_ID("__build_class__"));
    if (!bc) {
      raise(&NameError_type, "__build_class__ not found");
      goto error;
    }
    PUSH(newref(bc));
    DISPATCH();
  }
  TARGET(IMPORT_FROM) {
    Object* v = import_from(TOP(), NAME(oparg));
    if (!v) goto error;
    PUSH(v);
    DISPATCH();
  }

#if !defined(__GNUC__)
    default:
      raise(&SystemError_type, "unknown opcode");
      goto error;
  }
#endif

error : {
  int64_t index = pc - first_instr - 1;
  if (!ts->current_exception) raise(&SystemError_type, "error return without exception set");
  if (!skip_traceback) exception_add_traceback(ts->current_exception, code, code->line_at(index));
  skip_traceback = false;
  for (const ExceptionTableEntry& e : code->exception_table) {
    if (index >= e.start && index < e.end) {
      Object** target_sp = stack_base + e.depth;
      while (sp > target_sp) xdecref(POP());
      PUSH(fetch_error());
      pc = first_instr + e.handler;
      DISPATCH();
    }
  }
  while (sp > stack_base) xdecref(POP());
  if (!f->is_entry) {
    // Unwind into the calling frame, which records its own traceback entry.
    Frame* caller = f->previous;
    ts->current_frame = caller;
    ts->recursion_depth--;
    frame_pop(ts, f, 0);
    f = caller;
    LOAD_FRAME_STATE();
    pc = f->pc;
    sp = f->stack_pointer;
    goto error;
  }
  retval = nullptr;
}

exit_frame:
  // A frame that returned or raised has an empty stack; only a yield keeps values.
  if (!f->yielded) f->stack_pointer = stack_base;
  ts->current_frame = f->previous;
  ts->recursion_depth--;
  return retval;
}

Object* eval_module_code(Code* code, Dict* globals) {
  ThreadState* ts = current_thread();
  Frame* f = frame_push(ts, code, nullptr, globals);
  if (!f) return nullptr;
  Object* r = eval_frame(ts, f);
  frame_pop(ts, f, 0);
  return r;
}

}  // namespace ftpy

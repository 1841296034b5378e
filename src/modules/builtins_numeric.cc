// Numeric and reducing builtins: abs, divmod, pow, round, hex/oct/bin,
// chr/ord, min/max, sum.
#include <cmath>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/complex.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

Object* b_abs(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("abs", nargs, 1, 1)) return nullptr;
  if (UnaryFn f = args[0]->ob_type->number.abs) return f(args[0]);
  return raise_fmt(&TypeError_type, "bad operand type for abs(): '%s'", type_name(args[0]));
}

Object* b_divmod(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("divmod", nargs, 2, 2)) return nullptr;
  // CPython's binary_op1 for nb_divmod: the left operand's slot, then the
  // right's when it is another function (a class's slot answers both
  // __divmod__ and __rdivmod__, slot_binary).
  BinaryFn left = args[0]->ob_type->number.divmod;
  BinaryFn right = args[1]->ob_type->number.divmod;
  for (BinaryFn f : {left, right == left ? nullptr : right}) {
    if (f) {
      Object* r = f(args[0], args[1]);
      if (r != kNotImplemented) return r;
      decref(r);
    }
  }
  return raise_fmt(&TypeError_type, "unsupported operand type(s) for divmod(): '%s' and '%s'", type_name(args[0]),
                   type_name(args[1]));
}

Object* b_pow(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("pow", args, nargs, kwnames, {"base", "exp", "mod"}, 2, slots)) return nullptr;
  if (!slots[2] || slots[2] == kNone) return binary_op(slots[0], slots[1], BinaryOp::kPow);
  // Three-argument pow asks the base's own __pow__(exp, mod) and never
  // __rpow__ (CPython's slot_nb_power), so Decimal and int subclasses that
  // define it are honoured.
  if (is_heap_type(slots[0]->ob_type) && overrides_attr(slots[0]->ob_type, &int_type, FTPY_ID("__pow__"))) {
    bool found;
    Object* r = call_special(slots[0], FTPY_ID("__pow__"), slots + 1, 2, &found);
    if (found && r != kNotImplemented) return r;
    xdecref(r);
  }
  if (!is_int(slots[0]) || !is_int(slots[1]) || !is_int(slots[2])) {
    bool numeric = true, complex = false;
    for (Object* o : slots) {
      numeric = numeric && (is_int(o) || is_float(o) || is_complex(o));
      complex = complex || is_complex(o);
    }
    if (!numeric) {
      return raise_fmt(&TypeError_type, "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                       type_name(slots[0]), type_name(slots[1]), type_name(slots[2]));
    }
    if (complex) return raise(&ValueError_type, "complex modulo");
    return raise(&TypeError_type, "pow() 3rd argument not allowed unless all arguments are integers");
  }
  if (int_sign(slots[2]) == 0) return raise(&ValueError_type, "pow() 3rd argument cannot be 0");
  mpz_t b, e, m, r;
  mpz_inits(b, e, m, r, nullptr);
  int_to_mpz(slots[0], b);
  int_to_mpz(slots[1], e);
  int_to_mpz(slots[2], m);
  Object* result = nullptr;
  bool negative_mod = mpz_sgn(m) < 0;
  mpz_abs(m, m);
  if (mpz_sgn(e) < 0) {
    if (!mpz_invert(b, b, m)) {
      raise(&ValueError_type, "base is not invertible for the given modulus");
      mpz_clears(b, e, m, r, nullptr);
      return nullptr;
    }
    mpz_neg(e, e);
  }
  mpz_powm(r, b, e, m);
  if (negative_mod && mpz_sgn(r) != 0) mpz_sub(r, r, m);
  result = int_from_mpz(r);
  mpz_clears(b, e, m, r, nullptr);
  return result;
}

// round(x[, ndigits]): type(x).__round__, with the exact int and float
// formats handled without the lookup.
Object* b_round(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("round", args, nargs, kwnames, {"number", "ndigits"}, 1, slots)) return nullptr;
  Object* x = slots[0];
  if (x->ob_type == &float_type) return float_round(static_cast<Float*>(x)->value, slots[1]);
  if (x->ob_type == &int_type || x->ob_type == &bool_type) return int_round(x, slots[1]);
  Object* hook = type_lookup(x->ob_type, FTPY_ID("__round__"));
  if (!hook) return raise_fmt(&TypeError_type, "type %s doesn't define __round__ method", type_name(x));
  Ref<> bound(descriptor_get(hook, x, x->ob_type));
  if (!bound) return nullptr;
  Object* nd = slots[1] && slots[1] != kNone ? slots[1] : nullptr;
  return object_call(bound.get(), &nd, nd ? 1 : 0, nullptr);
}

Object* int_to_prefixed(Object* o, int base, const char* prefix) {
  int64_t unused;
  if (!is_int(o)) {
    if (!index_as_i64(o, &unused)) return nullptr;
  }
  std::string digits = int_to_string(o, base);
  bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  return str_new(std::string(negative ? "-" : "") + prefix + digits);
}

Object* b_hex(Object*, Args a, size_t n, Tuple*) { return check_nargs("hex", n, 1, 1) ? int_to_prefixed(a[0], 16, "0x") : nullptr; }
Object* b_oct(Object*, Args a, size_t n, Tuple*) { return check_nargs("oct", n, 1, 1) ? int_to_prefixed(a[0], 8, "0o") : nullptr; }
Object* b_bin(Object*, Args a, size_t n, Tuple*) { return check_nargs("bin", n, 1, 1) ? int_to_prefixed(a[0], 2, "0b") : nullptr; }

Object* b_chr(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("chr", nargs, 1, 1)) return nullptr;
  if (!is_int(args[0])) return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(args[0]));
  int64_t cp;
  if (!int_as_i64(args[0], &cp) || cp > INT32_MAX || cp < INT32_MIN) {
    clear_error();
    return raise(&OverflowError_type, "Python int too large to convert to C int");
  }
  if (cp < 0 || cp > 0x10FFFF) return raise(&ValueError_type, "chr() arg not in range(0x110000)");
  return str_from_codepoint(static_cast<uint32_t>(cp));
}

Object* b_ord(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("ord", nargs, 1, 1)) return nullptr;
  if (is_bytes(args[0]) || is_bytearray(args[0])) {  // a bytes or bytearray of one byte: its value
    int64_t size;
    int value = 0;
    if (is_bytes(args[0])) {
      std::string_view v = bytes_view(args[0]);
      size = static_cast<int64_t>(v.size());
      if (size == 1) value = static_cast<unsigned char>(v[0]);
    } else {
      auto* b = static_cast<ByteArray*>(args[0]);
      ScopedCriticalSection cs(b);
      size = b->size;
      if (size == 1) value = static_cast<unsigned char>(b->data[0]);
    }
    if (size != 1) return raise_fmt(&TypeError_type, "ord() expected a character, but string of length %d found", size);
    return int_from_i64(value);
  }
  if (!is_str(args[0])) return raise_fmt(&TypeError_type, "ord() expected string of length 1, but %s found", type_name(args[0]));
  Str* s = static_cast<Str*>(args[0]);
  if (s->length != 1) return raise_fmt(&TypeError_type, "ord() expected a character, but string of length %d found", s->length);
  size_t pos = 0;
  return int_from_i64(decode_utf8(str_view(s), &pos));
}

Object* min_max(Args args, size_t nargs, Tuple* kwnames, bool is_max) {
  const char* name = is_max ? "max" : "min";
  Object *key = nullptr, *dflt = nullptr;
  if (kwnames) {
    for (int64_t k = 0; k < kwnames->size; k++) {
      std::string_view kw = str_view(kwnames->items[k]);
      if (kw == "key") key = args[nargs + k];
      else if (kw == "default") dflt = args[nargs + k];
      else return raise_fmt(&TypeError_type, "'%s' is an invalid keyword argument for %s()", kw, name);
    }
  }
  if (key == kNone) key = nullptr;
  if (nargs == 0) return raise_fmt(&TypeError_type, "%s expected at least 1 argument, got 0", name);
  std::vector<Ref<>> items;
  if (nargs == 1) {
    if (!collect_iterable(args[0], &items)) return nullptr;
  } else {
    if (dflt) return raise_fmt(&TypeError_type, "Cannot specify a default for %s() with multiple positional arguments", name);
    for (size_t i = 0; i < nargs; i++) items.push_back(Ref<>::borrow(args[i]));
  }
  if (items.empty()) {
    if (dflt) return newref(dflt);
    return raise_fmt(&ValueError_type, "%s() arg is an empty sequence", name);
  }
  Ref<> best = items[0];
  Ref<> best_key = key ? Ref<>(call1(key, best.get())) : best;
  if (!best_key) return nullptr;
  for (size_t i = 1; i < items.size(); i++) {
    Ref<> k = key ? Ref<>(call1(key, items[i].get())) : items[i];
    if (!k) return nullptr;
    int better = object_compare_bool(k.get(), best_key.get(), is_max ? CompareOp::kGt : CompareOp::kLt);
    if (better < 0) return nullptr;
    if (better) {
      best = items[i];
      best_key = k;
    }
  }
  return best.release();
}

Object* b_max(Object*, Args a, size_t n, Tuple* kw) { return min_max(a, n, kw, true); }
Object* b_min(Object*, Args a, size_t n, Tuple* kw) { return min_max(a, n, kw, false); }

Object* b_sum(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("sum", args, nargs, kwnames, {"iterable", "start"}, 1, slots)) return nullptr;
  Object* start = slots[1];
  if (start && is_str(start)) return raise(&TypeError_type, "sum() can't sum strings [use ''.join(seq) instead]");
  Ref<> acc(start ? newref(start) : int_from_i64(0));
  Ref<> it(object_iter(slots[0]));
  if (!it) return nullptr;
  while (Object* x = iter_next(it.get())) {
    Ref<> item(x);
    acc = Ref<>(binary_op(acc.get(), item.get(), BinaryOp::kAdd));
    if (!acc) return nullptr;
  }
  if (error_occurred()) return nullptr;
  return acc.release();
}

}  // namespace

const MethodDef kNumericBuiltins[] = {
    {"abs", b_abs}, {"divmod", b_divmod}, {"pow", b_pow}, {"round", b_round},
    {"hex", b_hex}, {"oct", b_oct}, {"bin", b_bin}, {"chr", b_chr}, {"ord", b_ord},
    {"max", b_max}, {"min", b_min}, {"sum", b_sum},
    {nullptr, nullptr},
};

}  // namespace ftpy

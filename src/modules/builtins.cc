// The builtins module: functions on objects, attributes, iteration and I/O,
// plus the registration of every builtin name. Numeric and reducing builtins
// are in builtins_numeric.cc.
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/complex.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/generic_alias.h"
#include "ftpy/frame.h"
#include "ftpy/function.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/memoryview.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/set.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "module_init.h"
#include "../objects/type_init.h"

namespace ftpy {


namespace {

using Args = Object* const*;

Object* b_print(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object *sep = nullptr, *end = nullptr, *file = nullptr, *flush = nullptr;
  if (kwnames) {
    for (int64_t k = 0; k < kwnames->size; k++) {
      std::string_view name = str_view(kwnames->items[k]);
      Object* v = args[nargs + k];
      if (name == "sep") sep = v;
      else if (name == "end") end = v;
      else if (name == "file") file = v;
      else if (name == "flush") flush = v;
      else return raise_fmt(&TypeError_type, "'%s' is an invalid keyword argument for print()", name);
    }
  }
  for (Object* s : {sep, end}) {
    if (s && s != kNone && !is_str(s)) {
      return raise_fmt(&TypeError_type, "%s must be None or a string, not %s", s == sep ? "sep" : "end", type_name(s));
    }
  }
  std::string out;
  for (size_t i = 0; i < nargs; i++) {
    if (i) out += sep && sep != kNone ? str_view(sep) : " ";
    std::string piece;
    if (!str_string(args[i], &piece)) return nullptr;
    out += piece;
  }
  out += end && end != kNone ? str_view(end) : "\n";
  Ref<> stdout_ref = file && file != kNone ? Ref<>::borrow(file) : sys_stdout();
  Object* stream = stdout_ref.get();
  if (!stream_write(stream, out)) return nullptr;
  if (flush && object_is_true(flush) > 0) {
    Ref<> r(call_method(stream, "flush", nullptr, 0));
    if (!r) return nullptr;
  }
  return newref(kNone);
}

Object* b_len(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("len", nargs, 1, 1)) return nullptr;
  int64_t n = object_len(args[0]);
  return n < 0 ? nullptr : int_from_i64(n);
}

Object* b_repr(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("repr", nargs, 1, 1)) return nullptr;
  return object_repr(args[0]);
}

}  // namespace

Object* object_ascii(Object* o) {
  Ref<> r(object_repr(o));
  if (!r) return nullptr;
  std::string out;
  std::string_view s = str_view(r.get());
  size_t pos = 0;
  while (pos < s.size()) {
    uint32_t cp = decode_utf8(s, &pos);
    char buf[16];
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
    else if (cp < 0x100) { std::snprintf(buf, sizeof buf, "\\x%02x", cp); out += buf; }
    else if (cp < 0x10000) { std::snprintf(buf, sizeof buf, "\\u%04x", cp); out += buf; }
    else { std::snprintf(buf, sizeof buf, "\\U%08x", cp); out += buf; }
  }
  return str_new(out);
}

namespace {

Object* b_ascii(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("ascii", nargs, 1, 1)) return nullptr;
  return object_ascii(args[0]);
}

Object* b_hash(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("hash", nargs, 1, 1)) return nullptr;
  int64_t h = object_hash(args[0]);
  return h == -1 ? nullptr : int_from_i64(h);
}

Object* b_id(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("id", nargs, 1, 1)) return nullptr;
  return int_from_i64(static_cast<int64_t>(reinterpret_cast<uintptr_t>(args[0])));
}

bool type_check_arg(Object* cls, const char* fname) {
  if (has_flag(cls, kTypeTypeSubclass) || is_union(cls)) return true;
  if (cls->ob_type == &generic_alias_type) {
    raise_fmt(&TypeError_type, "%s() argument 2 cannot be a parameterized generic", fname);
    return false;
  }
  if (is_tuple(cls)) {
    Tuple* t = static_cast<Tuple*>(cls);
    for (int64_t i = 0; i < t->size; i++) if (!type_check_arg(t->items[i], fname)) return false;
    return true;
  }
  raise_fmt(&TypeError_type, "%s() arg 2 must be a type, a tuple of types, or a union", fname);
  return false;
}

int instance_check(Object* o, Object* cls, bool subclass) {
  if (is_tuple(cls)) {
    Tuple* t = static_cast<Tuple*>(cls);
    for (int64_t i = 0; i < t->size; i++) {
      if (int r = instance_check(o, t->items[i], subclass)) return r;
    }
    return 0;
  }
  if (is_union(cls)) return union_instance_check(o, cls, subclass);
  Type* t = static_cast<Type*>(cls);
  // A user metaclass may define __instancecheck__ / __subclasscheck__ (as
  // abc.ABCMeta does). An exact type match needs no hook, as in CPython.
  if (is_heap_type(cls->ob_type) && !(!subclass && o->ob_type == t)) {
    Str* hook_name = subclass ? FTPY_ID("__subclasscheck__") : FTPY_ID("__instancecheck__");
    if (user_defines(cls->ob_type, hook_name)) {
      Ref<> hook(descriptor_get(type_lookup(cls->ob_type, hook_name), cls, cls->ob_type));
      Ref<> r(hook ? call1(hook.get(), o) : nullptr);
      return r ? object_is_true(r.get()) : -1;
    }
  }
  if (subclass) return is_subtype(static_cast<Type*>(o), t);
  if (is_instance(o, t)) return 1;
  // An object whose class says it is something else (a proxy, a mock with a
  // spec: `__class__` as a property, or a custom __getattribute__) is an
  // instance of what `o.__class__` names (CPython's object_isinstance).
  // Only classes that override one of the two can answer differently.
  // (object's own __class__ is answered by the attribute lookup, not found
  // in a class dict, as in instance.cc's generic_getattr.)
  Type* ot = o->ob_type;
  if (!is_heap_type(ot) || (!type_lookup(ot, FTPY_ID("__class__")) &&
                            !static_cast<HeapType*>(ot)->user_getattribute.load(std::memory_order_relaxed))) {
    return 0;
  }
  Ref<> icls(object_getattr(o, FTPY_ID("__class__")));
  if (!icls) {
    if (!error_matches(&AttributeError_type)) return -1;
    clear_error();
    return 0;
  }
  if (icls.get() == ot || !has_flag(icls.get(), kTypeTypeSubclass)) return 0;
  return is_subtype(static_cast<Type*>(icls.get()), t);
}

Object* b_isinstance(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("isinstance", nargs, 2, 2) || !type_check_arg(args[1], "isinstance")) return nullptr;
  int r = instance_check(args[0], args[1], false);
  return r < 0 ? nullptr : newref(bool_from(r));
}

Object* b_issubclass(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("issubclass", nargs, 2, 2)) return nullptr;
  if (!has_flag(args[0], kTypeTypeSubclass)) return raise(&TypeError_type, "issubclass() arg 1 must be a class");
  if (!type_check_arg(args[1], "issubclass")) return nullptr;
  int r = instance_check(args[0], args[1], true);
  return r < 0 ? nullptr : newref(bool_from(r));
}

Object* b_iter(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("iter", nargs, 1, 2)) return nullptr;
  if (nargs == 1) return object_iter(args[0]);
  if (!args[0]->ob_type->call) return raise(&TypeError_type, "iter(v, w): v must be callable");
  return callable_iterator_new(args[0], args[1]);
}

Object* b_next(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("next", nargs, 1, 2)) return nullptr;
  if (!args[0]->ob_type->iternext) {
    return raise_fmt(&TypeError_type, "'%s' object is not an iterator", type_name(args[0]));
  }
  Object* v = args[0]->ob_type->iternext(args[0]);
  if (v) return v;
  if (error_occurred()) {
    if (nargs == 2 && error_matches(&StopIteration_type)) {
      clear_error();
      return newref(args[1]);
    }
    return nullptr;
  }
  if (nargs == 2) return newref(args[1]);
  raise_object(exception_new(&StopIteration_type, tuple_empty()));
  return nullptr;
}

Object* b_getattr(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("getattr", nargs, 2, 3)) return nullptr;
  if (!is_str(args[1])) return raise(&TypeError_type, "attribute name must be string");
  Str* name = str_intern(str_view(args[1]));
  Object* v = object_getattr(args[0], name);
  if (!v && nargs == 3 && error_matches(&AttributeError_type)) {
    clear_error();
    return newref(args[2]);
  }
  if (!v) set_attribute_error_context(args[0], name);
  return v;
}

Object* b_setattr(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("setattr", nargs, 3, 3)) return nullptr;
  if (!is_str(args[1])) return raise(&TypeError_type, "attribute name must be string");
  if (object_setattr(args[0], str_intern(str_view(args[1])), args[2]) < 0) return nullptr;
  return newref(kNone);
}

Object* b_delattr(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("delattr", nargs, 2, 2)) return nullptr;
  if (!is_str(args[1])) return raise(&TypeError_type, "attribute name must be string");
  if (object_setattr(args[0], str_intern(str_view(args[1])), nullptr) < 0) return nullptr;
  return newref(kNone);
}

Object* b_hasattr(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("hasattr", nargs, 2, 2)) return nullptr;
  if (!is_str(args[1])) return raise(&TypeError_type, "attribute name must be string");
  Object* v = object_getattr(args[0], str_intern(str_view(args[1])));
  if (v) {
    decref(v);
    return newref(kTrue);
  }
  if (!error_matches(&AttributeError_type)) return nullptr;
  clear_error();
  return newref(kFalse);
}

Object* b_callable(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("callable", nargs, 1, 1)) return nullptr;
  return newref(bool_from(args[0]->ob_type->call != nullptr));
}

Object* b_format(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("format", nargs, 1, 2)) return nullptr;
  if (nargs == 2 && !is_str(args[1])) {
    return raise_fmt(&TypeError_type, "format() argument 2 must be str, not %s", type_name(args[1]));
  }
  return format_with_spec(args[0], nargs == 2 ? str_view(args[1]) : std::string_view());
}

Object* b_globals(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("globals", nargs, 0, 0)) return nullptr;
  Frame* f = current_thread()->current_frame;
  return newref(f ? static_cast<Object*>(f->globals) : kNone);
}

Object* b_sorted(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs != 1) return raise_fmt(&TypeError_type, "sorted expected 1 argument, got %d", nargs);
  Object* slots[3] = {nullptr, nullptr, nullptr};
  // Unknown keywords are reported for sort(), which CPython's sorted() hands them to.
  if (!parse_args_posonly("sort", args, nargs, kwnames, 1, {"iterable", "key", "reverse"}, 1, slots)) return nullptr;
  Ref<List> l(list_new());
  if (!l || list_extend(l.get(), slots[0]) < 0) return nullptr;
  bool reverse = false;
  if (slots[2]) {
    int t = object_is_true(slots[2]);
    if (t < 0) return nullptr;
    reverse = t;
  }
  Ref<> r(list_sort(l.get(), slots[1] == kNone ? nullptr : slots[1], reverse));
  if (!r) return nullptr;
  return l.release();
}

Object* truth_reduce(Args args, size_t nargs, const char* name, bool want) {
  if (!check_nargs(name, nargs, 1, 1)) return nullptr;
  Ref<> it(object_iter(args[0]));
  if (!it) return nullptr;
  while (Object* x = iter_next(it.get())) {
    int t = object_is_true(x);
    decref(x);
    if (t < 0) return nullptr;
    if (t == want) return newref(bool_from(want));
  }
  if (error_occurred()) return nullptr;
  return newref(bool_from(!want));
}

Object* b_any(Object*, Args a, size_t n, Tuple*) { return truth_reduce(a, n, "any", true); }
Object* b_all(Object*, Args a, size_t n, Tuple*) { return truth_reduce(a, n, "all", false); }

// input(prompt): the prompt to sys.stdout, then a line from sys.stdin
// (CPython's builtin_input_impl when the streams are not both terminals).
Object* b_input(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("input", nargs, 0, 1)) return nullptr;
  Ref<> in = sys_attribute("stdin");
  if (!in || in.get() == kNone) return raise(&RuntimeError_type, "input(): lost sys.stdin");
  Ref<> out = sys_stdout();
  if (!out || out.get() == kNone) return raise(&RuntimeError_type, "input(): lost sys.stdout");
  if (nargs == 1) {
    Ref<> prompt(object_str(args[0]));
    if (!prompt || !stream_write(out.get(), str_view(prompt.get()))) return nullptr;
  }
  Ref<> flushed(call_method(out.get(), "flush", nullptr, 0));
  if (!flushed) return nullptr;
  Ref<> line(call_method(in.get(), "readline", nullptr, 0));
  if (!line) return nullptr;
  if (!is_str(line.get())) return raise(&TypeError_type, "object.readline() returned non-string");
  std::string_view s = str_view(line.get());
  if (s.empty()) return raise(&EOFError_type, "EOF when reading a line");
  if (s.back() == '\n') s.remove_suffix(1);
  return str_new(s);
}

// __import__(name, globals=None, locals=None, fromlist=(), level=0).
Object* b_import(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[5] = {nullptr, nullptr, nullptr, nullptr, nullptr};
  if (!parse_args("__import__", args, nargs, kwnames, {"name", "globals", "locals", "fromlist", "level"}, 1, slots)) {
    return nullptr;
  }
  if (!is_str(slots[0])) return raise_fmt(&TypeError_type, "module name must be str, not %s", type_name(slots[0]));
  int64_t level = 0;
  if (slots[4] && !int_as_i64(slots[4], &level)) return nullptr;
  Dict* globals = slots[1] && is_dict(slots[1]) ? static_cast<Dict*>(slots[1]) : nullptr;
  return import_module_level(static_cast<Str*>(slots[0]), globals, slots[3], level);
}

const MethodDef kBuiltins[] = {
    {"print", b_print}, {"len", b_len}, {"repr", b_repr}, {"ascii", b_ascii}, {"hash", b_hash},
    {"id", b_id}, {"isinstance", b_isinstance}, {"issubclass", b_issubclass}, {"iter", b_iter},
    {"next", b_next}, {"getattr", b_getattr}, {"setattr", b_setattr}, {"delattr", b_delattr},
    {"hasattr", b_hasattr}, {"callable", b_callable}, {"format", b_format}, {"globals", b_globals},
    {"sorted", b_sorted}, {"any", b_any}, {"all", b_all}, {"input", b_input},
    {"__import__", b_import}, {nullptr, nullptr},
};

}  // namespace

void init_builtins_module() {
  Module* m = module_new("builtins");
  Dict* d = m->dict;
  set_builtins_dict(d);
  add_functions(d, m, kBuiltins);
  add_functions(d, m, kNumericBuiltins);
  add_functions(d, m, kIntrospectionBuiltins);
  add_functions(d, m, kEvalBuiltins);
  add_functions(d, m, kAsyncIterationBuiltins);
  Type* types[] = {&int_type, &bool_type, &float_type, &str_type, &list_type, &tuple_type,
                   &dict_type, &set_type, &frozenset_type, &range_type, &slice_type, &type_type,
                   &object_type, &enumerate_type, &zip_type, &map_type, &filter_type, &reversed_type,
                   &bytes_type, &bytearray_type, &complex_type, &memoryview_type};
  for (Type* t : types) dict_set(d, str_intern(t->name), t);
  register_exception_builtins(d);
  dict_set_str(d, "None", kNone);
  dict_set_str(d, "True", kTrue);
  dict_set_str(d, "False", kFalse);
  dict_set_str(d, "NotImplemented", kNotImplemented);
  dict_set_str(d, "Ellipsis", kEllipsis);
  dict_set_str(d, "__debug__", kTrue);
  register_module(m);
  make_immortal(m);
}

}  // namespace ftpy

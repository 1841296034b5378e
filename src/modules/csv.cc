// _csv (CPython 3.11's Modules/_csv.c, written anew): the module, the
// Dialect type, the dialect registry and field_size_limit here; reader and
// writer objects in csv_reader.cc and csv_writer.cc (csv_internal.h). Under
// CPython's own csv.py (DictReader, Sniffer and the excel dialects are
// Python there).
//
// Thread-safety: a Dialect never changes after construction, so any thread
// reads it without a lock. A reader keeps its parser state (the field being
// built, the record's fields, line_num) in the object and steps it under
// the reader's critical section, so threads sharing one reader get each
// record once, whole (CPython 3.13t's Reader_iternext does the same); the
// input iterator is called inside that section, which a blocking read
// suspends (critical_section.h). A writer builds each line in a local
// buffer and calls `write` once per row, so it needs no lock. The registry
// is an ordinary dict (its own lock); the field limit an atomic.
#include <atomic>
#include <mutex>
#include <string>
#include <string_view>

#include "ftpy/class.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "csv_internal.h"
#include "module_init.h"

namespace ftpy::csv {

Type dialect_type, reader_type, writer_type;
Type* g_error = nullptr;
std::atomic<int64_t> g_field_limit{128 * 1024};

Object* csv_error(const std::string& message) { return raise(g_error, message.c_str()); }

namespace {

Dict* g_dialects = nullptr;  // the registry (module attribute _dialects)

Dialect* as_dialect(Object* o) { return static_cast<Dialect*>(o); }

Object* char_object(uint32_t c) { return c == kNotSet ? newref(kNone) : str_from_codepoint(c); }

// ---- Dialect(dialect=None, **params) ----

constexpr const char* kDialectParams[] = {"dialect",   "delimiter", "doublequote",      "escapechar", "lineterminator",
                                          "quotechar", "quoting",   "skipinitialspace", "strict"};
constexpr size_t kNumParams = sizeof kDialectParams / sizeof kDialectParams[0];

// The one code point of a 1-character str; false with CPython's TypeError.
bool one_char(const char* name, Object* src, bool none_ok, uint32_t* out) {
  if (none_ok && src == kNone) {
    *out = kNotSet;
    return true;
  }
  if (!is_str(src)) {
    if (none_ok) raise_fmt(&TypeError_type, "\"%s\" must be string or None, not %s", name, type_name(src));
    else raise_fmt(&TypeError_type, "\"%s\" must be string, not %s", name, type_name(src));
    return false;
  }
  std::string_view s = str_view(src);
  size_t pos = 0;
  uint32_t c = s.empty() ? 0 : decode_utf8(s, &pos);
  if (s.empty() || pos != s.size()) {
    raise_fmt(&TypeError_type, "\"%s\" must be a 1-character string", name);
    return false;
  }
  *out = c;
  return true;
}

bool truth_of(Object* src, bool dflt, bool* out) {
  if (!src) {
    *out = dflt;
    return true;
  }
  int t = object_is_true(src);
  if (t < 0) return false;
  *out = t;
  return true;
}

Dialect* dialect_from(Type* type, Object* const* params) {
  Object* delimiter = params[1];
  Object* quotechar = params[5];
  Object* quoting = params[6];
  Object* lineterminator = params[4];
  Ref<Dialect> d(alloc_object<Dialect>(type));
  if (!d) return nullptr;
  d->lineterminator = nullptr;
  if (!one_char("delimiter", delimiter ? delimiter : FTPY_ID(","), false, &d->delimiter)) return nullptr;
  if (!truth_of(params[2], true, &d->doublequote)) return nullptr;
  d->escapechar = kNotSet;
  if (params[3] && !one_char("escapechar", params[3], true, &d->escapechar)) return nullptr;
  if (lineterminator && lineterminator != kNone && !is_str(lineterminator)) {
    raise(&TypeError_type, "\"lineterminator\" must be a string");
    return nullptr;
  }
  d->quotechar = '"';
  if (quotechar && !one_char("quotechar", quotechar, true, &d->quotechar)) return nullptr;
  d->quoting = kQuoteMinimal;
  if (quoting) {
    if (quoting->ob_type != &int_type) {
      raise(&TypeError_type, "\"quoting\" must be an integer");
      return nullptr;
    }
    int64_t q;
    if (!int_as_i64(quoting, &q)) return nullptr;
    if (q < kQuoteMinimal || q > kQuoteNone) {
      raise(&TypeError_type, "bad \"quoting\" value");
      return nullptr;
    }
    d->quoting = static_cast<int>(q);
  }
  if (!truth_of(params[7], false, &d->skipinitialspace)) return nullptr;
  if (!truth_of(params[8], false, &d->strict)) return nullptr;
  if (quotechar == kNone && !quoting) d->quoting = kQuoteNone;
  if (d->quoting != kQuoteNone && d->quotechar == kNotSet) {
    raise(&TypeError_type, "quotechar must be set if quoting enabled");
    return nullptr;
  }
  if (lineterminator == kNone) {
    raise(&TypeError_type, "lineterminator must be set");
    return nullptr;
  }
  d->lineterminator = static_cast<Str*>(lineterminator ? newref(lineterminator) : str_new("\r\n"));
  return d.release();
}

Object* registry_lookup(Object* name) {
  Object* d = dict_get_ref(g_dialects, name);
  if (!d && !error_occurred()) csv_error("unknown dialect");
  return d;
}

// CPython's dialect_new: `dialect` (a registered name, a Dialect, or any
// object whose attributes give the parameters), then the keywords.
Object* make_dialect(Type* type, Object* dialect, Object** params) {
  Ref<> base;
  if (dialect) {
    base = Ref<>(is_str(dialect) ? registry_lookup(dialect) : newref(dialect));
    if (!base) return nullptr;
    bool no_params = true;
    for (size_t i = 1; i < kNumParams; i++) no_params = no_params && !params[i];
    if (base->ob_type == &dialect_type && no_params) return base.release();
  }
  Ref<> owned[kNumParams];
  if (base) {
    for (size_t i = 1; i < kNumParams; i++) {
      if (params[i]) continue;
      Ref<Str> name(str_intern(kDialectParams[i]));
      owned[i] = Ref<>(object_getattr(base.get(), name.get()));
      params[i] = owned[i].get();
    }
    clear_error();  // a missing attribute keeps its default
  }
  return dialect_from(type, params);
}

// Dialect's parameters from `npos` positional values (the first ones of
// kDialectParams) and the keyword arguments, whose values follow them in
// `kw` (PyArg_ParseTupleAndKeywords without a function name).
bool collect_params(Args positional, size_t npos, Args kw, Tuple* kwnames, Object** params) {
  if (npos > kNumParams) {
    raise_fmt(&TypeError_type, "function takes at most %d arguments (%d given)", kNumParams, npos);
    return false;
  }
  for (size_t i = 0; i < kNumParams; i++) params[i] = i < npos ? positional[i] : nullptr;
  if (!kwnames) return true;
  for (int64_t k = 0; k < kwnames->size; k++) {
    std::string_view name = str_view(kwnames->items[k]);
    size_t i = 0;
    while (i < kNumParams && name != kDialectParams[i]) i++;
    if (i == kNumParams) {
      raise_fmt(&TypeError_type, "'%s' is an invalid keyword argument for this function", name);
      return false;
    }
    if (i < npos) {
      raise_fmt(&TypeError_type, "argument for function given by name ('%s') and position (%d)", name, i + 1);
      return false;
    }
    params[i] = kw[k];
  }
  return true;
}

Object* dialect_construct(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  Object* params[kNumParams];
  if (!collect_params(args, nargs, args + nargs, kwnames, params)) return nullptr;
  return make_dialect(type, params[0], params);
}

void dialect_dealloc(Object* o) {
  xdecref(as_dialect(o)->lineterminator);
  free_object(o);
}

Object* dialect_getattr(Object* o, Str* name) {
  Dialect* d = as_dialect(o);
  std::string_view n = str_view(name);
  if (n == "delimiter") return str_from_codepoint(d->delimiter);
  if (n == "quotechar") return char_object(d->quotechar);
  if (n == "escapechar") return char_object(d->escapechar);
  if (n == "lineterminator") return newref(d->lineterminator);
  if (n == "doublequote") return newref(bool_from(d->doublequote));
  if (n == "skipinitialspace") return newref(bool_from(d->skipinitialspace));
  if (n == "strict") return newref(bool_from(d->strict));
  if (n == "quoting") return int_from_i64(d->quoting);
  return generic_getattr(o, name);
}

// The parameters are read-only: CPython's getsets and members say so
// differently.
int dialect_setattr(Object* o, Str* name, Object* value) {
  std::string_view n = str_view(name);
  if (n == "doublequote" || n == "skipinitialspace" || n == "strict") {
    raise(&AttributeError_type, "readonly attribute");
    return -1;
  }
  for (size_t i = 1; i < kNumParams; i++) {
    if (n == kDialectParams[i]) {
      raise_fmt(&AttributeError_type, "attribute '%s' of '_csv.Dialect' objects is not writable", n);
      return -1;
    }
  }
  return generic_setattr(o, name, value);
}

}  // namespace

int readonly_setattr(Object* o, Str* name, Object* value) {
  std::string_view n = str_view(name);
  if (n == "dialect" || (n == "line_num" && o->ob_type == &reader_type)) {
    raise(&AttributeError_type, "readonly attribute");
    return -1;
  }
  return generic_setattr(o, name, value);
}

Object* dialect_for_call(Args args, size_t nargs, Tuple* kwnames) {
  Object* params[kNumParams];
  if (!collect_params(args + 1, nargs - 1, args + nargs, kwnames, params)) return nullptr;
  return make_dialect(&dialect_type, params[0], params);
}

namespace {

// ---- the registry and the field limit ----

Object* m_register_dialect(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs < 1) return raise_fmt(&TypeError_type, "register_dialect() expected at least 1 argument, got %d", nargs);
  if (nargs > 2) return raise_fmt(&TypeError_type, "register_dialect() expected at most 2 arguments, got %d", nargs);
  if (!is_str(args[0])) return raise(&TypeError_type, "dialect name must be a string");
  Ref<> dialect(dialect_for_call(args, nargs, kwnames));
  if (!dialect) return nullptr;
  return dict_set(g_dialects, args[0], dialect.get()) < 0 ? nullptr : newref(kNone);
}

Object* m_unregister_dialect(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("unregister_dialect", kwnames) || !check_nargs("unregister_dialect", nargs, 1, 1)) {
    return nullptr;
  }
  int removed = dict_delete(g_dialects, args[0]);
  if (removed < 0) return nullptr;
  return removed ? newref(kNone) : csv_error("unknown dialect");
}

Object* m_get_dialect(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("get_dialect", kwnames) || !check_nargs("get_dialect", nargs, 1, 1)) return nullptr;
  return registry_lookup(args[0]);
}

Object* m_list_dialects(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("list_dialects", kwnames) || !check_nargs("list_dialects", nargs, 0, 0)) return nullptr;
  return call1(reinterpret_cast<Object*>(&list_type), g_dialects);
}

Object* m_field_size_limit(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* limit = nullptr;
  if (!parse_args("field_size_limit", args, nargs, kwnames, {"new_limit"}, 0, &limit)) return nullptr;
  int64_t old = g_field_limit.load(std::memory_order_relaxed);
  if (limit) {
    if (!is_int(limit)) return raise(&TypeError_type, "limit must be an integer");
    int64_t value;
    if (!int_as_i64(limit, &value)) return nullptr;
    g_field_limit.store(value, std::memory_order_relaxed);
  }
  return int_from_i64(old);
}

const MethodDef kFunctions[] = {
    {"reader", m_reader},
    {"writer", m_writer},
    {"register_dialect", m_register_dialect},
    {"unregister_dialect", m_unregister_dialect},
    {"get_dialect", m_get_dialect},
    {"list_dialects", m_list_dialects},
    {"field_size_limit", m_field_size_limit},
    {nullptr, nullptr},
};

void init_types() {
  dialect_type.name = "_csv.Dialect";
  dialect_type.dealloc = dialect_dealloc;
  dialect_type.getattr = dialect_getattr;
  dialect_type.setattr = dialect_setattr;
  dialect_type.new_ = dialect_construct;
  dialect_type.doc = "CSV dialect\n\nThe Dialect type records CSV parsing and generation options.\n";
  init_static_type(&dialect_type);
  init_reader_type();
  init_writer_type();
  add_native_attrs(&dialect_type, {"delimiter", "escapechar", "lineterminator", "quotechar", "quoting"},
                   {"doublequote", "skipinitialspace", "strict"});
  add_native_attrs(&reader_type, {}, {"dialect", "line_num"});
  add_native_attrs(&writer_type, {}, {"dialect"});
  g_error = class_new("Error", "_csv", &Exception_type);
  make_immortal(g_error);
  g_dialects = dict_new();
  make_immortal(g_dialects);
}

// A re-import (test.support's import_fresh_module) makes a new module over
// the same types, error class and registry.
Module* make_csv_module() {
  static std::once_flag once;
  std::call_once(once, init_types);
  Module* m = module_new("_csv");
  add_functions(m->dict, m, kFunctions);
  dict_set_str(m->dict, "Error", g_error);
  dict_set_str(m->dict, "Dialect", &dialect_type);
  dict_set_str(m->dict, "Reader", &reader_type);
  dict_set_str(m->dict, "Writer", &writer_type);
  dict_set_str(m->dict, "_dialects", g_dialects);
  Ref<> version(str_new("1.0"));
  dict_set_str(m->dict, "__version__", version.get());
  Ref<> doc(str_new("CSV parsing and writing.\n"));
  dict_set_str(m->dict, "__doc__", doc.get());
  const char* names[] = {"QUOTE_MINIMAL", "QUOTE_ALL", "QUOTE_NONNUMERIC", "QUOTE_NONE"};
  for (int q = kQuoteMinimal; q <= kQuoteNone; q++) {
    Ref<> value(int_from_i64(q));
    dict_set_str(m->dict, names[q], value.get());
  }
  return m;
}

}  // namespace

}  // namespace ftpy::csv

namespace ftpy {

void init_csv_module() { register_lazy_module("_csv", csv::make_csv_module); }

}  // namespace ftpy

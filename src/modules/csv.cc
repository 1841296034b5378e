// _csv (CPython 3.11's Modules/_csv.c, written anew): the Dialect type,
// reader and writer objects, the dialect registry and field_size_limit,
// under CPython's own csv.py (DictReader, Sniffer and the excel dialects
// are Python there).
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
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/gc.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

enum Quoting { kQuoteMinimal, kQuoteAll, kQuoteNonNumeric, kQuoteNone };
constexpr uint32_t kNotSet = 0xffffffff;  // no escapechar / quotechar
constexpr uint32_t kEol = 0xfffffffe;     // the end of an input line (CPython's EOL)

Type dialect_type, reader_type, writer_type;
Type* g_error = nullptr;
Dict* g_dialects = nullptr;  // the registry (module attribute _dialects)
std::atomic<int64_t> g_field_limit{128 * 1024};

struct Dialect : Object {
  uint32_t delimiter, quotechar, escapechar;
  bool doublequote, skipinitialspace, strict;
  int quoting;
  Str* lineterminator;  // owned
};

Dialect* as_dialect(Object* o) { return static_cast<Dialect*>(o); }

Object* csv_error(const std::string& message) { return raise(g_error, message.c_str()); }

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

// reader.line_num and .dialect, writer.dialect: read-only members.
int readonly_setattr(Object* o, Str* name, Object* value) {
  std::string_view n = str_view(name);
  if (n == "dialect" || (n == "line_num" && o->ob_type == &reader_type)) {
    raise(&AttributeError_type, "readonly attribute");
    return -1;
  }
  return generic_setattr(o, name, value);
}

// The dialect of reader()/writer(): Dialect(args[1] if given, **kw).
Object* dialect_for_call(Args args, size_t nargs, Tuple* kwnames) {
  Object* params[kNumParams];
  if (!collect_params(args + 1, nargs - 1, args + nargs, kwnames, params)) return nullptr;
  return make_dialect(&dialect_type, params[0], params);
}

// ---- reader ----

enum ParseState {
  kStartRecord, kStartField, kEscapedChar, kInField, kInQuotedField, kEscapeInQuotedField, kQuoteInQuotedField,
  kEatCrnl, kAfterEscapedCrnl,
};

struct Reader : Object {
  Object* input;    // the line iterator (owned)
  Dialect* dialect;  // owned
  Object* fields;   // the record being built (a list, owned), or nullptr
  std::string* field;  // the field being built (UTF-8)
  int64_t field_len;   // its length in code points
  int64_t line_num;
  ParseState state;
  bool numeric_field;
};

Reader* as_reader(Object* o) { return static_cast<Reader*>(o); }

bool save_field(Reader* r) {
  Ref<> field(str_new(*r->field));
  if (!field) return false;
  r->field->clear();
  r->field_len = 0;
  if (r->numeric_field) {
    r->numeric_field = false;
    field = Ref<>(call1(reinterpret_cast<Object*>(&float_type), field.get()));
    if (!field) return false;
  }
  return list_append(static_cast<List*>(r->fields), field.get()) == 0;
}

bool add_char(Reader* r, uint32_t c) {
  int64_t limit = g_field_limit.load(std::memory_order_relaxed);
  if (r->field_len >= limit) {
    csv_error("field larger than field limit (" + std::to_string(limit) + ")");
    return false;
  }
  append_utf8(*r->field, c);
  r->field_len++;
  return true;
}

bool end_of_record(Reader* r, uint32_t c) {
  if (!save_field(r)) return false;
  r->state = c == kEol ? kStartRecord : kEatCrnl;
  return true;
}

// CPython 3.11's parse_process_char, one code point (or kEol) at a time.
bool process_char(Reader* r, uint32_t c) {
  const Dialect* d = r->dialect;
  bool newline = c == '\n' || c == '\r';
  switch (r->state) {
    case kStartRecord:
      if (c == kEol) return true;  // an empty line: []
      if (newline) {
        r->state = kEatCrnl;
        return true;
      }
      r->state = kStartField;
      [[fallthrough]];
    case kStartField:
      if (newline || c == kEol) return end_of_record(r, c);
      if (c == d->quotechar && d->quoting != kQuoteNone) {
        r->state = kInQuotedField;
      } else if (c == d->escapechar) {
        r->state = kEscapedChar;
      } else if (c == ' ' && d->skipinitialspace) {
        // leading space dropped
      } else if (c == d->delimiter) {
        return save_field(r);
      } else {
        if (d->quoting == kQuoteNonNumeric) r->numeric_field = true;
        if (!add_char(r, c)) return false;
        r->state = kInField;
      }
      return true;
    case kEscapedChar:
      if (newline) {
        if (!add_char(r, c)) return false;
        r->state = kAfterEscapedCrnl;
        return true;
      }
      if (c == kEol) c = '\n';
      if (!add_char(r, c)) return false;
      r->state = kInField;
      return true;
    case kAfterEscapedCrnl:
      if (c == kEol) return true;
      [[fallthrough]];
    case kInField:
      if (newline || c == kEol) return end_of_record(r, c);
      if (c == d->escapechar) {
        r->state = kEscapedChar;
      } else if (c == d->delimiter) {
        if (!save_field(r)) return false;
        r->state = kStartField;
      } else {
        return add_char(r, c);
      }
      return true;
    case kInQuotedField:
      if (c == kEol) return true;
      if (c == d->escapechar) {
        r->state = kEscapeInQuotedField;
      } else if (c == d->quotechar && d->quoting != kQuoteNone) {
        r->state = d->doublequote ? kQuoteInQuotedField : kInField;
      } else {
        return add_char(r, c);
      }
      return true;
    case kEscapeInQuotedField:
      if (c == kEol) c = '\n';
      if (!add_char(r, c)) return false;
      r->state = kInQuotedField;
      return true;
    case kQuoteInQuotedField:
      if (d->quoting != kQuoteNone && c == d->quotechar) {  // "" is one "
        if (!add_char(r, c)) return false;
        r->state = kInQuotedField;
      } else if (c == d->delimiter) {
        if (!save_field(r)) return false;
        r->state = kStartField;
      } else if (newline || c == kEol) {
        return end_of_record(r, c);
      } else if (!d->strict) {
        if (!add_char(r, c)) return false;
        r->state = kInField;
      } else {
        std::string message = "'";
        append_utf8(message, d->delimiter);
        message += "' expected after '";
        append_utf8(message, d->quotechar);
        csv_error(message + "'");
        return false;
      }
      return true;
    case kEatCrnl:
      if (newline) return true;
      if (c == kEol) {
        r->state = kStartRecord;
        return true;
      }
      csv_error("new-line character seen in unquoted field - do you need to open the file in universal-newline mode?");
      return false;
  }
  return true;
}

Object* reader_next_locked(Reader* r) {
  xdecref(r->fields);  // a record a failed call left half built
  r->fields = list_new();
  if (!r->fields) return nullptr;
  r->field->clear();
  r->field_len = 0;
  r->state = kStartRecord;
  r->numeric_field = false;
  do {
    Ref<> line(iter_next(r->input));
    if (!line) {
      if (!error_occurred() && (r->field_len != 0 || r->state == kInQuotedField)) {
        if (r->dialect->strict) return csv_error("unexpected end of data");
        if (save_field(r)) break;
      }
      return nullptr;
    }
    if (!is_str(line.get())) {
      return raise_fmt(g_error, "iterator should return strings, not %s (the file should be opened in text mode)",
                       type_name(line.get()));
    }
    r->line_num++;
    std::string_view s = str_view(line.get());
    for (size_t pos = 0; pos < s.size();) {
      if (!process_char(r, decode_utf8(s, &pos))) return nullptr;
    }
    if (!process_char(r, kEol)) return nullptr;
  } while (r->state != kStartRecord);
  Object* record = r->fields;
  r->fields = nullptr;
  return record;
}

Object* reader_next(Object* o) {
  ScopedCriticalSection cs(o);
  return reader_next_locked(as_reader(o));
}

Object* reader_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "dialect") return newref(as_reader(o)->dialect);
  if (n == "line_num") {
    ScopedCriticalSection cs(o);
    return int_from_i64(as_reader(o)->line_num);
  }
  return generic_getattr(o, name);
}

void reader_dealloc(Object* o) {
  Reader* r = as_reader(o);
  xdecref(r->input);
  xdecref(r->dialect);
  xdecref(r->fields);
  delete r->field;
  gc_free_object(o);
}

void reader_traverse(Object* o, GcVisitFn visit, void* arg) {
  Reader* r = as_reader(o);
  gc_visit_each(visit, arg, r->input, static_cast<Object*>(r->dialect), r->fields);
}

// reader(iterable, dialect='excel', **fmtparams)
Object* m_reader(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs < 1) return raise_fmt(&TypeError_type, " expected at least 1 argument, got %d", nargs);
  if (nargs > 2) return raise_fmt(&TypeError_type, " expected at most 2 arguments, got %d", nargs);
  Ref<> input(object_iter(args[0]));
  if (!input) return nullptr;
  Ref<> dialect(dialect_for_call(args, nargs, kwnames));
  if (!dialect) return nullptr;
  Reader* r = gc_alloc_object<Reader>(&reader_type);
  if (!r) return nullptr;
  r->input = input.release();
  r->dialect = static_cast<Dialect*>(dialect.release());
  r->fields = nullptr;
  r->field = new std::string();
  r->field_len = 0;
  r->line_num = 0;
  r->state = kStartRecord;
  r->numeric_field = false;
  return r;
}

// ---- writer ----

struct Writer : Object {
  Object* write;     // the file's bound write method (owned)
  Dialect* dialect;  // owned
};

Writer* as_writer(Object* o) { return static_cast<Writer*>(o); }

bool is_line_char(const Dialect* d, uint32_t c) {
  std::string_view t = str_view(d->lineterminator);
  for (size_t pos = 0; pos < t.size();) {
    if (decode_utf8(t, &pos) == c) return true;
  }
  return false;
}

// CPython 3.11's join_append: one field onto `line`, quoted when it must
// be (or `quoted` asks), with quotes doubled or escaped.
bool join_append(const Dialect* d, std::string* line, int* num_fields, std::string_view field, bool quoted,
                 bool quote_empty) {
  std::string body;
  for (size_t pos = 0; pos < field.size();) {
    uint32_t c = decode_utf8(field, &pos);
    bool want_escape = false;
    if (c == d->delimiter || c == d->escapechar || c == d->quotechar || c == '\n' || c == '\r' ||
        is_line_char(d, c)) {
      if (d->quoting == kQuoteNone) {
        want_escape = true;
      } else {
        if (c == d->quotechar) {
          if (d->doublequote) append_utf8(body, d->quotechar);
          else want_escape = true;
        } else if (c == d->escapechar) {
          want_escape = true;
        }
        if (!want_escape) quoted = true;
      }
      if (want_escape) {
        if (d->escapechar == kNotSet) {
          csv_error("need to escape, but no escapechar set");
          return false;
        }
        append_utf8(body, d->escapechar);
      }
    }
    append_utf8(body, c);
  }
  if (field.empty() && quote_empty) {
    if (d->quoting == kQuoteNone) {
      csv_error("single empty field record must be quoted");
      return false;
    }
    quoted = true;
  }
  if (*num_fields > 0) append_utf8(*line, d->delimiter);
  if (quoted) append_utf8(*line, d->quotechar);
  *line += body;
  if (quoted) append_utf8(*line, d->quotechar);
  ++*num_fields;
  return true;
}

Object* writerow(Object* self, Object* row) {
  Writer* w = as_writer(self);
  const Dialect* d = w->dialect;
  Ref<> it(object_iter(row));
  if (!it) {
    if (error_matches(&TypeError_type)) {
      clear_error();
      return raise_fmt(g_error, "iterable expected, not %s", type_name(row));
    }
    return nullptr;
  }
  std::string line;
  int num_fields = 0;
  while (Ref<> field = Ref<>(iter_next(it.get()))) {
    bool quoted = d->quoting == kQuoteAll || (d->quoting == kQuoteNonNumeric && !number_check(field.get()));
    bool ok;
    if (is_str(field.get())) {
      ok = join_append(d, &line, &num_fields, str_view(field.get()), quoted, false);
    } else if (field.get() == kNone) {
      ok = join_append(d, &line, &num_fields, "", quoted, false);
    } else {
      Ref<> text(object_str(field.get()));
      ok = text && join_append(d, &line, &num_fields, str_view(text.get()), quoted, false);
    }
    if (!ok) return nullptr;
  }
  if (error_occurred()) return nullptr;
  if (num_fields > 0 && line.empty()) {  // one empty field: written as "" to tell it from no field
    num_fields = 0;
    if (!join_append(d, &line, &num_fields, "", false, true)) return nullptr;
  }
  line += str_view(d->lineterminator);
  Ref<> text(str_new(line));
  return text ? call1(w->write, text.get()) : nullptr;
}

Object* writer_writerow(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("writerow", kwnames) || !check_nargs("writerow", nargs, 1, 1)) return nullptr;
  return writerow(self, args[0]);
}

Object* writer_writerows(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("writerows", kwnames) || !check_nargs("writerows", nargs, 1, 1)) return nullptr;
  Ref<> rows(object_iter(args[0]));
  if (!rows) return nullptr;
  while (Ref<> row = Ref<>(iter_next(rows.get()))) {
    Ref<> done(writerow(self, row.get()));
    if (!done) return nullptr;
  }
  return error_occurred() ? nullptr : newref(kNone);
}

Object* writer_getattr(Object* o, Str* name) {
  if (str_view(name) == "dialect") return newref(as_writer(o)->dialect);
  return generic_getattr(o, name);
}

void writer_dealloc(Object* o) {
  xdecref(as_writer(o)->write);
  xdecref(as_writer(o)->dialect);
  gc_free_object(o);
}

void writer_traverse(Object* o, GcVisitFn visit, void* arg) {
  gc_visit_each(visit, arg, as_writer(o)->write, static_cast<Object*>(as_writer(o)->dialect));
}

// writer(fileobj, dialect='excel', **fmtparams)
Object* m_writer(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (nargs < 1) return raise_fmt(&TypeError_type, " expected at least 1 argument, got %d", nargs);
  if (nargs > 2) return raise_fmt(&TypeError_type, " expected at most 2 arguments, got %d", nargs);
  Ref<> write(object_getattr(args[0], FTPY_ID("write")));
  if (!write) {
    if (!error_matches(&AttributeError_type)) return nullptr;
    clear_error();
    return raise(&TypeError_type, "argument 1 must have a \"write\" method");
  }
  Ref<> dialect(dialect_for_call(args, nargs, kwnames));
  if (!dialect) return nullptr;
  Writer* w = gc_alloc_object<Writer>(&writer_type);
  if (!w) return nullptr;
  w->write = write.release();
  w->dialect = static_cast<Dialect*>(dialect.release());
  return w;
}

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

const MethodDef kWriterMethods[] = {
    {"writerow", writer_writerow}, {"writerows", writer_writerows}, {nullptr, nullptr}};

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
  init_iterator_type(&reader_type, "_csv.reader", reader_next, reader_dealloc, nullptr);
  reader_type.getattr = reader_getattr;
  reader_type.flags |= kTypeGc;
  reader_type.traverse = reader_traverse;
  writer_type.name = "_csv.writer";
  writer_type.dealloc = writer_dealloc;
  writer_type.getattr = writer_getattr;
  writer_type.flags |= kTypeGc;
  writer_type.traverse = writer_traverse;
  init_static_type(&writer_type);
  add_methods(&writer_type, kWriterMethods);
  reader_type.setattr = readonly_setattr;
  writer_type.setattr = readonly_setattr;
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

void init_csv_module() { register_lazy_module("_csv", make_csv_module); }

}  // namespace ftpy

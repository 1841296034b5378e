// _csv.reader (csv_internal.h): CPython 3.11's parser state machine over
// code points. A reader's state is stepped under its critical section, so
// threads sharing one get each record once, whole.
#include <string>

#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/gc.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "csv_internal.h"

namespace ftpy::csv {

namespace {


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
  // A next() is under way (read and written under the critical section).
  // The input iterator's __next__ may call next() on this reader again, or,
  // when it blocks (a file read suspends the section), another thread may:
  // either would reset the state the first call is building on, which
  // crashes CPython 3.11 (fields set to NULL under it). Here it raises.
  bool running;
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
  Reader* r = as_reader(o);
  if (r->running) return raise(&ValueError_type, "csv reader already executing");
  r->running = true;
  Object* record = reader_next_locked(r);
  r->running = false;
  return record;
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

}  // namespace

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
  r->running = false;
  return r;
}

void init_reader_type() {
  init_iterator_type(&reader_type, "_csv.reader", reader_next, reader_dealloc, nullptr);
  reader_type.getattr = reader_getattr;
  reader_type.setattr = readonly_setattr;
  reader_type.flags |= kTypeGc;
  reader_type.traverse = reader_traverse;
}

}  // namespace ftpy::csv

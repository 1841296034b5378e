// _csv.writer (csv_internal.h): CPython 3.11's quoting rules. Each row is
// built in a local buffer and written with one write() call, so a writer
// shared by threads needs no lock.
#include <string>
#include <string_view>

#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
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


struct Writer : Object {
  Object* write;     // the file's bound write method (owned)
  Dialect* dialect;  // owned
};

Writer* as_writer(Object* o) { return static_cast<Writer*>(o); }

// The line terminator's code points, decoded once per row.
std::u32string terminator_of(const Dialect* d) {
  std::u32string out;
  std::string_view t = str_view(d->lineterminator);
  for (size_t pos = 0; pos < t.size();) out.push_back(decode_utf8(t, &pos));
  return out;
}

// CPython 3.11's join_append: one field onto `line`, quoted when it must
// be (or `quoted` asks), with quotes doubled or escaped.
bool join_append(const Dialect* d, std::u32string_view terminator, std::string* line, int* num_fields,
                 std::string_view field, bool quoted, bool quote_empty) {
  std::string body;
  for (size_t pos = 0; pos < field.size();) {
    uint32_t c = decode_utf8(field, &pos);
    bool want_escape = false;
    if (c == d->delimiter || c == d->escapechar || c == d->quotechar || c == '\n' || c == '\r' ||
        terminator.find(c) != std::u32string_view::npos) {
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
  std::u32string terminator = terminator_of(d);
  std::string line;
  int num_fields = 0;
  while (Ref<> field = Ref<>(iter_next(it.get()))) {
    bool quoted = d->quoting == kQuoteAll || (d->quoting == kQuoteNonNumeric && !number_check(field.get()));
    bool ok;
    if (is_str(field.get())) {
      ok = join_append(d, terminator, &line, &num_fields, str_view(field.get()), quoted, false);
    } else if (field.get() == kNone) {
      ok = join_append(d, terminator, &line, &num_fields, "", quoted, false);
    } else {
      Ref<> text(object_str(field.get()));
      ok = text && join_append(d, terminator, &line, &num_fields, str_view(text.get()), quoted, false);
    }
    if (!ok) return nullptr;
  }
  if (error_occurred()) return nullptr;
  if (num_fields > 0 && line.empty()) {  // one empty field: written as "" to tell it from no field
    num_fields = 0;
    if (!join_append(d, terminator, &line, &num_fields, "", false, true)) return nullptr;
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

const MethodDef kWriterMethods[] = {
    {"writerow", writer_writerow}, {"writerows", writer_writerows}, {nullptr, nullptr}};

}  // namespace

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

void init_writer_type() {
  writer_type.name = "_csv.writer";
  writer_type.dealloc = writer_dealloc;
  writer_type.getattr = writer_getattr;
  writer_type.setattr = readonly_setattr;
  writer_type.flags |= kTypeGc;
  writer_type.traverse = writer_traverse;
  init_static_type(&writer_type);
  add_methods(&writer_type, kWriterMethods);
}

}  // namespace ftpy::csv

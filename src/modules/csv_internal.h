// _csv's pieces (csv.cc: the module, Dialect and the registry;
// csv_reader.cc; csv_writer.cc). Not a public header.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "ftpy/native.h"
#include "ftpy/str.h"
#include "ftpy/type.h"

namespace ftpy::csv {

using Args = Object* const*;

enum Quoting { kQuoteMinimal, kQuoteAll, kQuoteNonNumeric, kQuoteNone };
constexpr uint32_t kNotSet = 0xffffffff;  // no escapechar / quotechar
constexpr uint32_t kEol = 0xfffffffe;     // the end of an input line (CPython's EOL)

// Immutable once made: any thread reads it without a lock.
struct Dialect : Object {
  uint32_t delimiter, quotechar, escapechar;
  bool doublequote, skipinitialspace, strict;
  int quoting;
  Str* lineterminator;  // owned
};

extern Type dialect_type, reader_type, writer_type;
extern Type* g_error;
extern std::atomic<int64_t> g_field_limit;

// Raises _csv.Error(message); nullptr.
Object* csv_error(const std::string& message);
// The dialect of reader()/writer(): Dialect(args[1] if given, **kw).
Object* dialect_for_call(Args args, size_t nargs, Tuple* kwnames);
// reader.line_num and .dialect, writer.dialect: read-only members.
int readonly_setattr(Object* o, Str* name, Object* value);

// reader(iterable, dialect='excel', **fmtparams) and its type (csv_reader.cc).
Object* m_reader(Object*, Args args, size_t nargs, Tuple* kwnames);
void init_reader_type();
// writer(fileobj, dialect='excel', **fmtparams) and its type (csv_writer.cc).
Object* m_writer(Object*, Args args, size_t nargs, Tuple* kwnames);
void init_writer_type();

}  // namespace ftpy::csv

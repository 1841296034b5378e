// What every io type's methods share for their arguments and checks:
// CPython's errors (UnsupportedOperation, the closed-file ValueError), the
// closed/readable/writable/seekable checks through the object's own
// methods, size and offset arguments, and calls of the methods that
// return ints or truth values (CPython Modules/_io/_iomodule.c, iobase.c).
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "io_internal.h"

namespace ftpy::io {

std::nullptr_t unsupported(const char* message) {
  return raise(g_unsupported_operation, message);
}

std::nullptr_t closed_file_error() { return raise(&ValueError_type, "I/O operation on closed file."); }

int read_closed(Object* self) {
  Ref<> v(object_getattr(self, FTPY_ID("closed")));
  return v ? object_is_true(v.get()) : -1;
}

bool check_not_closed(Object* self) {
  int closed = read_closed(self);
  if (closed > 0) closed_file_error();
  return closed == 0;
}

namespace {

bool check_ability(Object* self, const char* method, const char* message) {
  Ref<> r(call_method(self, method, nullptr, 0));
  if (!r) return false;
  if (r.get() != kTrue) {
    unsupported(message);
    return false;
  }
  return true;
}

}  // namespace

bool check_readable(Object* self) { return check_ability(self, "readable", "File or stream is not readable."); }
bool check_writable(Object* self) { return check_ability(self, "writable", "File or stream is not writable."); }
bool check_seekable(Object* self) { return check_ability(self, "seekable", "File or stream is not seekable."); }

bool parse_size(Object* arg, int64_t* out) {
  if (!arg || arg == kNone) {
    *out = -1;
    return true;
  }
  if (!is_int(arg) && !type_lookup(arg->ob_type, FTPY_ID("__index__"))) {
    raise_fmt(&TypeError_type, "argument should be integer or None, not '%s'", type_name(arg));
    return false;
  }
  return index_as_i64(arg, out);
}

bool size_arg(const char* fname, const char* param, Object* const* args, size_t nargs, Tuple* kwnames,
              int64_t* out) {
  Object* slot = nullptr;
  return parse_args(fname, args, nargs, kwnames, {param}, 0, &slot) && parse_size(slot, out);
}

bool parse_offset(Object* arg, int64_t* out) {
  if (!is_int(arg) && !type_lookup(arg->ob_type, FTPY_ID("__index__"))) {
    raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(arg));
    return false;
  }
  return index_as_i64(arg, out);
}

bool call_int_method(Object* obj, const char* name, Object* const* args, size_t nargs, int64_t* out, bool none_ok) {
  Ref<> r(call_method(obj, name, args, nargs));
  if (!r) return false;
  if (none_ok && r.get() == kNone) {
    *out = -2;
    return true;
  }
  if (!is_int(r.get())) {
    raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(r.get()));
    return false;
  }
  return int_as_i64(r.get(), out);
}

int call_bool_method(Object* obj, const char* name) {
  Ref<> r(call_method(obj, name, nullptr, 0));
  return r ? object_is_true(r.get()) : -1;
}

// ---- _IOBase ----

}  // namespace ftpy::io

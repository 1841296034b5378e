// Exception instances: BaseException and every builtin subclass share this
// layout. The traceback is a list of (code, line) entries recorded as the
// exception unwinds, innermost first.
#pragma once

#include <cstdint>
#include <vector>

#include "ftpy/type.h"

namespace ftpy {

struct Code;
struct Tuple;
struct Dict;

struct TracebackEntry {
  Code* code;  // owned
  int line;
};

struct BaseException : Object {
  Tuple* args;
  Object* cause;    // __cause__ (raise ... from ...), owned or nullptr
  Object* context;  // __context__: the exception being handled when raised
  bool suppress_context;
  std::vector<TracebackEntry>* traceback;  // innermost first; nullptr if empty
  Dict* dict;       // extra attributes (e.g. SyntaxError's lineno), lazily created
};

inline bool is_exception(const Object* o) { return has_flag(o, kTypeExceptionSubclass); }
inline bool is_exception_type(const Object* o) {
  return has_flag(o, kTypeTypeSubclass) &&
         has_flag(static_cast<const Object*>(o), kTypeTypeSubclass) &&
         (static_cast<const Type*>(o)->flags & kTypeExceptionSubclass);
}

// New instance of `type` with the given args (new references taken).
Object* exception_new(Type* type, Tuple* args);
void exception_add_traceback(Object* exc, Code* code, int line);
// Writes "Traceback (most recent call last): ..." and "Type: message" to stderr,
// following __cause__ / __context__ chains as CPython does.
void print_exception(Object* exc);
// "Type: message" line for an exception (used by the traceback printer and tests).
std::string format_exception_only(Object* exc);

}  // namespace ftpy

// Exception instances: BaseException and every builtin subclass share this
// layout. The traceback is a list of (code, line) entries recorded as the
// exception unwinds, innermost first.
#pragma once

#include <cstdint>
#include <vector>

#include "ftpy/type.h"

namespace ftpy {

struct Code;
struct Str;
struct Tuple;
struct Dict;

struct TracebackEntry {
  Code* code;     // owned
  Dict* globals;  // owned: the frame's globals (tb_frame.f_globals)
  int line;
  // Owned, or nullptr: a function frame's local slots (variables, cells,
  // free cells; nullptr items unbound) as the exception left it, moved
  // there by the eval loop instead of released (tb_frame.f_locals).
  Tuple* fast_locals = nullptr;
};

// An exception leaving the function frame `f`: the frame's local slots move
// into the exception's last traceback entry, when that entry is f's (what
// CPython keeps by keeping the frame). traceback_object.cc.
struct Frame;
void traceback_keep_locals(Object* exc, Frame* f);

// An exception's traceback: the entries, and the traceback objects that
// `__traceback__` built for them, kept so that every read answers the same
// chain (CPython keeps only the objects).
struct TracebackRecord {
  std::vector<TracebackEntry> entries;  // innermost first
  // Traceback objects for entries[0, chain_covers), outermost first, or
  // nullptr; owned. Entries appended later (the exception unwinding
  // further) get new objects in front of it, as CPython's PyTraceBack_Here.
  Object* chain = nullptr;
  size_t chain_covers = 0;
};

struct BaseException : Object {
  Tuple* args;
  Object* cause;    // __cause__ (raise ... from ...), owned or nullptr
  Object* context;  // __context__: the exception being handled when raised
  bool suppress_context;
  // nullptr until the first entry. Changed under the exception's critical
  // section: one exception object may be raised in several threads at once.
  TracebackRecord* traceback;
  Dict* dict;       // extra attributes (e.g. SyntaxError's lineno), lazily created
  Object* weaklist;  // weak references, for classes derived from exceptions (ftpy/weakref.h)
};

inline bool is_exception(const Object* o) { return has_flag(o, kTypeExceptionSubclass); }

// A new exception of `type` with `bytes` of layout (BaseException or
// ExceptionGroup), followed by the cleared __slots__ values of a derived
// class (slot_base_offset); its own fields are the caller's to set.
Object* alloc_exception_raw(Type* type, size_t bytes);
template <class T>
T* alloc_exception(Type* type) {
  return static_cast<T*>(alloc_exception_raw(type, sizeof(T)));
}
inline bool is_exception_type(const Object* o) {
  return has_flag(o, kTypeTypeSubclass) &&
         has_flag(static_cast<const Object*>(o), kTypeTypeSubclass) &&
         (static_cast<const Type*>(o)->flags & kTypeExceptionSubclass);
}

// New instance of `type` with the given args (new references taken).
// Exception groups check theirs: nullptr with TypeError/ValueError.
Object* exception_new(Type* type, Tuple* args);

// The attributes builtin exceptions compute from their args (OSError's
// errno, SyntaxError's lineno, StopIteration's value...), or nullptr
// without an exception (exception_attrs.cc).
Object* exception_builtin_attr(Object* o, std::string_view name);
// OSError's and the Unicode errors' str: true when it applies (*out is the
// result, or nullptr with an exception).
bool exception_builtin_str(Object* o, Object** out);
// Keyword arguments of a builtin exception's constructor (ImportError's
// name=/path=, AttributeError's name=/obj=, NameError's name=): check them
// (TypeError with CPython's message) and store them as attributes.
bool exception_check_keywords(Type* type, Tuple* kwnames);
// The keyword arguments a builtin exception accepts, nullptr-terminated
// (ImportError's name and path, AttributeError's name and obj, NameError's
// name), or nullptr for none.
const char* const* exception_keyword_fields(Type* type);
// SyntaxError(msg, details): false with CPython's TypeError when details
// is not a sequence of 4 or 6 items.
bool syntax_error_args_ok(Object* const* args, size_t nargs);
bool exception_store_keywords(Object* e, Object* const* args, size_t nargs, Tuple* kwnames);
// The OSError subclass for an errno value (FileNotFoundError for ENOENT),
// or nullptr.
Type* os_error_subclass_for(Object* errno_value);

// Whether `exc` matches an except clause's type (a class or a tuple of
// them; TypeError for anything else): 1, 0, or -1 (src/vm/eval_helpers.cc).
int exception_matches(Object* exc, Object* type);

// BaseExceptionGroup and ExceptionGroup (PEP 654; src/objects/exception_group.cc).
struct ExceptionGroup : BaseException {
  Str* message;     // owned
  Tuple* excs;      // owned: the exceptions, never empty
};
extern Type BaseExceptionGroup_type, ExceptionGroup_type;
inline bool is_exception_group(const Object* o) { return is_subtype(o->ob_type, &BaseExceptionGroup_type); }
Object* exception_group_new(Type* type, Tuple* args);
// except* support (CHECK_EG_MATCH, PREP_RERAISE_STAR in the eval loop):
// splits `exc` by the except* clause's type into *match and *rest (new
// references; None when empty). false with an exception.
bool exception_group_match(Object* exc, Object* type, Object** match, Object** rest);
// What an except* statement re-raises once its clauses ran: `raised` lists
// what each clause raised and, last, the unmatched rest (None entries for
// nothing). New reference: None, or the exception to raise.
Object* exception_group_prep_reraise(Object* orig, Object* raised);

// The exception types' shared slots (exceptions.cc), for exception_group.cc.
void exception_dealloc(Object* o);
void exception_traverse(Object* o, GcVisitFn visit, void* arg);
void exception_clear(Object* o);
Object* exception_str(Object* o);
Object* exception_repr(Object* o);
Object* exception_getattr(Object* o, Str* name);
int exception_setattr(Object* o, Str* name, Object* value);
Object* exception_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames);
// Copies __traceback__, __cause__, __context__ and __notes__ from one
// exception to another (a derived group keeps its original's).
bool exception_copy_metadata(Object* from, Object* to);
void exception_add_traceback(Object* exc, Code* code, Dict* globals, int line);
// exc.__traceback__: a chain of traceback objects, outermost first, or None
// (src/objects/traceback_object.cc); the same objects on every read, with
// new ones in front for the frames it unwound since the last.
Object* exception_get_traceback(Object* exc);
// exc.__traceback__ = value (a traceback or None); -1 with TypeError.
int exception_set_traceback(Object* exc, Object* value);
// A copy of the entries with their references taken, for the printer.
std::vector<TracebackEntry> exception_traceback_entries(Object* exc);
void traceback_entries_release(std::vector<TracebackEntry>* entries);
// Releases a record's entries and chain, and frees it (nullptr: nothing).
void traceback_record_free(TracebackRecord* record);
extern Type traceback_type;
// Writes "Traceback (most recent call last): ..." and "Type: message" to stderr,
// following __cause__ / __context__ chains as CPython does.
void print_exception(Object* exc);
// "Type: message" line for an exception (used by the traceback printer and tests).
std::string format_exception_only(Object* exc);

// Python 3.11's suggestions (src/vm/suggestions.cc): ". Did you mean:
// 'x'?" for an AttributeError or NameError the display prints, or "".
std::string exception_suggestion(Object* exc);
// After a failed lookup of obj.name: a pending AttributeError that names
// no attribute yet gets `name` and `obj` (CPython's
// set_attribute_error_context).
void set_attribute_error_context(Object* obj, Str* name);

}  // namespace ftpy

// The builtin exception hierarchy: one table, one layout (BaseException).
#include "ftpy/exceptions.h"

#include <atomic>
#include <cstring>
#include <utility>


#include "ftpy/code.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

#define FTPY_DEFINE_EXC(name) Type name##_type;
FTPY_DEFINE_EXC(BaseException) FTPY_DEFINE_EXC(Exception) FTPY_DEFINE_EXC(TypeError)
FTPY_DEFINE_EXC(ValueError) FTPY_DEFINE_EXC(NameError) FTPY_DEFINE_EXC(UnboundLocalError)
FTPY_DEFINE_EXC(AttributeError) FTPY_DEFINE_EXC(IndexError) FTPY_DEFINE_EXC(KeyError)
FTPY_DEFINE_EXC(LookupError) FTPY_DEFINE_EXC(ZeroDivisionError) FTPY_DEFINE_EXC(ArithmeticError)
FTPY_DEFINE_EXC(OverflowError) FTPY_DEFINE_EXC(RuntimeError) FTPY_DEFINE_EXC(RecursionError)
FTPY_DEFINE_EXC(NotImplementedError) FTPY_DEFINE_EXC(StopIteration) FTPY_DEFINE_EXC(AssertionError)
FTPY_DEFINE_EXC(ImportError) FTPY_DEFINE_EXC(ModuleNotFoundError) FTPY_DEFINE_EXC(MemoryError)
FTPY_DEFINE_EXC(SyntaxError) FTPY_DEFINE_EXC(IndentationError) FTPY_DEFINE_EXC(SystemExit)
FTPY_DEFINE_EXC(KeyboardInterrupt) FTPY_DEFINE_EXC(OSError) FTPY_DEFINE_EXC(FileNotFoundError)
FTPY_DEFINE_EXC(UnicodeError) FTPY_DEFINE_EXC(UnicodeDecodeError) FTPY_DEFINE_EXC(UnicodeEncodeError)
FTPY_DEFINE_EXC(GeneratorExit) FTPY_DEFINE_EXC(StopAsyncIteration) FTPY_DEFINE_EXC(FloatingPointError)
FTPY_DEFINE_EXC(EOFError) FTPY_DEFINE_EXC(TimeoutError) FTPY_DEFINE_EXC(PermissionError)
FTPY_DEFINE_EXC(BufferError) FTPY_DEFINE_EXC(Warning) FTPY_DEFINE_EXC(UserWarning)
FTPY_DEFINE_EXC(DeprecationWarning) FTPY_DEFINE_EXC(RuntimeWarning) FTPY_DEFINE_EXC(TabError)
FTPY_DEFINE_EXC(UnicodeTranslateError) FTPY_DEFINE_EXC(ConnectionError) FTPY_DEFINE_EXC(BrokenPipeError)
FTPY_DEFINE_EXC(ChildProcessError) FTPY_DEFINE_EXC(ProcessLookupError) FTPY_DEFINE_EXC(InterruptedError)
FTPY_DEFINE_EXC(IsADirectoryError) FTPY_DEFINE_EXC(NotADirectoryError) FTPY_DEFINE_EXC(FileExistsError)
FTPY_DEFINE_EXC(BlockingIOError) FTPY_DEFINE_EXC(ReferenceError) FTPY_DEFINE_EXC(SystemError)
FTPY_DEFINE_EXC(ConnectionAbortedError) FTPY_DEFINE_EXC(ConnectionRefusedError)
FTPY_DEFINE_EXC(ConnectionResetError) FTPY_DEFINE_EXC(EncodingWarning)
FTPY_DEFINE_EXC(PendingDeprecationWarning) FTPY_DEFINE_EXC(SyntaxWarning) FTPY_DEFINE_EXC(FutureWarning)
FTPY_DEFINE_EXC(ImportWarning) FTPY_DEFINE_EXC(UnicodeWarning) FTPY_DEFINE_EXC(BytesWarning)
FTPY_DEFINE_EXC(ResourceWarning)
#undef FTPY_DEFINE_EXC

namespace {

struct ExceptionDef {
  Type* type;
  const char* name;
  Type* base;
};

// Parents come before children.
const ExceptionDef kHierarchy[] = {
    {&BaseException_type, "BaseException", &object_type},
    {&SystemExit_type, "SystemExit", &BaseException_type},
    {&KeyboardInterrupt_type, "KeyboardInterrupt", &BaseException_type},
    {&GeneratorExit_type, "GeneratorExit", &BaseException_type},
    {&Exception_type, "Exception", &BaseException_type},
    {&ArithmeticError_type, "ArithmeticError", &Exception_type},
    {&ZeroDivisionError_type, "ZeroDivisionError", &ArithmeticError_type},
    {&OverflowError_type, "OverflowError", &ArithmeticError_type},
    {&FloatingPointError_type, "FloatingPointError", &ArithmeticError_type},
    {&AssertionError_type, "AssertionError", &Exception_type},
    {&AttributeError_type, "AttributeError", &Exception_type},
    {&BufferError_type, "BufferError", &Exception_type},
    {&EOFError_type, "EOFError", &Exception_type},
    {&ImportError_type, "ImportError", &Exception_type},
    {&ModuleNotFoundError_type, "ModuleNotFoundError", &ImportError_type},
    {&LookupError_type, "LookupError", &Exception_type},
    {&IndexError_type, "IndexError", &LookupError_type},
    {&KeyError_type, "KeyError", &LookupError_type},
    {&MemoryError_type, "MemoryError", &Exception_type},
    {&NameError_type, "NameError", &Exception_type},
    {&UnboundLocalError_type, "UnboundLocalError", &NameError_type},
    {&OSError_type, "OSError", &Exception_type},
    {&FileNotFoundError_type, "FileNotFoundError", &OSError_type},
    {&PermissionError_type, "PermissionError", &OSError_type},
    {&TimeoutError_type, "TimeoutError", &OSError_type},
    {&ConnectionError_type, "ConnectionError", &OSError_type},
    {&BrokenPipeError_type, "BrokenPipeError", &ConnectionError_type},
    {&ConnectionAbortedError_type, "ConnectionAbortedError", &ConnectionError_type},
    {&ConnectionRefusedError_type, "ConnectionRefusedError", &ConnectionError_type},
    {&ConnectionResetError_type, "ConnectionResetError", &ConnectionError_type},
    {&ChildProcessError_type, "ChildProcessError", &OSError_type},
    {&ProcessLookupError_type, "ProcessLookupError", &OSError_type},
    {&InterruptedError_type, "InterruptedError", &OSError_type},
    {&IsADirectoryError_type, "IsADirectoryError", &OSError_type},
    {&NotADirectoryError_type, "NotADirectoryError", &OSError_type},
    {&FileExistsError_type, "FileExistsError", &OSError_type},
    {&BlockingIOError_type, "BlockingIOError", &OSError_type},
    {&ReferenceError_type, "ReferenceError", &Exception_type},
    {&RuntimeError_type, "RuntimeError", &Exception_type},
    {&NotImplementedError_type, "NotImplementedError", &RuntimeError_type},
    {&RecursionError_type, "RecursionError", &RuntimeError_type},
    {&StopIteration_type, "StopIteration", &Exception_type},
    {&StopAsyncIteration_type, "StopAsyncIteration", &Exception_type},
    {&SyntaxError_type, "SyntaxError", &Exception_type},
    {&IndentationError_type, "IndentationError", &SyntaxError_type},
    {&TabError_type, "TabError", &IndentationError_type},
    {&SystemError_type, "SystemError", &Exception_type},
    {&TypeError_type, "TypeError", &Exception_type},
    {&ValueError_type, "ValueError", &Exception_type},
    {&UnicodeError_type, "UnicodeError", &ValueError_type},
    {&UnicodeDecodeError_type, "UnicodeDecodeError", &UnicodeError_type},
    {&UnicodeEncodeError_type, "UnicodeEncodeError", &UnicodeError_type},
    {&UnicodeTranslateError_type, "UnicodeTranslateError", &UnicodeError_type},
    {&Warning_type, "Warning", &Exception_type},
    {&UserWarning_type, "UserWarning", &Warning_type},
    {&EncodingWarning_type, "EncodingWarning", &Warning_type},
    {&DeprecationWarning_type, "DeprecationWarning", &Warning_type},
    {&PendingDeprecationWarning_type, "PendingDeprecationWarning", &Warning_type},
    {&SyntaxWarning_type, "SyntaxWarning", &Warning_type},
    {&RuntimeWarning_type, "RuntimeWarning", &Warning_type},
    {&FutureWarning_type, "FutureWarning", &Warning_type},
    {&ImportWarning_type, "ImportWarning", &Warning_type},
    {&UnicodeWarning_type, "UnicodeWarning", &Warning_type},
    {&BytesWarning_type, "BytesWarning", &Warning_type},
    {&ResourceWarning_type, "ResourceWarning", &Warning_type},
};

}  // namespace

namespace {
BaseException* as_exc(Object* o) { return static_cast<BaseException*>(o); }
}  // namespace

void exception_dealloc(Object* o) {
  BaseException* e = as_exc(o);
  xdecref(e->args);
  xdecref(e->cause);
  xdecref(e->context);
  xdecref(e->dict);
  traceback_record_free(e->traceback);
  gc_free_object(o);
}

// Tracked by the cycle collector (an exception stored in its own
// attributes, or one whose __context__ chain loops back, or an instance of
// a user subclass referring to an object that refers back). What an
// exception owns: its args, cause, context, the globals of its traceback
// entries (code objects are not tracked), the traceback objects built for
// them with the function frames' local slots they keep, and its dict; a
// subclass instance's dict is reported by instance_traverse (which calls
// this). `except E as e: saved = e` in a frame that the exception then
// leaves is CPython's traceback-frame-locals cycle, freed here.
void exception_traverse(Object* o, GcVisitFn visit, void* arg) {
  BaseException* e = as_exc(o);
  gc_visit_each(visit, arg, e->args, e->cause, e->context);
  if (!is_heap_type(o->ob_type)) gc_visit(e->dict, visit, arg);
  if (e->traceback) {
    for (const TracebackEntry& t : e->traceback->entries) gc_visit_each(visit, arg, t.globals, t.fast_locals);
    gc_visit(e->traceback->chain, visit, arg);
  }
}

// Breaks cycles through a garbage exception: CPython's BaseException_clear.
// args stays a tuple (every reader expects one).
void exception_clear(Object* o) {
  BaseException* e = as_exc(o);
  Object* args = e->args;
  e->args = tuple_empty();
  xdecref(args);
  Object* cause = std::exchange(e->cause, nullptr);
  Object* context = std::exchange(e->context, nullptr);
  Dict* dict = std::exchange(e->dict, nullptr);
  TracebackRecord* tb = std::exchange(e->traceback, nullptr);
  xdecref(cause);
  xdecref(context);
  xdecref(dict);
  traceback_record_free(tb);
}

namespace {

// A SyntaxError field: the dict's (the compiler's, or an assignment), else
// the one its args give (exception_builtin_attr).
Ref<> syntax_field(Object* o, Str* name) {
  Dict* d = as_exc(o)->dict;
  if (Object* v = d ? dict_get_str(d, name) : nullptr) return Ref<>::borrow(v);
  return Ref<>(exception_builtin_attr(o, str_view(name)));
}

// "msg (file, line N)": the file's base name, as CPython's SyntaxError_str.
Object* syntax_error_str(Object* o) {
  Ref<> msg_ref = syntax_field(o, FTPY_ID("msg"));
  Object* msg = msg_ref ? msg_ref.get() : kNone;
  Ref<> text(object_str(msg));
  if (!text) return nullptr;
  Ref<> filename_ref = syntax_field(o, FTPY_ID("filename")), lineno_ref = syntax_field(o, FTPY_ID("lineno"));
  Object* filename = filename_ref.get();
  Object* lineno = lineno_ref.get();
  bool has_file = filename && is_str(filename);
  bool has_line = lineno && is_int(lineno);
  if (!has_file && !has_line) return text.release();
  std::string out(str_view(text.get()));
  std::string base;
  if (has_file) {
    std::string_view f = str_view(filename);
    size_t slash = f.rfind('/');
    base = std::string(slash == std::string_view::npos ? f : f.substr(slash + 1));
  }
  if (has_line) {
    Ref<> line(object_str(lineno));
    if (!line) return nullptr;
    out += has_file ? " (" + base + ", line " + std::string(str_view(line.get())) + ")"
                    : " (line " + std::string(str_view(line.get())) + ")";
  } else {
    out += " (" + base + ")";
  }
  return str_new(out);
}

}  // namespace

Object* exception_str(Object* o) {
  Tuple* args = as_exc(o)->args;
  if (is_subtype(o->ob_type, &SyntaxError_type)) return syntax_error_str(o);
  if (Object* r; exception_builtin_str(o, &r)) return r;
  if (args->size == 0) return str_empty();
  if (args->size == 1) {
    // KeyError shows the key's repr, as CPython's KeyError_str does.
    if (is_subtype(o->ob_type, &KeyError_type)) return object_repr(args->items[0]);
    return object_str(args->items[0]);
  }
  return object_str(args);
}

Object* exception_repr(Object* o) {
  Tuple* args = as_exc(o)->args;
  std::string out = o->ob_type->name;
  std::string inner;
  if (args->size == 1) {
    if (!repr_string(args->items[0], &inner)) return nullptr;
    out += "(" + inner + ")";
  } else {
    if (!repr_string(args, &inner)) return nullptr;
    out += args->size == 0 ? "()" : inner;
  }
  return str_new(out);
}

const char* const* exception_keyword_fields(Type* type) {
  static const char* const kImport[] = {"name", "path", nullptr};
  static const char* const kAttribute[] = {"name", "obj", nullptr};
  static const char* const kName[] = {"name", nullptr};
  if (is_subtype(type, &ImportError_type)) return kImport;
  if (is_subtype(type, &AttributeError_type)) return kAttribute;
  if (is_subtype(type, &NameError_type)) return kName;
  return nullptr;
}

namespace {

bool accepts_keyword(Type* type, std::string_view k) {
  const char* const* fields = exception_keyword_fields(type);
  for (; fields && *fields; fields++) {
    if (k == *fields) return true;
  }
  return false;
}

}  // namespace

bool exception_check_keywords(Type* type, Tuple* kwnames) {
  int64_t nkw = kwnames ? kwnames->size : 0;
  for (int64_t i = 0; i < nkw; i++) {
    std::string_view k = str_view(kwnames->items[i]);
    if (accepts_keyword(type, k)) continue;
    if (!is_subtype(type, &ImportError_type) && !is_subtype(type, &AttributeError_type) &&
        !is_subtype(type, &NameError_type)) {
      raise_fmt(&TypeError_type, "%s() takes no keyword arguments", type->name);
    } else {
      raise_fmt(&TypeError_type, "'%s' is an invalid keyword argument for %s()", k, type->name);
    }
    return false;
  }
  return true;
}

bool exception_store_keywords(Object* e, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!kwnames || kwnames->size == 0) return true;
  Dict* d = dict_ensure_published(as_exc(e)->dict);
  if (!d) return false;
  for (int64_t i = 0; i < kwnames->size; i++) {
    if (dict_set(d, kwnames->items[i], args[nargs + static_cast<size_t>(i)]) < 0) return false;
  }
  return true;
}

namespace {

// A UnicodeDecodeError keeps a bytes copy of a bytearray or memoryview as
// its `object` (CPython's UnicodeDecodeError_init); args keep the original.
bool decode_error_object_as_bytes(Object* e, Object* object) {
  if (!is_bytes_like(object) || object->ob_type == &bytes_type) return true;
  std::string data;
  if (!bytes_like_copy(object, &data)) return false;
  Ref<> copy(bytes_new(data));
  Dict* d = copy ? dict_ensure_published(as_exc(e)->dict) : nullptr;
  return d && dict_set(d, FTPY_ID("object"), copy.get()) >= 0;
}

}  // namespace

bool syntax_error_args_ok(Object* const* args, size_t nargs) {
  if (nargs != 2) return true;
  // SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset])),
  // checked as CPython's SyntaxError_init does.
  std::vector<Ref<>> info;
  if (!collect_iterable(args[1], &info)) return false;
  if (info.size() < 4 || info.size() > 6) {
    raise_fmt(&TypeError_type, "function takes %s %d arguments (%d given)", info.size() < 4 ? "at least" : "at most",
              info.size() < 4 ? 4 : 6, info.size());
    return false;
  }
  if (info.size() == 5) {
    raise(&TypeError_type, "end_offset must be provided when end_lineno is provided");
    return false;
  }
  return true;
}

Object* exception_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  size_t nkw = kwnames ? static_cast<size_t>(kwnames->size) : 0;
  if (!exception_check_keywords(type, kwnames)) return nullptr;
  // The Unicode errors take exactly their fields (the codecs build theirs
  // from a message, through exception_new).
  if (is_subtype(type, &UnicodeError_type) && type != &UnicodeError_type) {
    size_t want = is_subtype(type, &UnicodeTranslateError_type) ? 4 : 5;
    if (nargs != want) {
      return raise_fmt(&TypeError_type, "function takes exactly %d arguments (%d given)", want, nargs);
    }
  }
  if (is_subtype(type, &SyntaxError_type) && !syntax_error_args_ok(args, nargs)) return nullptr;
  // OSError(errno, ...) is the subclass for that errno (FileNotFoundError
  // for ENOENT...), and keeps only (errno, strerror) as its args, the
  // filenames aside (CPython's oserror_parse_args).
  int64_t n = static_cast<int64_t>(nargs);
  if (type == &OSError_type && nargs >= 2 && nargs <= 5) {
    if (Type* sub = os_error_subclass_for(args[0])) type = sub;
  }
  bool os_filenames = is_subtype(type, &OSError_type) && nargs >= 3 && nargs <= 5;
  // An exact BlockingIOError's third argument, when a number, is how many
  // characters were written (CPython's oserror_init): validated now, kept
  // in args, stored as characters_written, and no file name.
  Ref<> written;
  if (os_filenames && type == &BlockingIOError_type && args[2] != kNone) {
    if (number_check(args[2])) {
      int64_t w;
      if (!index_as_i64(args[2], &w)) {
        if (error_matches(&OverflowError_type)) {
          clear_error();
          raise_fmt(&ValueError_type, "cannot fit '%s' into an index-sized integer", type_name(args[2]));
        }
        return nullptr;
      }
      written = Ref<>(int_from_i64(w));
      if (!written) return nullptr;
      os_filenames = false;
    }
  }
  Ref<Tuple> t(tuple_from_array(args, os_filenames ? 2 : written ? (n > 5 ? 5 : n) : n));
  Ref<> e(exception_new(type, t.get()));
  if (!e) return nullptr;
  if (is_subtype(type, &UnicodeDecodeError_type) && nargs == 5 && !decode_error_object_as_bytes(e.get(), args[1])) {
    return nullptr;
  }
  if (written) {
    Dict* d = dict_ensure_published(as_exc(e.get())->dict);
    if (!d || dict_set(d, FTPY_ID("characters_written"), written.get()) < 0) return nullptr;
  }
  if (!nkw && !os_filenames) return e.release();
  if (!exception_store_keywords(e.get(), args, nargs, kwnames)) return nullptr;
  if (os_filenames) {
    Dict* d = dict_ensure_published(as_exc(e.get())->dict);
    if (!d) return nullptr;
    if (dict_set(d, FTPY_ID("filename"), args[2]) < 0) return nullptr;
    if (nargs == 5 && dict_set(d, FTPY_ID("filename2"), args[4]) < 0) return nullptr;
  }
  return e.release();
}

Object* exception_getattr(Object* o, Str* name) {
  BaseException* e = as_exc(o);
  std::string_view n = str_view(name);
  if (n == "args") return newref(e->args);
  if (n == "__cause__") return newref(e->cause ? e->cause : kNone);
  if (n == "__context__") return newref(e->context ? e->context : kNone);
  if (n == "__suppress_context__") return newref(bool_from(e->suppress_context));
  if (n == "__traceback__") return exception_get_traceback(o);
  if (n == "__notes__") {
    if (Dict* d = load_published(e->dict)) {
      if (Object* v = dict_get_ref(d, name)) return v;
    }
    return raise_fmt(&AttributeError_type, "'%s' object has no attribute '__notes__'", type_name(o));
  }
  if (Dict* d = load_published(e->dict)) {
    if (Object* v = dict_get_ref(d, name)) return v;
  }
  if (Object* v = exception_builtin_attr(o, n)) return v;
  return generic_getattr(o, name);
}

int exception_setattr(Object* o, Str* name, Object* value) {
  BaseException* e = as_exc(o);
  std::string_view n = str_view(name);
  if (n == "__cause__" || n == "__context__") {
    if (!value) {
      raise_fmt(&TypeError_type, "%s may not be deleted", n);
      return -1;
    }
    if (value != kNone && !is_exception(value)) {
      raise_fmt(&TypeError_type, "exception %s must be None or derive from BaseException",
                n == "__cause__" ? "cause" : "context");
      return -1;
    }
    Object*& slot = n == "__cause__" ? e->cause : e->context;
    set_ref(slot, value && value != kNone ? newref(value) : static_cast<Object*>(nullptr));
    if (n == "__cause__") e->suppress_context = true;
    return 0;
  }
  if (n == "__suppress_context__") {  // a bool member, as CPython's T_BOOL
    if (!value) {
      raise(&TypeError_type, "can't delete numeric/char attribute");
      return -1;
    }
    if (value->ob_type != &bool_type) {
      raise(&TypeError_type, "attribute value type must be bool");
      return -1;
    }
    e->suppress_context = value == kTrue;
    return 0;
  }
  if (n == "__traceback__" && !value) {
    raise(&TypeError_type, "__traceback__ may not be deleted");
    return -1;
  }
  if (n == "__traceback__") return exception_set_traceback(o, value);
  if (n == "args") {
    if (!value) { raise(&TypeError_type, "args may not be deleted"); return -1; }
    Ref<> t(call1(reinterpret_cast<Object*>(&tuple_type), value));
    if (!t) return -1;
    set_ref(e->args, static_cast<Tuple*>(t.release()));
    return 0;
  }
  if (n == "__dict__") {  // CPython's BaseException_set_dict
    if (!check_dict_assignment(value)) return -1;
    // Readers load the pointer without a lock: the old dict goes after a
    // grace period.
    Dict* old = std::atomic_ref<Dict*>(e->dict).exchange(static_cast<Dict*>(newref(value)), std::memory_order_acq_rel);
    if (old) decref_delayed(old);
    return 0;
  }
  Dict* dict = dict_ensure_published(e->dict);
  if (!dict) return -1;
  if (!value) {
    int r = dict_delete(dict, name);
    if (r == 0) raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", type_name(o), str_view(name));
    return r > 0 ? 0 : -1;
  }
  return dict_set(dict, name, value);
}

namespace {

Object* exception_with_traceback(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_nargs("with_traceback", nargs, 1, 1)) return nullptr;
  if (exception_set_traceback(self, args[0]) < 0) return nullptr;
  return newref(self);
}

// BaseException.add_note (PEP 678): appends to the __notes__ list, made on
// first use. The list is the exception dict's value, so notes added from
// several threads at once are all kept (list_append locks the list).
Object* exception_add_note(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("BaseException.add_note", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) return raise_fmt(&TypeError_type, "note must be a str, not '%s'", type_name(args[0]));
  Dict* d = dict_ensure_published(as_exc(self)->dict);
  if (!d) return nullptr;
  Ref<> notes;
  {
    // Get-or-create under the exception's lock, so that threads adding the
    // first notes at once share one list.
    ScopedCriticalSection cs(self);
    notes = Ref<>(dict_get_str_ref(d, FTPY_ID("__notes__")));
    if (!notes) {
      notes = Ref<>(list_new());
      if (!notes || dict_set(d, FTPY_ID("__notes__"), notes.get()) < 0) return nullptr;
    }
  }
  if (notes->ob_type != &list_type) return raise(&TypeError_type, "Cannot add note: __notes__ is not a list");
  if (list_append(static_cast<List*>(notes.get()), args[0]) < 0) return nullptr;
  return newref(kNone);
}

const MethodDef kExceptionMethods[] = {
    {"with_traceback", exception_with_traceback},
    {"add_note", exception_add_note},
    {nullptr, nullptr},
};

}  // namespace

Object* alloc_exception_raw(Type* type, size_t bytes) {
  size_t nslots = is_heap_type(type) ? static_cast<size_t>(static_cast<HeapType*>(type)->nslots) : 0;
  Object* o = gc_alloc_raw(type, bytes + nslots * sizeof(Object*), 0);
  if (o) std::memset(reinterpret_cast<char*>(o) + bytes, 0, nslots * sizeof(Object*));
  return o;
}

Object* exception_new(Type* type, Tuple* args) {
  // Groups validate their arguments and have two more fields.
  if (is_subtype(type, &BaseExceptionGroup_type)) return exception_group_new(type, args);
  auto* e = alloc_exception<BaseException>(type);
  if (!e) return nullptr;
  e->args = newref(args);
  e->cause = nullptr;
  e->context = nullptr;
  e->suppress_context = false;
  e->traceback = nullptr;
  e->dict = nullptr;
  e->weaklist = nullptr;
  return e;
}

void exception_add_traceback(Object* exc, Code* code, Dict* globals, int line) {
  BaseException* e = as_exc(exc);
  ScopedCriticalSection cs(e);
  if (!e->traceback) e->traceback = new TracebackRecord();
  e->traceback->entries.push_back({static_cast<Code*>(newref(code)), static_cast<Dict*>(newref(globals)), line});
}

void register_exception_builtins(Dict* d) {
  for (const ExceptionDef& e : kHierarchy) dict_set(d, str_intern(e.name), e.type);
  for (Type* t : {&BaseExceptionGroup_type, &ExceptionGroup_type}) dict_set(d, str_intern(t->name), t);
  // Old names kept as aliases since 3.3 (PEP 3151).
  for (const char* alias : {"EnvironmentError", "IOError"}) dict_set(d, str_intern(alias), &OSError_type);
}

namespace {

// X.__new__(cls, *args) of each builtin exception (CPython's
// BaseException_new: the arguments kept as args, unchecked, since
// __init__ checks them; keywords ignored). OSError's also picks the
// errno's subclass and keeps the file names (OSError_new).
Object* exception_new_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  auto* x = static_cast<Type*>(self);
  Type* cls = builtin_new_class(x, args, nargs);
  if (!cls) return nullptr;
  if (is_subtype(cls, &OSError_type)) return exception_construct(cls, args + 1, nargs - 1, kwnames);
  Ref<Tuple> rest(tuple_from_array(args + 1, static_cast<int64_t>(nargs - 1)));
  return rest ? exception_new(cls, rest.get()) : nullptr;
}

const MethodDef kExceptionNew = {"__new__", exception_new_m};

}  // namespace

void add_exception_new(Type* t) {
  Object* new_fn = native_function_new(&kExceptionNew, t);
  make_immortal(new_fn);
  dict_set(t->dict, FTPY_ID("__new__"), new_fn);
}

void init_exception_types() {
  for (const ExceptionDef& d : kHierarchy) {
    Type* t = d.type;
    t->name = d.name;
    t->base = d.base;
    t->flags = kTypeExceptionSubclass | kTypeBaseType | kTypeGc;
    t->dealloc = exception_dealloc;
    t->traverse = exception_traverse;
    t->clear = exception_clear;
    t->repr = exception_repr;
    t->str = exception_str;
    t->getattr = exception_getattr;
    t->setattr = exception_setattr;
    t->new_ = exception_construct;
    init_static_type(t);
    add_exception_new(t);
  }
  add_methods(&BaseException_type, kExceptionMethods);
  init_exception_group_types();
}

}  // namespace ftpy

// Raising and inspecting Python exceptions from C++.
//
// The VM reports errors as values: a function that fails sets the current
// thread's exception and returns nullptr (or -1). Nothing throws C++
// exceptions across the eval loop.
#pragma once

#include <string>
#include <string_view>

#include "absl/strings/str_format.h"
#include "ftpy/object.h"
#include "ftpy/type.h"

namespace ftpy {

// Builtin exception types (src/objects/exceptions.cc).
extern Type BaseException_type, Exception_type, TypeError_type, ValueError_type,
    NameError_type, UnboundLocalError_type, AttributeError_type, IndexError_type,
    KeyError_type, LookupError_type, ZeroDivisionError_type, ArithmeticError_type,
    OverflowError_type, RuntimeError_type, RecursionError_type, NotImplementedError_type,
    StopIteration_type, AssertionError_type, ImportError_type, ModuleNotFoundError_type,
    MemoryError_type, SyntaxError_type, IndentationError_type, SystemExit_type,
    KeyboardInterrupt_type, OSError_type, FileNotFoundError_type, UnicodeError_type,
    UnicodeDecodeError_type, UnicodeEncodeError_type, GeneratorExit_type,
    StopAsyncIteration_type, FloatingPointError_type, EOFError_type, TimeoutError_type,
    PermissionError_type, BufferError_type, Warning_type, UserWarning_type,
    DeprecationWarning_type, RuntimeWarning_type, TabError_type, UnicodeTranslateError_type,
    ConnectionError_type, BrokenPipeError_type, ChildProcessError_type, ProcessLookupError_type,
    InterruptedError_type, IsADirectoryError_type, NotADirectoryError_type,
    FileExistsError_type, BlockingIOError_type, ReferenceError_type, SystemError_type,
    ConnectionAbortedError_type, ConnectionRefusedError_type, ConnectionResetError_type,
    EncodingWarning_type, PendingDeprecationWarning_type, SyntaxWarning_type, FutureWarning_type,
    ImportWarning_type, UnicodeWarning_type, BytesWarning_type, ResourceWarning_type;

// Raises type(message). Always returns nullptr so callers can `return raise(...)`.
std::nullptr_t raise(Type* type, std::string_view message);

template <typename... Args>
std::nullptr_t raise_fmt(Type* type, const absl::FormatSpec<Args...>& format,
                         const Args&... args) {
  return raise(type, absl::StrFormat(format, args...));
}

// Raises an already constructed exception instance (steals the reference).
void raise_object(Object* exc);
// Raises `value` the way the `raise` statement does: a type is instantiated,
// an instance is used as is, anything else is a TypeError.
void raise_value(Object* value);

// warnings.warn(message, category, stacklevel) (CPython's PyErr_WarnEx):
// false when the warning was turned into an exception, now set.
bool warn(Type* category, std::string_view message, int stacklevel = 1);
// warnings.warn_explicit(message, category, filename, lineno): a warning
// about a place in source rather than a frame (the compiler's); false with
// the exception set when the filters turned it into an error.
bool warn_explicit(Type* category, std::string_view message, std::string_view filename, int lineno);

bool error_occurred();
bool error_matches(Type* type);
void clear_error();
// Takes the current exception out of the thread state (owned), or nullptr.
// CPython's PyErr_WriteUnraisable: hands the pending exception to
// sys.unraisablehook, whose default prints "Exception ignored in: <repr of
// where>" and the traceback to stderr, and clears it (a failing __del__ or
// weak-reference callback; src/objects/finalize.cc). With a `context`
// ("in thread started by"), "Exception ignored <context>" is the hook's
// err_msg and the printed line (CPython's _PyErr_WriteUnraisableMsg).
void write_unraisable(Object* where, std::string_view context = {});
Object* fetch_error();
// "calling <repr of type> should have returned an instance of BaseException,
// not <made's type>": an exception class whose constructor made something
// else. `raise` names made's type by its repr (CPython's do_raise),
// throw() by its name (PyErr_NormalizeException).
void raise_not_an_exception_instance(Object* type, Object* made, bool made_type_repr);
// Makes `handled` the __context__ of the exception `exc` (PEP 3134),
// replacing any it had, unless handled is absent, None or exc itself; where
// exc is already on handled's context chain, the link to it is cut first
// so that no cycle is made, and a cycle already on the chain (a user's
// `e.__context__ = e`) ends the walk (CPython's _PyErr_SetObject, with
// Floyd's cycle detection). raise_object passes the exception being
// handled; a generator's throw() passes what the generator handles at its
// yield.
void chain_exception_context(Object* exc, Object* handled);
// Puts `exc` (owned) back as the current exception.
void restore_error(Object* exc);

// For native loops that can run for seconds (CPython's PyErr_CheckSignals):
// false, with KeyboardInterrupt raised, if Ctrl-C arrived since the last
// check; the eval breaker would otherwise see it only when the loop ends.
// Defined with the signal handler (src/vm/eval_breaker.cc).
bool check_signals();

// Raises OSError for `err` (CPython's PyErr_SetFromErrnoWithFilenameObjects:
// OSError's constructor picks the errno subclass, FileNotFoundError for
// ENOENT...), with up to two file names. Returns nullptr.
std::nullptr_t raise_errno(int err, Object* filename = nullptr, Object* filename2 = nullptr);

// Common messages.
std::nullptr_t raise_no_memory();
std::nullptr_t raise_type_name_error(const char* what, Object* o);  // "<what> 'T'"

}  // namespace ftpy

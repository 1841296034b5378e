// What the posix module's two files share (posix.cc, posix_scandir.cc):
// path arguments as CPython's path_converter takes them, file names back
// in the caller's type, and OSError from errno.
#pragma once

#include <cerrno>
#include <cstdint>
#include <string>
#include <string_view>

#include "ftpy/detach.h"
#include "ftpy/errors.h"
#include "ftpy/refcount.h"
#include "ftpy/type.h"

namespace ftpy {

struct Tuple;

// Runs `call`, a system call that returns -1 and sets errno on failure,
// detached (it may block), and retries it after EINTR once pending signal
// handlers have run (PEP 475). Returns its result; on failure -1 with
// *err = errno, or *err = 0 when a signal handler raised (the exception is
// set). io's FileIO and fcntl share it; select's loops also recompute the
// time left, so they have their own.
template <class Call>
auto call_retrying_eintr(Call call, int* err) -> decltype(call()) {
  for (;;) {
    decltype(call()) r;
    int e;
    {
      DetachScope blocking(DetachMode::kBlocking);
      r = call();
      e = r < 0 ? errno : 0;
    }
    if (r >= 0) return r;
    if (e != EINTR) {
      *err = e;
      return r;
    }
    if (!check_signals()) {
      *err = 0;
      return r;
    }
  }
}

// A path argument: str (encoded as the file-system encoding, UTF-8 with
// surrogateescape), bytes, an os.PathLike whose __fspath__ gives either,
// or, where allowed, an int file descriptor.
struct PathArg {
  std::string path;   // the bytes the system call takes
  int fd = -1;        // >= 0: a file descriptor was given
  bool is_bytes = false;
  Ref<> object;       // the argument, for the exception's filename
};

// Converts `o` for function `fname`'s parameter `param`; false with
// CPython's TypeError/ValueError.
// allow_none: the caller handles None itself (listdir, scandir); it only
// changes the message.
bool path_arg(const char* fname, const char* param, Object* o, bool allow_fd, PathArg* out, bool allow_none = false);
// A file name from the system in the type the caller gave: bytes, or str
// decoded with surrogateescape.
Object* fs_name(std::string_view name, bool as_bytes);
// Integer and file-descriptor arguments, with CPython's errors.
bool int_arg(Object* o, int64_t* out);
bool fd_arg(Object* o, int* out);
// A descriptor given as an int or as an object with fileno() (CPython's
// PyObject_AsFileDescriptor, which fcntl and select take): TypeError or
// ValueError with CPython's messages.
bool object_as_fd(Object* o, int* out);
// None, or OSError from errno when r < 0.
Object* none_or_errno(int r, Object* filename = nullptr, Object* filename2 = nullptr);
// os.stat_result for a struct stat; defined in posix.cc.
Object* stat_result_from(const void* stat_buf);

// posix_process.cc: its functions, and its struct-sequence types and
// environ added to the module's dict.
struct MethodDef;
struct Dict;
extern const MethodDef kPosixProcessFunctions[];
void init_posix_process(Dict* module_dict);

// Readies DirEntry and the scandir iterator; returns os.scandir's
// function table entry (posix_scandir.cc).
void init_scandir_types();
extern Type dir_entry_type, scandir_iterator_type;
Object* posix_scandir(Object*, Object* const* args, size_t nargs, Tuple* kwnames);

}  // namespace ftpy

// fcntl (CPython's Modules/fcntlmodule.c): fcntl, ioctl, flock and lockf
// on file descriptors, with the platform's constants, CPython 3.11's
// argument rules (a descriptor is an int or an object with fileno(); a
// buffer argument of at most 1024 bytes is passed by address and the
// result returned as bytes) and its messages. subprocess, pty, tty and
// getpass import it.
//
// Threading: stateless. Each call is one system call on the caller's
// descriptor, made detached (a lock may block) and retried after EINTR
// once pending signals have run (PEP 475). A bytearray that ioctl may
// update is copied out and back under the bytearray's critical section.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/critical_section.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "module_init.h"
#include "posix_support.h"

namespace ftpy {

namespace {

using Args = Object* const*;

constexpr size_t kBufSize = 1024;  // CPython's buffer for fcntl and ioctl arguments

// Runs `call` detached, retrying after EINTR once signals have run: its
// result, or -1 with an exception.
template <class Call>
long retrying(Call call) {
  int err;
  long r = call_retrying_eintr(call, &err);
  if (r < 0 && err != 0) raise_errno(err);
  return r;
}

// The bytes of a str (UTF-8) or of a read-only bytes-like argument; false
// without an exception when `o` is neither.
bool string_arg(Object* o, std::string* out) {
  if (is_str(o)) {
    *out = std::string(str_view(o));
    return true;
  }
  if (!is_bytes_like(o)) return false;
  return bytes_like_copy(o, out);
}

// fcntl(fd, cmd, arg=0, /)
Object* m_fcntl(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("fcntl.fcntl", kwnames) || !check_nargs("fcntl", nargs, 2, 3)) return nullptr;
  int fd, cmd;
  if (!object_as_fd(args[0], &fd) || !c_int_arg(args[1], &cmd)) return nullptr;
  unsigned int int_arg = 0;
  if (nargs == 3) {
    std::string data;
    if (string_arg(args[2], &data)) {
      if (data.size() > kBufSize) return raise(&ValueError_type, "fcntl string arg too long");
      char buf[kBufSize];
      std::memcpy(buf, data.data(), data.size());
      if (retrying([&] { return static_cast<long>(::fcntl(fd, cmd, buf)); }) < 0) return nullptr;
      return bytes_new(std::string_view(buf, data.size()));
    }
    if (error_occurred()) return nullptr;
    uint64_t v;
    if (!masked_int_arg(args[2], 0xFFFFFFFFu, &v)) return nullptr;
    int_arg = static_cast<unsigned int>(v);
  }
  long r = retrying([&] { return static_cast<long>(::fcntl(fd, cmd, static_cast<int>(int_arg))); });
  return r < 0 ? nullptr : int_from_i64(r);
}

// ioctl(fd, request, arg=0, mutate_flag=True, /)
Object* m_ioctl(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("fcntl.ioctl", kwnames) || !check_nargs("ioctl", nargs, 2, 4)) return nullptr;
  int fd;
  uint64_t request;
  if (!object_as_fd(args[0], &fd) || !masked_int_arg(args[1], 0xFFFFFFFFu, &request)) return nullptr;
  bool mutate = true;
  if (nargs == 4) {
    int t = object_is_true(args[3]);
    if (t < 0) return nullptr;
    mutate = t != 0;
  }
  auto code = static_cast<unsigned long>(request);
  if (nargs >= 3 && is_bytearray(args[2])) {
    // A writable buffer: the call may change it. Up to kBufSize bytes go
    // through a private buffer, copied back when mutate_flag is true.
    auto* ba = static_cast<ByteArray*>(args[2]);
    std::string data;
    {
      ScopedCriticalSection cs(ba);
      data.assign(ba->data ? ba->data : "", static_cast<size_t>(ba->size));
    }
    if (!mutate && data.size() > kBufSize) return raise(&ValueError_type, "ioctl string arg too long");
    if (mutate && data.size() > kBufSize) {
      // CPython passes the object's own storage; ftpy passes a copy and
      // writes it back, so a concurrent resize cannot move it mid-call.
      data.push_back('\0');
      long r = retrying([&] { return static_cast<long>(::ioctl(fd, code, data.data())); });
      if (r < 0) return nullptr;
      data.pop_back();
      ScopedCriticalSection cs(ba);
      if (!data.empty() && static_cast<size_t>(ba->size) == data.size()) {
        std::memcpy(ba->data, data.data(), data.size());
      }
      return int_from_i64(r);
    }
    char buf[kBufSize + 1];
    std::memcpy(buf, data.data(), data.size());
    buf[data.size()] = '\0';
    long r = retrying([&] { return static_cast<long>(::ioctl(fd, code, buf)); });
    if (r < 0) return nullptr;
    if (!mutate) return bytes_new(std::string_view(buf, data.size()));
    ScopedCriticalSection cs(ba);
    if (!data.empty() && static_cast<size_t>(ba->size) == data.size()) std::memcpy(ba->data, buf, data.size());
    return int_from_i64(r);
  }
  if (nargs >= 3) {
    std::string data;
    if (string_arg(args[2], &data)) {
      if (data.size() > kBufSize) return raise(&ValueError_type, "ioctl string arg too long");
      char buf[kBufSize + 1];
      std::memcpy(buf, data.data(), data.size());
      buf[data.size()] = '\0';
      if (retrying([&] { return static_cast<long>(::ioctl(fd, code, buf)); }) < 0) return nullptr;
      return bytes_new(std::string_view(buf, data.size()));
    }
    if (error_occurred()) return nullptr;
  }
  int arg = 0;
  if (nargs >= 3 && !c_int_arg(args[2], &arg)) return nullptr;
  long r = retrying([&] { return static_cast<long>(::ioctl(fd, code, arg)); });
  return r < 0 ? nullptr : int_from_i64(r);
}

// flock(fd, operation, /)
Object* m_flock(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("fcntl.flock", kwnames) || !check_nargs("flock", nargs, 2, 2)) return nullptr;
  int fd, op;
  if (!object_as_fd(args[0], &fd) || !c_int_arg(args[1], &op)) return nullptr;
  if (retrying([&] { return static_cast<long>(::flock(fd, op)); }) < 0) return nullptr;
  return newref(kNone);
}

// lockf(fd, cmd, len=0, start=0, whence=0, /): fcntl record locks with
// flock()'s LOCK_* commands.
Object* m_lockf(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("fcntl.lockf", kwnames) || !check_nargs("lockf", nargs, 2, 5)) return nullptr;
  int fd, code, whence = 0;
  int64_t len = 0, start = 0;
  if (!object_as_fd(args[0], &fd) || !c_int_arg(args[1], &code) || (nargs > 2 && !index_as_i64(args[2], &len)) ||
      (nargs > 3 && !index_as_i64(args[3], &start)) || (nargs > 4 && !c_int_arg(args[4], &whence))) {
    return nullptr;
  }
  struct flock l {};
  if (code == LOCK_UN) {
    l.l_type = F_UNLCK;
  } else if (code & LOCK_SH) {
    l.l_type = F_RDLCK;
  } else if (code & LOCK_EX) {
    l.l_type = F_WRLCK;
  } else {
    return raise(&ValueError_type, "unrecognized lockf argument");
  }
  l.l_start = static_cast<off_t>(start);
  l.l_len = static_cast<off_t>(len);
  l.l_whence = static_cast<short>(whence);
  int cmd = (code & LOCK_NB) ? F_SETLK : F_SETLKW;
  if (retrying([&] { return static_cast<long>(::fcntl(fd, cmd, &l)); }) < 0) return nullptr;
  return newref(kNone);
}

const MethodDef kFunctions[] = {
    {"fcntl", m_fcntl}, {"ioctl", m_ioctl}, {"flock", m_flock}, {"lockf", m_lockf}, {nullptr, nullptr},
};

#define FTPY_CONST(name) {#name, name},
const IntConstant kConstants[] = {
    FTPY_CONST(LOCK_SH) FTPY_CONST(LOCK_EX) FTPY_CONST(LOCK_NB) FTPY_CONST(LOCK_UN)
#ifdef LOCK_MAND
    FTPY_CONST(LOCK_MAND) FTPY_CONST(LOCK_READ) FTPY_CONST(LOCK_WRITE) FTPY_CONST(LOCK_RW)
#endif
    FTPY_CONST(F_DUPFD) FTPY_CONST(F_DUPFD_CLOEXEC) FTPY_CONST(F_GETFD) FTPY_CONST(F_SETFD) FTPY_CONST(F_GETFL)
    FTPY_CONST(F_SETFL) FTPY_CONST(F_GETLK) FTPY_CONST(F_SETLK) FTPY_CONST(F_SETLKW) FTPY_CONST(F_GETOWN)
    FTPY_CONST(F_SETOWN) FTPY_CONST(F_RDLCK) FTPY_CONST(F_WRLCK) FTPY_CONST(F_UNLCK) FTPY_CONST(FD_CLOEXEC)
#ifdef F_GETLK64
    FTPY_CONST(F_GETLK64) FTPY_CONST(F_SETLK64) FTPY_CONST(F_SETLKW64)
#endif
#ifdef F_OFD_GETLK
    FTPY_CONST(F_OFD_GETLK) FTPY_CONST(F_OFD_SETLK) FTPY_CONST(F_OFD_SETLKW)
#endif
#ifdef FASYNC
    FTPY_CONST(FASYNC)
#endif
#ifdef F_GETSIG
    FTPY_CONST(F_GETSIG) FTPY_CONST(F_SETSIG)
#endif
#ifdef F_GETLEASE
    FTPY_CONST(F_GETLEASE) FTPY_CONST(F_SETLEASE) FTPY_CONST(F_NOTIFY)
#endif
#ifdef F_EXLCK
    FTPY_CONST(F_EXLCK) FTPY_CONST(F_SHLCK)
#endif
#ifdef F_GETPIPE_SZ
    FTPY_CONST(F_GETPIPE_SZ) FTPY_CONST(F_SETPIPE_SZ)
#endif
#ifdef DN_ACCESS
    FTPY_CONST(DN_ACCESS) FTPY_CONST(DN_MODIFY) FTPY_CONST(DN_CREATE) FTPY_CONST(DN_DELETE) FTPY_CONST(DN_RENAME)
    FTPY_CONST(DN_ATTRIB) FTPY_CONST(DN_MULTISHOT)
#endif
#ifdef F_ADD_SEALS
    FTPY_CONST(F_ADD_SEALS) FTPY_CONST(F_GET_SEALS) FTPY_CONST(F_SEAL_SEAL) FTPY_CONST(F_SEAL_SHRINK)
    FTPY_CONST(F_SEAL_GROW) FTPY_CONST(F_SEAL_WRITE)
#endif
};
#undef FTPY_CONST

Module* make_fcntl_module() {
  Ref<Module> module(module_new("fcntl"));
  if (!module) return nullptr;
  Module* m = module.get();
  add_functions(m->dict, m, kFunctions);
  if (!add_int_constants(m->dict, kConstants)) return nullptr;
  return module.release();
}

}  // namespace

void init_fcntl_module() { register_lazy_module("fcntl", make_fcntl_module); }

}  // namespace ftpy

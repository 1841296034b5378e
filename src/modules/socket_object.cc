// _socket.socket (CPython's Modules/socketmodule.c, sock_*): the object
// CPython's socket.py derives its socket class from, with CPython 3.11's
// methods, arguments, results and messages. Threading: socket_internal.h.
//
// Timeouts work as CPython's do: a socket with a timeout (or none, 0) keeps
// its descriptor non-blocking, and each call first waits in poll() for the
// time left, then retries the call while it would block (sock_call below,
// CPython's sock_call_ex). After EINTR the pending signal handlers run and
// the call is retried (PEP 475).
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstring>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/detach.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/memoryview.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/pytime.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "socket_internal.h"

namespace ftpy {

namespace socket_impl {

Type socket_type;

namespace {

using Args = Object* const*;
using Clock = std::chrono::steady_clock;

// Puts the descriptor in blocking or non-blocking mode.
bool set_blocking(int fd, bool block) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0) {
    raise_errno(errno);
    return false;
  }
  int want = block ? flags & ~O_NONBLOCK : flags | O_NONBLOCK;
  if (want != flags && ::fcntl(fd, F_SETFL, want) < 0) {
    raise_errno(errno);
    return false;
  }
  return true;
}

// CPython's init_sockobject.
bool init_socket(Socket* s, int fd, int family, int type, int proto) {
  s->fd.store(fd);
  s->family = family;
  s->type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
  s->proto = proto;
  if (type & SOCK_NONBLOCK) {
    s->timeout.store(0);
    return true;
  }
  int64_t t = g_default_timeout.load(std::memory_order_relaxed);
  s->timeout.store(t);
  return t < 0 || set_blocking(fd, false);
}

Object* socket_alloc(Type* type) {
  Socket* s = alloc_instance<Socket>(type);
  if (!s) return nullptr;
  new (&s->fd) std::atomic<int>(-1);
  new (&s->timeout) std::atomic<int64_t>(-1);
  s->family = AF_INET;
  s->type = SOCK_STREAM;
  s->proto = 0;
  return s;
}

// socket(family=-1, type=-1, proto=-1, fileno=None)
bool socket_init(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[4] = {};
  if (!parse_args("socket", args, nargs, kwnames, {"family", "type", "proto", "fileno"}, 0, a)) return false;
  int ints[3] = {-1, -1, -1};
  for (int i = 0; i < 3; i++) {
    if (a[i] && !c_int_arg(a[i], &ints[i])) return false;
  }
  int& family = ints[0];
  int& type = ints[1];
  int& proto = ints[2];
  int fd;
  if (!a[3] || a[3] == kNone) {
    if (family == -1) family = AF_INET;
    if (type == -1) type = SOCK_STREAM;
    if (proto == -1) proto = 0;
    fd = ::socket(family, type | SOCK_CLOEXEC, proto);
    if (fd < 0) {
      raise_errno(errno);
      return false;
    }
  } else {
    if (is_float(a[3])) {
      raise(&TypeError_type, "'float' object cannot be interpreted as an integer");
      return false;
    }
    int64_t v;
    if (!index_as_i64(a[3], &v)) return false;
    if (v < 0) {
      raise(&ValueError_type, "negative file descriptor");
      return false;
    }
    if (v > INT_MAX) {
      raise(&OverflowError_type, "Python int too large to convert to C int");
      return false;
    }
    fd = static_cast<int>(v);
    // The family, type and protocol of a descriptor made elsewhere.
    if (family == -1) {
      SockAddr addr = {};
      socklen_t len = sizeof(addr);
      if (::getsockname(fd, &addr.sa, &len) < 0) {
        raise_errno(errno);
        return false;
      }
      family = addr.sa.sa_family;
    }
    int* fields[2] = {&type, &proto};
    const int opts[2] = {SO_TYPE, SO_PROTOCOL};
    for (int i = 0; i < 2; i++) {
      if (*fields[i] != -1) continue;
      socklen_t len = sizeof(int);
      if (::getsockopt(fd, SOL_SOCKET, opts[i], fields[i], &len) < 0) {
        raise_errno(errno);
        return false;
      }
    }
  }
  return init_socket(as_socket(self), fd, family, type, proto);
}

Object* socket_construct(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  Ref<> self(socket_alloc(type));
  if (!self) return nullptr;
  if (is_heap_type(type)) return self.release();  // its __init__ (socket.py's) calls ours
  return socket_init(self.get(), args, nargs, kwnames) ? self.release() : nullptr;
}

Object* init_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return socket_init(self, args, nargs, kwnames) ? newref(kNone) : nullptr;
}

// A dropped open socket closes its descriptor (CPython's sock_finalize, less
// its ResourceWarning).
void socket_release(Object* o) {
  int fd = as_socket(o)->fd.exchange(-1);
  if (fd >= 0) ::close(fd);
}

void socket_dealloc(Object* o) {
  socket_release(o);
  free_object(o);
}

Object* socket_repr(Object* o) {
  Socket* s = as_socket(o);
  std::string r = "<socket object, fd=" + std::to_string(s->fd.load()) + ", family=" + std::to_string(s->family) +
                  ", type=" + std::to_string(s->type) + ", proto=" + std::to_string(s->proto) + ">";
  return str_new(r);
}

Object* socket_getattr(Object* o, Str* name) {
  Socket* s = as_socket(o);
  std::string_view n = str_view(name);
  if (n == "family") return int_from_i64(s->family);
  if (n == "type") return int_from_i64(s->type);
  if (n == "proto") return int_from_i64(s->proto);
  if (n == "timeout") return timeout_object(s->timeout.load(std::memory_order_relaxed));
  return generic_getattr(o, name);
}


// ---- connection set-up ----

Object* bind_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("bind", kwnames) || !check_nargs("bind", nargs, 1, 1)) return nullptr;
  SockAddr addr;
  socklen_t len;
  if (!parse_address(as_socket(self)->family, args[0], "bind", &addr, &len)) return nullptr;
  if (::bind(fd_of(self), &addr.sa, len) < 0) return raise_errno(errno);
  return newref(kNone);
}

Object* listen_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("listen", kwnames) || !check_nargs("listen", nargs, 0, 1)) return nullptr;
  int backlog = std::min(SOMAXCONN, 128);
  if (nargs == 1 && !c_int_arg(args[0], &backlog)) return nullptr;
  if (::listen(fd_of(self), std::max(backlog, 0)) < 0) return raise_errno(errno);
  return newref(kNone);
}

// CPython's internal_connect: 0 connected, else the error number (or -1
// with an exception raised when `raise_errors`).
int do_connect(Object* self, Object* address, bool raise_errors) {
  Socket* s = as_socket(self);
  SockAddr addr;
  socklen_t len;
  if (!parse_address(s->family, address, "connect", &addr, &len)) return -1;
  int r, e;
  {
    DetachScope blocking(DetachMode::kBlocking);
    r = ::connect(s->fd.load(), &addr.sa, len);
    e = errno;
  }
  if (r == 0) return 0;
  int64_t timeout = timeout_of(self);
  bool wait;
  if (e == EINTR) {
    if (!check_signals()) return -1;
    wait = timeout != 0;  // the connection goes on in the background
  } else {
    wait = timeout > 0 && e == EINPROGRESS;
  }
  if (!wait) {
    if (raise_errors) {
      raise_errno(e);
      return -1;
    }
    return e;
  }
  // Wait for the connection, then read its outcome.
  CallError error;
  int got = sock_call(
      s, true, timeout,
      [](int fd) {
        int err = 0;
        socklen_t n = sizeof(err);
        if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &n) < 0) return -1;
        if (err == 0) return 0;
        errno = err;
        return -1;
      },
      true, raise_errors ? nullptr : &error);
  if (got == 0) return 0;
  if (raise_errors || error.err == 0) return -1;
  return error.err;
}

Object* connect_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("connect", kwnames) || !check_nargs("connect", nargs, 1, 1)) return nullptr;
  return do_connect(self, args[0], true) == 0 ? newref(kNone) : nullptr;
}

Object* connect_ex_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("connect_ex", kwnames) || !check_nargs("connect_ex", nargs, 1, 1)) return nullptr;
  int r = do_connect(self, args[0], false);
  return r < 0 ? nullptr : int_from_i64(r);
}

// _accept() -> (fd, address); socket.py's accept() wraps the descriptor.
Object* accept_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("_accept", kwnames) || !check_nargs("_accept", nargs, 0, 0)) return nullptr;
  SockAddr addr;
  socklen_t len = 0;
  int fd = sock_call(as_socket(self), false, timeout_of(self), [&](int sfd) {
    len = sizeof(addr);
    std::memset(&addr, 0, sizeof(addr));
    return ::accept4(sfd, &addr.sa, &len, SOCK_CLOEXEC);
  });
  if (fd < 0) return nullptr;
  Ref<> fd_obj(int_from_i64(fd));
  Ref<> address(fd_obj ? make_address(&addr.sa, len) : nullptr);
  if (!address) {
    ::close(fd);
    return nullptr;
  }
  return tuple_pack({fd_obj.get(), address.get()});
}

Object* shutdown_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("shutdown", kwnames) || !check_nargs("shutdown", nargs, 1, 1)) return nullptr;
  int how;
  if (!c_int_arg(args[0], &how)) return nullptr;
  int r, e;
  {
    DetachScope blocking(DetachMode::kBlocking);
    r = ::shutdown(fd_of(self), how);
    e = errno;
  }
  return r < 0 ? raise_errno(e) : newref(kNone);
}

Object* close_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("close", kwnames) || !check_nargs("close", nargs, 0, 0)) return nullptr;
  int fd = as_socket(self)->fd.exchange(-1);
  if (fd < 0) return newref(kNone);
  int r, e;
  {
    DetachScope blocking(DetachMode::kBlocking);
    r = ::close(fd);
    e = errno;
  }
  // ECONNRESET: the peer reset the connection; the descriptor is closed.
  if (r < 0 && e != ECONNRESET) return raise_errno(e);
  return newref(kNone);
}

Object* detach_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("detach", kwnames) || !check_nargs("detach", nargs, 0, 0)) return nullptr;
  return int_from_i64(as_socket(self)->fd.exchange(-1));
}

Object* fileno_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("fileno", kwnames) || !check_nargs("fileno", nargs, 0, 0)) return nullptr;
  return int_from_i64(fd_of(self));
}

Object* name_of(Object* self, bool peer) {
  SockAddr addr;
  std::memset(&addr, 0, sizeof(addr));
  socklen_t len = sizeof(addr);
  int r = peer ? ::getpeername(fd_of(self), &addr.sa, &len) : ::getsockname(fd_of(self), &addr.sa, &len);
  if (r < 0) return raise_errno(errno);
  return make_address(&addr.sa, len);
}

Object* getsockname_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getsockname", kwnames) || !check_nargs("getsockname", nargs, 0, 0)) return nullptr;
  return name_of(self, false);
}

Object* getpeername_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getpeername", kwnames) || !check_nargs("getpeername", nargs, 0, 0)) return nullptr;
  return name_of(self, true);
}

// ---- options and modes ----

Object* getsockopt_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getsockopt", kwnames) || !check_nargs("getsockopt", nargs, 2, 3)) return nullptr;
  int level, opt, buflen = 0;
  if (!c_int_arg(args[0], &level) || !c_int_arg(args[1], &opt) || (nargs == 3 && !c_int_arg(args[2], &buflen))) {
    return nullptr;
  }
  if (buflen == 0) {  // an int option
    int flag = 0;
    socklen_t len = sizeof(flag);
    if (::getsockopt(fd_of(self), level, opt, &flag, &len) < 0) return raise_errno(errno);
    return int_from_i64(flag);
  }
  if (buflen <= 0 || buflen > 1024) return raise(&OSError_type, "getsockopt buflen out of range");
  std::string buf(static_cast<size_t>(buflen), '\0');
  socklen_t len = static_cast<socklen_t>(buflen);
  if (::getsockopt(fd_of(self), level, opt, buf.data(), &len) < 0) return raise_errno(errno);
  return bytes_new(std::string_view(buf.data(), len));
}

// setsockopt(level, option, value: int | buffer) or (level, option, None, optlen)
Object* setsockopt_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("setsockopt", kwnames) || !check_nargs("setsockopt", nargs, 3, 4)) return nullptr;
  int level, opt;
  if (!c_int_arg(args[0], &level) || !c_int_arg(args[1], &opt)) return nullptr;
  int r;
  if (nargs == 4) {
    if (args[2] != kNone) {
      return raise_fmt(&TypeError_type, "setsockopt() argument 3 must be NoneType, not %s", type_name(args[2]));
    }
    int optlen;
    if (!c_int_arg(args[3], &optlen)) return nullptr;
    r = ::setsockopt(fd_of(self), level, opt, nullptr, static_cast<socklen_t>(optlen));
  } else if (is_int(args[2])) {
    int flag;
    if (!c_int_arg(args[2], &flag)) return nullptr;
    r = ::setsockopt(fd_of(self), level, opt, &flag, sizeof(flag));
  } else {
    ByteData data;
    if (!data.init(args[2], "setsockopt")) return nullptr;
    r = ::setsockopt(fd_of(self), level, opt, data.view().data(), static_cast<socklen_t>(data.view().size()));
  }
  return r < 0 ? raise_errno(errno) : newref(kNone);
}

// Stores the timeout and puts the descriptor in the matching mode.
Object* store_timeout(Object* self, int64_t ns) {
  as_socket(self)->timeout.store(ns);
  int fd = fd_of(self);
  if (fd >= 0 && !set_blocking(fd, ns < 0)) return nullptr;
  return newref(kNone);
}

Object* settimeout_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("settimeout", kwnames) || !check_nargs("settimeout", nargs, 1, 1)) return nullptr;
  int64_t ns;
  return parse_timeout(args[0], &ns) ? store_timeout(self, ns) : nullptr;
}

Object* gettimeout_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("gettimeout", kwnames) || !check_nargs("gettimeout", nargs, 0, 0)) return nullptr;
  return timeout_object(timeout_of(self));
}

Object* setblocking_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("setblocking", kwnames) || !check_nargs("setblocking", nargs, 1, 1)) return nullptr;
  int flag;
  if (!c_int_arg(args[0], &flag)) return nullptr;
  return store_timeout(self, flag ? -1 : 0);
}

Object* getblocking_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getblocking", kwnames) || !check_nargs("getblocking", nargs, 0, 0)) return nullptr;
  return newref(bool_from(timeout_of(self) != 0));
}

const MethodDef kSocketMethods[] = {
    {"__init__", init_m},
    {"_accept", accept_m},
    {"bind", bind_m},
    {"close", close_m},
    {"connect", connect_m},
    {"connect_ex", connect_ex_m},
    {"detach", detach_m},
    {"fileno", fileno_m},
    {"getblocking", getblocking_m},
    {"getpeername", getpeername_m},
    {"getsockname", getsockname_m},
    {"getsockopt", getsockopt_m},
    {"gettimeout", gettimeout_m},
    {"listen", listen_m},
    {"setblocking", setblocking_m},
    {"setsockopt", setsockopt_m},
    {"settimeout", settimeout_m},
    {"shutdown", shutdown_m},
    {nullptr, nullptr},
};

}  // namespace

int64_t ns_until(Clock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - Clock::now()).count();
}

int wait_fd(int fd, bool writing, bool connect, int64_t ns, int* err) {
  if (fd < 0) return 1;  // closed meanwhile: the call reports EBADF
  struct pollfd p = {fd, static_cast<short>(writing ? POLLOUT : POLLIN), 0};
  if (connect) p.events |= POLLERR;  // a failed connect() is only an error
  int ms = ns < 0 ? -1 : static_cast<int>(std::min<int64_t>((ns + 999999) / 1000000, INT_MAX));
  DetachScope blocking(DetachMode::kBlocking);
  int r = ::poll(&p, 1, ms);
  *err = errno;
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

bool parse_timeout(Object* o, int64_t* out) {
  if (o == kNone) {
    *out = -1;
    return true;
  }
  if (!seconds_object_to_ns(o, TimeRound::kTimeout, out)) return false;
  if (*out < 0) {
    raise(&ValueError_type, "Timeout value out of range");
    return false;
  }
  return true;
}

Object* timeout_object(int64_t ns) {
  if (ns < 0) return newref(kNone);
  return float_from(static_cast<double>(ns) / 1e9);
}

Object* socket_from_fd(int fd, int family, int type, int proto) {
  Ref<> s(socket_alloc(&socket_type));
  if (!s) {
    ::close(fd);
    return nullptr;
  }
  if (!init_socket(as_socket(s.get()), fd, family, type, proto)) return nullptr;
  return s.release();
}

void init_socket_type() {
  socket_type.name = "_socket.socket";
  socket_type.flags = kTypeBaseType;
  socket_type.basicsize = static_cast<int32_t>(sizeof(Socket));
  socket_type.dealloc = socket_dealloc;
  socket_type.release = socket_release;
  socket_type.new_ = socket_construct;
  socket_type.repr = socket_repr;
  socket_type.getattr = socket_getattr;
  socket_type.doc =
      "socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object\n"
      "socket(family=-1, type=-1, proto=-1, fileno=None) -> socket object\n\n"
      "Open a socket of the given type.";
  init_static_type(&socket_type);
  add_methods(&socket_type, kSocketMethods);
  add_methods(&socket_type, kSocketIoMethods);
  add_builtin_new(&socket_type);
  add_native_attrs(&socket_type, {"timeout"}, {"family", "type", "proto"});
}

}  // namespace socket_impl

}  // namespace ftpy

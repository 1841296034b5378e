// _socket (CPython's Modules/socketmodule.c), the native part under
// CPython's own socket.py (design/stdlib.md, "_socket"). Three files:
//   socket_object.cc  the socket type: every method, timeouts
//   socket_addr.cc    addresses: Python tuples <-> sockaddr, host names,
//                     getaddrinfo and the other resolver functions
//   socket_module.cc  module functions, constants, the exceptions
//
// Threading: a socket object is shared without a lock. Its descriptor and
// its timeout are atomics (CPython 3.13t does the same): close() takes the
// descriptor with an exchange, so two threads closing one socket close the
// descriptor once, and a thread still blocked in recv() on it gets EBADF
// (or the next descriptor with that number, as in CPython: racy programs
// get racy answers, never a crash). family, type and proto are written by
// __init__ before the object is shared. Every call that may block runs
// detached (DetachScope), so other threads and the stop-the-world collector
// go on.
#pragma once

#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <string>

#include "ftpy/detach.h"
#include "ftpy/errors.h"
#include "ftpy/object.h"
#include "ftpy/refcount.h"
#include "ftpy/type.h"

namespace ftpy {

struct Tuple;
struct Dict;
struct MethodDef;

namespace socket_impl {

struct Socket : Object {
  std::atomic<int> fd;           // -1: closed or detached
  std::atomic<int64_t> timeout;  // nanoseconds; -1 blocking (None), 0 non-blocking
  int family, type, proto;
  // No weak-reference list: as in CPython, socket.py's class adds one
  // (__slots__ = ["__weakref__", ...]).
};

inline Socket* as_socket(Object* o) { return static_cast<Socket*>(o); }
inline int64_t timeout_of(Object* self) { return as_socket(self)->timeout.load(std::memory_order_relaxed); }
inline int fd_of(Object* self) { return as_socket(self)->fd.load(std::memory_order_relaxed); }

extern Type socket_type;
// socket.herror and socket.gaierror (OSError subclasses), made once.
extern Type* g_herror;
extern Type* g_gaierror;
// setdefaulttimeout()'s value in nanoseconds (-1: None).
extern std::atomic<int64_t> g_default_timeout;

// A socket address of any family the module takes.
union SockAddr {
  struct sockaddr sa;
  struct sockaddr_in in4;
  struct sockaddr_in6 in6;
  struct sockaddr_un un;
  struct sockaddr_storage storage;
};

// ---- socket_addr.cc ----

// Converts a Python address for a socket of `family` (CPython's
// getsockaddrarg): false with CPython's error naming `caller`.
bool parse_address(int family, Object* address, const char* caller, SockAddr* out, socklen_t* len);
// The Python form of a sockaddr (CPython's makesockaddr): None when len is 0.
Object* make_address(const struct sockaddr* sa, socklen_t len);
// A host name argument (CPython's idna_converter): str (IDNA-encoded when
// not ASCII), bytes or bytearray; false with TypeError.
bool host_arg(Object* o, std::string* out);
// Resolves `name` for family `af` into *out (CPython's setipaddr); returns
// the address's length, or 0 with gaierror/OSError.
socklen_t resolve_host(const std::string& name, int af, SockAddr* out);
// gaierror(code, gai_strerror(code)), or OSError from errno for EAI_SYSTEM.
std::nullptr_t raise_gai(int code);
// The resolver functions (getaddrinfo, gethostbyname, inet_pton, ...).
extern const MethodDef kAddressFunctions[];

// ---- socket_object.cc ----

// Nanoseconds from now until `deadline` (negative once it passed).
int64_t ns_until(std::chrono::steady_clock::time_point deadline);
// Waits (detached) until fd is readable or writable, or `ns` pass (-1: no
// limit): 1 ready, 0 timed out, -1 with errno in *err.
int wait_fd(int fd, bool writing, bool connect, int64_t ns, int* err);

// How a failed sock_call ended, for connect_ex, which returns the error
// number instead of raising.
struct CallError {
  int err = 0;  // errno, or 0 when an exception was raised
};

// Runs `io(fd)` (a system call returning -1 with errno) as CPython's
// sock_call_ex does: with a timeout (`timeout` > 0) it first waits for the
// descriptor, for the time left, and retries while the call would block;
// EINTR runs the signal handlers and retries. `connect`: the connect() was
// already started, so wait before the first call. Returns the call's result,
// or -1: raised (TimeoutError "timed out", OSError from errno) unless
// `error` asks for the error number instead.
template <class Io>
auto sock_call(Socket* s, bool writing, int64_t timeout, Io io, bool connect = false, CallError* error = nullptr)
    -> decltype(io(0)) {
  auto fail = [&](int e) -> decltype(io(0)) {
    if (error) {
      error->err = e;
    } else {
      raise_errno(e);
    }
    return -1;
  };
  using Clock = std::chrono::steady_clock;
  bool has_timeout = timeout > 0;
  Clock::time_point deadline = Clock::now() + std::chrono::nanoseconds(std::max<int64_t>(timeout, 0));
  for (;;) {
    if (has_timeout || connect) {
      int64_t left = -1;
      if (has_timeout) left = std::max<int64_t>(ns_until(deadline), 0);
      int e;
      int r = wait_fd(s->fd.load(std::memory_order_relaxed), writing, connect, left, &e);
      if (r < 0) {
        if (e != EINTR) return fail(e);
        if (!check_signals()) return -1;
        continue;
      }
      if (r == 0) {
        if (error) return fail(EWOULDBLOCK);
        raise(&TimeoutError_type, "timed out");
        return -1;
      }
    }
    int e;
    for (;;) {
      decltype(io(0)) r;
      {
        DetachScope blocking(DetachMode::kBlocking);
        r = io(s->fd.load(std::memory_order_relaxed));
        e = errno;
      }
      if (r >= 0) return r;
      if (e != EINTR) break;
      if (!check_signals()) return -1;
    }
    if (s->timeout.load(std::memory_order_relaxed) > 0 && (e == EWOULDBLOCK || e == EAGAIN)) continue;
    return fail(e);
  }
}

// The data methods (socket_io.cc): recv, send and their relatives.
extern const MethodDef kSocketIoMethods[];

// A timeout argument as nanoseconds (None: -1), with CPython's errors.
bool parse_timeout(Object* o, int64_t* out);
// A float for a timeout in nanoseconds (None for -1).
Object* timeout_object(int64_t ns);
// A new socket object of the exact type over `fd` (socketpair).
Object* socket_from_fd(int fd, int family, int type, int proto);
void init_socket_type();

}  // namespace socket_impl

}  // namespace ftpy

// select (CPython's Modules/selectmodule.c): select() and poll objects with
// CPython 3.11's arguments, results and messages; `selectors` builds its
// PollSelector (its default without epoll) and SelectSelector on them, and
// `subprocess` and `pty` import it. Not yet: epoll, so `selectors` never
// chooses EpollSelector.
//
// Threading: select() keeps no state. A poll object's registered
// descriptors are a map under its critical section; poll() copies them,
// then waits detached, and a second concurrent poll() on one object is
// refused with CPython's RuntimeError (an atomic flag). Both retry after
// EINTR with the time left, once pending signals have run (PEP 475).
#include <poll.h>
#include <sys/select.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cmath>
#include <map>
#include <mutex>
#include <new>
#include <vector>

#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "module_init.h"
#include "posix_support.h"

namespace ftpy {

namespace {

using Args = Object* const*;
using Clock = std::chrono::steady_clock;

Type poll_type;

// A timeout in seconds (int or float) as nanoseconds, rounded up; false
// with `type_message` for anything else.
bool timeout_ns(Object* o, double scale, const char* type_message, int64_t* out) {
  double seconds;
  if (is_float(o)) {
    seconds = static_cast<Float*>(o)->value;
  } else if (is_int(o)) {
    bool overflow = false;
    seconds = int_as_double(o, &overflow);
    if (overflow) seconds = int_sign(o) < 0 ? -HUGE_VAL : HUGE_VAL;
  } else {
    raise(&TypeError_type, type_message);
    return false;
  }
  if (std::isnan(seconds)) {
    raise(&ValueError_type, "Invalid value NaN (not a number)");
    return false;
  }
  double ns = std::ceil(seconds * scale);
  if (ns >= 9.2e18 || ns <= -9.2e18) {
    raise(&OverflowError_type, "timeout doesn't fit into C timeval");
    return false;
  }
  *out = static_cast<int64_t>(ns);
  return true;
}

// The objects of one select() list and their descriptors.
struct FdList {
  std::vector<Ref<>> objects;
  std::vector<int> fds;
};

bool fill_list(Object* seq, FdList* out, fd_set* set, int* max_fd) {
  Ref<> it(object_iter(seq));
  if (!it) {
    if (error_matches(&TypeError_type)) {
      clear_error();
      raise(&TypeError_type, "arguments 1-3 must be sequences");
    }
    return false;
  }
  while (Object* raw = iter_next(it.get())) {
    Ref<> item(raw);
    int fd;
    if (!object_as_fd(item.get(), &fd)) return false;
    if (fd >= FD_SETSIZE) {
      raise(&ValueError_type, "filedescriptor out of range in select()");
      return false;
    }
    FD_SET(fd, set);
    *max_fd = std::max(*max_fd, fd);
    out->objects.push_back(std::move(item));
    out->fds.push_back(fd);
  }
  return !error_occurred();
}

Object* ready_list(const FdList& l, const fd_set& set) {
  Ref<List> out(list_new(0));
  if (!out) return nullptr;
  for (size_t i = 0; i < l.fds.size(); i++) {
    if (FD_ISSET(l.fds[i], &set) && list_append(out.get(), l.objects[i].get()) < 0) return nullptr;
  }
  return out.release();
}

// select(rlist, wlist, xlist, timeout=None, /)
Object* m_select(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("select", kwnames) || !check_nargs("select", nargs, 3, 4)) return nullptr;
  int64_t timeout = -1;  // nanoseconds; -1: wait for ever
  if (nargs == 4 && args[3] != kNone) {
    if (!timeout_ns(args[3], 1e9, "timeout must be a float or None", &timeout)) return nullptr;
    if (timeout < 0) return raise(&ValueError_type, "timeout must be non-negative");
  }
  FdList lists[3];
  fd_set sets[3];
  int max_fd = -1;
  for (int i = 0; i < 3; i++) {
    FD_ZERO(&sets[i]);
    if (!fill_list(args[i], &lists[i], &sets[i], &max_fd)) return nullptr;
  }
  fd_set chosen[3] = {sets[0], sets[1], sets[2]};
  auto deadline = Clock::now() + std::chrono::nanoseconds(std::max<int64_t>(timeout, 0));
  for (;;) {
    struct timeval tv, *tvp = nullptr;
    if (timeout >= 0) {
      int64_t left = std::max<int64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - Clock::now()).count(), 0);
      int64_t us = (left + 999) / 1000;
      tv.tv_sec = static_cast<time_t>(us / 1000000);
      tv.tv_usec = static_cast<suseconds_t>(us % 1000000);
      tvp = &tv;
    }
    int r, err;
    {
      DetachScope blocking(DetachMode::kBlocking);
      r = ::select(max_fd + 1, &chosen[0], &chosen[1], &chosen[2], tvp);
      err = r < 0 ? errno : 0;
    }
    if (r >= 0) break;
    if (err != EINTR) return raise_errno(err);
    if (!check_signals()) return nullptr;
    for (int i = 0; i < 3; i++) chosen[i] = sets[i];
  }
  Ref<> r0(ready_list(lists[0], chosen[0]));
  Ref<> r1(r0 ? ready_list(lists[1], chosen[1]) : nullptr);
  Ref<> r2(r1 ? ready_list(lists[2], chosen[2]) : nullptr);
  if (!r2) return nullptr;
  return tuple_pack({r0.get(), r1.get(), r2.get()});
}

// ---- poll objects ----

struct PollObject : Object {
  std::map<int, short>* fds;     // registered descriptor -> event mask
  std::atomic<bool> running;     // a poll() is waiting
};

PollObject* as_poll(Object* o) { return static_cast<PollObject*>(o); }

void poll_dealloc(Object* o) {
  delete as_poll(o)->fds;
  free_object(o);
}

// An event mask: CPython's unsigned short converter.
bool mask_arg(Object* o, short* out) {
  int64_t v;
  if (!index_as_i64(o, &v)) return false;
  if (v < 0) {
    raise(&ValueError_type, "value must be positive");
    return false;
  }
  if (v > USHRT_MAX) {
    raise(&OverflowError_type, "Python int too large for C unsigned short");
    return false;
  }
  *out = static_cast<short>(static_cast<unsigned short>(v));
  return true;
}

Object* poll_register(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("register", kwnames) || !check_nargs("register", nargs, 1, 2)) return nullptr;
  int fd;
  short mask = POLLIN | POLLPRI | POLLOUT;
  if (!object_as_fd(args[0], &fd) || (nargs == 2 && !mask_arg(args[1], &mask))) return nullptr;
  ScopedCriticalSection cs(self);
  (*as_poll(self)->fds)[fd] = mask;
  return newref(kNone);
}

Object* poll_modify(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("modify", kwnames) || !check_nargs("modify", nargs, 2, 2)) return nullptr;
  int fd;
  short mask;
  if (!object_as_fd(args[0], &fd) || !mask_arg(args[1], &mask)) return nullptr;
  ScopedCriticalSection cs(self);
  auto& fds = *as_poll(self)->fds;
  auto it = fds.find(fd);
  if (it == fds.end()) return raise_errno(ENOENT);
  it->second = mask;
  return newref(kNone);
}

Object* poll_unregister(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("unregister", kwnames) || !check_nargs("unregister", nargs, 1, 1)) return nullptr;
  int fd;
  if (!object_as_fd(args[0], &fd)) return nullptr;
  bool removed;
  {
    ScopedCriticalSection cs(self);
    removed = as_poll(self)->fds->erase(fd) == 1;
  }
  if (!removed) {
    Ref<> key(int_from_i64(fd));
    Ref<Tuple> exc_args(key ? tuple_pack({key.get()}) : nullptr);
    if (exc_args) {
      if (Object* exc = exception_new(&KeyError_type, exc_args.get())) raise_object(exc);
    }
    return nullptr;
  }
  return newref(kNone);
}

// poll(timeout=None, /): timeout in milliseconds, None or negative for ever.
Object* poll_poll(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("poll", kwnames) || !check_nargs("poll", nargs, 0, 1)) return nullptr;
  int64_t timeout = -1;  // nanoseconds
  if (nargs == 1 && args[0] != kNone) {
    if (!timeout_ns(args[0], 1e6, "timeout must be an integer or None", &timeout)) return nullptr;
    if (timeout < 0) timeout = -1;
  }
  PollObject* p = as_poll(self);
  std::vector<struct pollfd> fds;
  {
    ScopedCriticalSection cs(self);
    for (const auto& [fd, mask] : *p->fds) fds.push_back({fd, mask, 0});
  }
  bool idle = false;
  if (!p->running.compare_exchange_strong(idle, true)) {
    return raise(&RuntimeError_type, "concurrent poll() invocation");
  }
  auto deadline = Clock::now() + std::chrono::nanoseconds(std::max<int64_t>(timeout, 0));
  int r;
  for (;;) {
    int ms = -1;
    if (timeout >= 0) {
      int64_t left = std::max<int64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - Clock::now()).count(), 0);
      ms = static_cast<int>(std::min<int64_t>((left + 999999) / 1000000, INT_MAX));
    }
    int err;
    {
      DetachScope blocking(DetachMode::kBlocking);
      r = ::poll(fds.data(), fds.size(), ms);
      err = r < 0 ? errno : 0;
    }
    if (r >= 0) break;
    if (err != EINTR) {
      p->running.store(false);
      return raise_errno(err);
    }
    if (!check_signals()) {
      p->running.store(false);
      return nullptr;
    }
  }
  p->running.store(false);
  Ref<List> out(list_new(0));
  if (!out) return nullptr;
  for (const struct pollfd& f : fds) {
    if (!f.revents) continue;
    Ref<> fd(int_from_i64(f.fd)), ev(int_from_i64(static_cast<unsigned short>(f.revents)));
    Ref<> pair(fd && ev ? tuple_pack({fd.get(), ev.get()}) : nullptr);
    if (!pair || list_append(out.get(), pair.get()) < 0) return nullptr;
  }
  return out.release();
}

const MethodDef kPollMethods[] = {
    {"register", poll_register}, {"modify", poll_modify}, {"unregister", poll_unregister},
    {"poll", poll_poll},         {nullptr, nullptr},
};

Object* m_poll(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("poll", kwnames) || !check_nargs("poll", nargs, 0, 0)) return nullptr;
  auto* p = alloc_object<PollObject>(&poll_type);
  if (!p) return nullptr;
  p->fds = new std::map<int, short>();
  new (&p->running) std::atomic<bool>(false);
  return p;
}

const MethodDef kFunctions[] = {
    {"select", m_select},
    {"poll", m_poll},
    {nullptr, nullptr},
};

void init_types() {
  poll_type.name = "select.poll";
  poll_type.dealloc = poll_dealloc;
  init_static_type(&poll_type);
  add_methods(&poll_type, kPollMethods);
}

#define FTPY_CONST(name) {#name, name},
const IntConstant kConstants[] = {
    FTPY_CONST(POLLIN) FTPY_CONST(POLLPRI) FTPY_CONST(POLLOUT) FTPY_CONST(POLLERR) FTPY_CONST(POLLHUP)
    FTPY_CONST(POLLNVAL) FTPY_CONST(POLLRDNORM) FTPY_CONST(POLLRDBAND) FTPY_CONST(POLLWRNORM) FTPY_CONST(POLLWRBAND)
    FTPY_CONST(POLLMSG) FTPY_CONST(POLLRDHUP) FTPY_CONST(PIPE_BUF)
};
#undef FTPY_CONST

Module* make_select_module() {
  static std::once_flag once;
  std::call_once(once, init_types);
  Ref<Module> module(module_new("select"));
  if (!module) return nullptr;
  Module* m = module.get();
  add_functions(m->dict, m, kFunctions);
  if (!add_int_constants(m->dict, kConstants)) return nullptr;
  if (dict_set_str(m->dict, "error", &OSError_type) < 0) return nullptr;
  return module.release();
}

}  // namespace

void init_select_module() { register_lazy_module("select", make_select_module); }

}  // namespace ftpy

// _socket.socket's data methods (CPython's sock_recv*, sock_send*): recv,
// recv_into, recvfrom, recvfrom_into, send, sendall, sendto, and sendmsg,
// recvmsg, recvmsg_into with ancillary data (SCM_RIGHTS descriptors are how
// multiprocessing passes files). Every call goes through sock_call
// (socket_internal.h), which waits for the socket's timeout and runs
// detached.
#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <cstring>
#include <string>
#include <vector>

#include "ftpy/bytes.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/memoryview.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "socket_internal.h"

namespace ftpy {

namespace socket_impl {

namespace {

using Args = Object* const*;
using Clock = std::chrono::steady_clock;

bool size_arg(Object* o, int64_t* out) {
  if (is_float(o)) {
    raise(&TypeError_type, "'float' object cannot be interpreted as an integer");
    return false;
  }
  return index_as_i64(o, out);
}

// recv(bufsize[, flags], /)
Object* recv_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("recv", kwnames) || !check_nargs("recv", nargs, 1, 2)) return nullptr;
  int64_t size;
  int flags = 0;
  if (!size_arg(args[0], &size) || (nargs == 2 && !c_int_arg(args[1], &flags))) return nullptr;
  if (size < 0) return raise(&ValueError_type, "negative buffersize in recv");
  Bytes* buf = bytes_new_uninit(size);
  if (!buf) return nullptr;
  ssize_t n = sock_call(as_socket(self), false, timeout_of(self),
                        [&](int fd) { return ::recv(fd, buf->data, static_cast<size_t>(size), flags); });
  if (n < 0) {
    decref(buf);
    return nullptr;
  }
  return bytes_finish(buf, n);
}

// Receives into a caller's buffer: recv_into and recvfrom_into.
// (buffer, nbytes=0, flags=0)
Object* recv_into_common(Object* self, Args args, size_t nargs, Tuple* kwnames, bool with_address) {
  const char* fname = with_address ? "recvfrom_into" : "recv_into";
  Object* a[3] = {};
  if (!parse_args(fname, args, nargs, kwnames, {"buffer", "nbytes", "flags"}, 1, a)) return nullptr;
  int64_t want = 0;
  int flags = 0;
  if ((a[1] && !size_arg(a[1], &want)) || (a[2] && !c_int_arg(a[2], &flags))) return nullptr;
  Ref<> view;
  char* data;
  int64_t size;
  std::string what = std::string(fname) + "() argument 1";
  if (!writable_buffer(a[0], what.c_str(), &view, &data, &size)) return nullptr;
  if (want < 0) return raise_fmt(&ValueError_type, "negative buffersize in %s", fname);
  if (want == 0) want = size;
  if (size < want) {
    return raise(&ValueError_type,
                 with_address ? "nbytes is greater than the length of the buffer" : "buffer too small for requested bytes");
  }
  SockAddr addr;
  socklen_t len = 0;
  ssize_t n = sock_call(as_socket(self), false, timeout_of(self), [&](int fd) {
    if (!with_address) return ::recv(fd, data, static_cast<size_t>(want), flags);
    len = sizeof(addr);
    std::memset(&addr, 0, sizeof(addr));
    return ::recvfrom(fd, data, static_cast<size_t>(want), flags, &addr.sa, &len);
  });
  if (n < 0) return nullptr;
  Ref<> count(int_from_i64(n));
  if (!with_address || !count) return count.release();
  Ref<> address(make_address(&addr.sa, len));
  return address ? tuple_pack({count.get(), address.get()}) : nullptr;
}

Object* recv_into_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return recv_into_common(self, args, nargs, kwnames, false);
}

Object* recvfrom_into_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return recv_into_common(self, args, nargs, kwnames, true);
}

// recvfrom(bufsize[, flags], /) -> (data, address)
Object* recvfrom_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("recvfrom", kwnames) || !check_nargs("recvfrom", nargs, 1, 2)) return nullptr;
  int64_t size;
  int flags = 0;
  if (!size_arg(args[0], &size) || (nargs == 2 && !c_int_arg(args[1], &flags))) return nullptr;
  if (size < 0) return raise(&ValueError_type, "negative buffersize in recvfrom");
  Bytes* buf = bytes_new_uninit(size);
  if (!buf) return nullptr;
  SockAddr addr;
  socklen_t len = 0;
  ssize_t n = sock_call(as_socket(self), false, timeout_of(self), [&](int fd) {
    len = sizeof(addr);
    std::memset(&addr, 0, sizeof(addr));
    return ::recvfrom(fd, buf->data, static_cast<size_t>(size), flags, &addr.sa, &len);
  });
  if (n < 0) {
    decref(buf);
    return nullptr;
  }
  Ref<> data(bytes_finish(buf, n));
  Ref<> address(data ? make_address(&addr.sa, len) : nullptr);
  return address ? tuple_pack({data.get(), address.get()}) : nullptr;
}

// send(data[, flags], /) -> bytes sent
Object* send_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("send", kwnames) || !check_nargs("send", nargs, 1, 2)) return nullptr;
  ByteData data;
  int flags = 0;
  if (!data.init(args[0], "send") || (nargs == 2 && !c_int_arg(args[1], &flags))) return nullptr;
  std::string_view v = data.view();
  ssize_t n = sock_call(as_socket(self), true, timeout_of(self),
                        [&](int fd) { return ::send(fd, v.data(), v.size(), flags | MSG_NOSIGNAL); });
  return n < 0 ? nullptr : int_from_i64(n);
}

// sendall(data[, flags], /): sends everything; the timeout bounds the whole.
Object* sendall_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("sendall", kwnames) || !check_nargs("sendall", nargs, 1, 2)) return nullptr;
  ByteData data;
  int flags = 0;
  if (!data.init(args[0], "sendall") || (nargs == 2 && !c_int_arg(args[1], &flags))) return nullptr;
  std::string_view left = data.view();
  int64_t timeout = timeout_of(self);
  Clock::time_point deadline = Clock::now() + std::chrono::nanoseconds(std::max<int64_t>(timeout, 0));
  while (!left.empty()) {
    int64_t interval = timeout;
    if (timeout > 0) {
      interval = ns_until(deadline);
      if (interval <= 0) return raise(&TimeoutError_type, "timed out");
    }
    ssize_t n = sock_call(as_socket(self), true, interval,
                          [&](int fd) { return ::send(fd, left.data(), left.size(), flags | MSG_NOSIGNAL); });
    if (n < 0) return nullptr;
    left.remove_prefix(static_cast<size_t>(n));
    if (!check_signals()) return nullptr;
  }
  return newref(kNone);
}

// sendto(data[, flags], address, /)
Object* sendto_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("sendto", kwnames)) return nullptr;
  if (nargs != 2 && nargs != 3) return raise_fmt(&TypeError_type, "sendto() takes 2 or 3 arguments (%zu given)", nargs);
  ByteData data;
  int flags = 0;
  if (!data.init(args[0], "sendto") || (nargs == 3 && !c_int_arg(args[1], &flags))) return nullptr;
  SockAddr addr;
  socklen_t len;
  if (!parse_address(as_socket(self)->family, args[nargs - 1], "sendto", &addr, &len)) return nullptr;
  std::string_view v = data.view();
  ssize_t n = sock_call(as_socket(self), true, timeout_of(self),
                        [&](int fd) { return ::sendto(fd, v.data(), v.size(), flags | MSG_NOSIGNAL, &addr.sa, len); });
  return n < 0 ? nullptr : int_from_i64(n);
}

// sendmsg/recvmsg's ancillary items: "(level, type, data)".
constexpr const char* kAncItems = "[sendmsg() ancillary data items]()";

// sendmsg(buffers[, ancdata[, flags[, address]]], /) -> bytes sent
Object* sendmsg_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("sendmsg", kwnames) || !check_nargs("sendmsg", nargs, 1, 4)) return nullptr;
  // ByteData views point into themselves: a deque never moves them.
  std::deque<ByteData> buffers;
  Ref<> it(object_iter(args[0]));
  if (!it) {
    if (error_matches(&TypeError_type)) {
      clear_error();
      raise(&TypeError_type, "sendmsg() argument 1 must be an iterable");
    }
    return nullptr;
  }
  while (Object* raw = iter_next(it.get())) {
    Ref<> item(raw);
    if (!buffers.emplace_back().init(item.get(), "sendmsg")) return nullptr;
  }
  if (error_occurred()) return nullptr;
  struct Anc {
    int level, type;
    ByteData data;
  };
  std::deque<Anc> anc;
  if (nargs >= 2) {
    Ref<> items(object_iter(args[1]));
    if (!items) return nullptr;
    while (Object* raw = iter_next(items.get())) {
      Ref<> item(raw);
      if (!is_tuple(item.get()) && !is_list(item.get())) {
        return raise_fmt(&TypeError_type, "%s argument must be 3-item sequence, not %s", kAncItems, type_name(raw));
      }
      Ref<> seq(is_tuple(raw) ? newref(raw) : list_as_tuple(static_cast<List*>(raw)));
      if (!seq) return nullptr;
      auto* t = static_cast<Tuple*>(seq.get());
      if (t->size != 3) {
        return raise_fmt(&TypeError_type, "%s argument must be sequence of length 3, not %lld", kAncItems,
                         static_cast<long long>(t->size));
      }
      Anc& a = anc.emplace_back();
      if (!c_int_arg(t->items[0], &a.level) || !c_int_arg(t->items[1], &a.type) ||
          !a.data.init(t->items[2], "sendmsg")) {
        return nullptr;
      }
    }
    if (error_occurred()) return nullptr;
  }
  int flags = 0;
  if (nargs >= 3 && !c_int_arg(args[2], &flags)) return nullptr;
  SockAddr addr;
  socklen_t addr_len = 0;
  if (nargs == 4 && args[3] != kNone &&
      !parse_address(as_socket(self)->family, args[3], "sendmsg", &addr, &addr_len)) {
    return nullptr;
  }
  std::vector<struct iovec> iov;
  for (const ByteData& b : buffers) {
    iov.push_back({const_cast<char*>(b.view().data()), b.view().size()});
  }
  size_t control_size = 0;
  for (const Anc& a : anc) control_size += CMSG_SPACE(a.data.view().size());
  std::vector<char> control(control_size, 0);
  struct msghdr msg = {};
  msg.msg_name = addr_len ? &addr : nullptr;
  msg.msg_namelen = addr_len;
  msg.msg_iov = iov.data();
  msg.msg_iovlen = iov.size();
  msg.msg_control = control_size ? control.data() : nullptr;
  msg.msg_controllen = control_size;
  struct cmsghdr* c = control_size ? CMSG_FIRSTHDR(&msg) : nullptr;
  for (const Anc& a : anc) {
    c->cmsg_level = a.level;
    c->cmsg_type = a.type;
    c->cmsg_len = CMSG_LEN(a.data.view().size());
    std::memcpy(CMSG_DATA(c), a.data.view().data(), a.data.view().size());
    c = CMSG_NXTHDR(&msg, c);
  }
  ssize_t n = sock_call(as_socket(self), true, timeout_of(self),
                        [&](int fd) { return ::sendmsg(fd, &msg, flags | MSG_NOSIGNAL); });
  return n < 0 ? nullptr : int_from_i64(n);
}

// The part recvmsg and recvmsg_into share (CPython's sock_recvmsg_guts):
// receives into `iov`, then (nbytes, ancdata, msg_flags, address) with
// nbytes as an int; recvmsg swaps in the data.
Object* recvmsg_common(Object* self, std::vector<struct iovec>& iov, Object* ancbufsize, Object* flags_arg) {
  int64_t control_size = 0;
  int flags = 0;
  if ((ancbufsize && !size_arg(ancbufsize, &control_size)) || (flags_arg && !c_int_arg(flags_arg, &flags))) {
    return nullptr;
  }
  if (control_size < 0 || control_size > INT32_MAX) {
    return raise(&ValueError_type, "invalid ancillary data buffer length");
  }
  std::vector<char> control(static_cast<size_t>(control_size));
  SockAddr addr;
  struct msghdr msg = {};
  ssize_t n = sock_call(as_socket(self), false, timeout_of(self), [&](int fd) {
    std::memset(&addr, 0, sizeof(addr));
    msg = {};
    msg.msg_name = &addr;
    msg.msg_namelen = sizeof(addr);
    msg.msg_iov = iov.data();
    msg.msg_iovlen = iov.size();
    msg.msg_control = control_size ? control.data() : nullptr;
    msg.msg_controllen = static_cast<size_t>(control_size);
    return ::recvmsg(fd, &msg, flags);
  });
  if (n < 0) return nullptr;
  Ref<List> items(list_new(0));
  if (!items) return nullptr;
  const char* end = control.data() + msg.msg_controllen;
  for (struct cmsghdr* c = msg.msg_controllen ? CMSG_FIRSTHDR(&msg) : nullptr; c; c = CMSG_NXTHDR(&msg, c)) {
    const char* data = reinterpret_cast<const char*>(CMSG_DATA(c));
    size_t len = c->cmsg_len > CMSG_LEN(0) ? c->cmsg_len - CMSG_LEN(0) : 0;
    len = std::min(len, static_cast<size_t>(std::max<ptrdiff_t>(end - data, 0)));
    Ref<> level(int_from_i64(c->cmsg_level));
    Ref<> type(level ? int_from_i64(c->cmsg_type) : nullptr);
    Ref<> bytes(type ? bytes_new(std::string_view(data, len)) : nullptr);
    Ref<> item(bytes ? tuple_pack({level.get(), type.get(), bytes.get()}) : nullptr);
    if (!item || list_append(items.get(), item.get()) < 0) return nullptr;
  }
  Ref<> count(int_from_i64(n));
  Ref<> msg_flags(count ? int_from_i64(msg.msg_flags) : nullptr);
  Ref<> address(msg_flags ? make_address(&addr.sa, msg.msg_namelen) : nullptr);
  return address ? tuple_pack({count.get(), items.get(), msg_flags.get(), address.get()}) : nullptr;
}

// recvmsg(bufsize[, ancbufsize[, flags]], /) -> (data, ancdata, msg_flags, address)
Object* recvmsg_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("recvmsg", kwnames) || !check_nargs("recvmsg", nargs, 1, 3)) return nullptr;
  int64_t size;
  if (!size_arg(args[0], &size)) return nullptr;
  if (size < 0) return raise(&ValueError_type, "negative buffer size in recvmsg()");
  Bytes* buf = bytes_new_uninit(size);
  if (!buf) return nullptr;
  std::vector<struct iovec> iov = {{buf->data, static_cast<size_t>(size)}};
  Ref<> r(recvmsg_common(self, iov, nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr));
  if (!r) {
    decref(buf);
    return nullptr;
  }
  auto* t = static_cast<Tuple*>(r.get());
  int64_t n = 0;
  int_as_i64(t->items[0], &n);
  Ref<> data(bytes_finish(buf, n));
  return data ? tuple_pack({data.get(), t->items[1], t->items[2], t->items[3]}) : nullptr;
}

// recvmsg_into(buffers[, ancbufsize[, flags]], /) -> (nbytes, ancdata, msg_flags, address)
Object* recvmsg_into_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("recvmsg_into", kwnames) || !check_nargs("recvmsg_into", nargs, 1, 3)) return nullptr;
  Ref<> it(object_iter(args[0]));
  if (!it) {
    if (error_matches(&TypeError_type)) {
      clear_error();
      raise(&TypeError_type, "recvmsg_into() argument 1 must be an iterable");
    }
    return nullptr;
  }
  std::vector<Ref<>> views;  // pin every buffer while the call writes
  std::vector<struct iovec> iov;
  while (Object* raw = iter_next(it.get())) {
    Ref<> item(raw);
    Ref<> view;
    char* data;
    int64_t size;
    if (!writable_buffer(item.get(), "recvmsg_into() argument 1", &view, &data, &size)) {
      if (error_matches(&TypeError_type)) {
        clear_error();
        raise(&TypeError_type, "recvmsg_into() argument 1 must be an iterable of single-segment read-write buffers");
      }
      return nullptr;
    }
    views.push_back(std::move(view));
    iov.push_back({data, static_cast<size_t>(size)});
  }
  if (error_occurred()) return nullptr;
  return recvmsg_common(self, iov, nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr);
}

}  // namespace

const MethodDef kSocketIoMethods[] = {
    {"recv", recv_m},
    {"recv_into", recv_into_m},
    {"recvfrom", recvfrom_m},
    {"recvfrom_into", recvfrom_into_m},
    {"recvmsg", recvmsg_m},
    {"recvmsg_into", recvmsg_into_m},
    {"send", send_m},
    {"sendall", sendall_m},
    {"sendmsg", sendmsg_m},
    {"sendto", sendto_m},
    {nullptr, nullptr},
};

}  // namespace socket_impl

}  // namespace ftpy

// _socket's addresses and resolver (CPython's Modules/socketmodule.c:
// getsockaddrarg, makesockaddr, setipaddr, socket_getaddrinfo and their
// neighbours), with CPython 3.11's arguments, results and messages.
//
// Families: AF_INET, AF_INET6 and AF_UNIX (with Linux's abstract
// namespace). Others raise CPython's "bad family" OSError when given an
// address and come back as (family, sa_data bytes), as CPython's fallback
// does. Every resolver call is detached: it may wait on the network.
// glibc's resolver functions are thread-safe; the netdb ones used here are
// the reentrant _r forms.
#include <arpa/inet.h>
#include <netdb.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include "ftpy/bytes.h"
#include "ftpy/detach.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "posix_support.h"
#include "socket_internal.h"

namespace ftpy {

namespace socket_impl {

namespace {

using Args = Object* const*;

// Raises `type(code, message)`: gaierror and herror carry the resolver's
// code as errno.
std::nullptr_t raise_coded(Type* type, int code, const char* message) {
  Ref<> c(int_from_i64(code));
  Ref<> m(c ? str_new(message) : nullptr);
  Ref<> exc(m ? call2(type, c.get(), m.get()) : nullptr);
  if (exc) raise_object(exc.release());
  return nullptr;
}

// A str argument as UTF-8 (CPython's "s" converter).
bool str_arg(const char* fname, int index, Object* o, std::string* out) {
  if (!is_str(o)) {
    raise_fmt(&TypeError_type, "%s() argument %d must be str, not %s", fname, index, type_name(o));
    return false;
  }
  std::string_view v = str_view(o);
  if (v.find('\0') != std::string_view::npos) {
    raise(&ValueError_type, "embedded null character");
    return false;
  }
  out->assign(v);
  return true;
}

// getaddrinfo, detached; the error code (and errno for EAI_SYSTEM).
int detached_getaddrinfo(const char* host, const char* port, const struct addrinfo* hints, struct addrinfo** res,
                         int* saved_errno) {
  DetachScope blocking(DetachMode::kBlocking);
  int r = ::getaddrinfo(host, port, hints, res);
  *saved_errno = errno;
  return r;
}

std::nullptr_t raise_gai_errno(int code, int saved_errno) {
  if (code == EAI_SYSTEM) return raise_errno(saved_errno);
  return raise_gai(code);
}

// Frees a getaddrinfo result on every path.
struct AddrInfoList {
  struct addrinfo* head = nullptr;
  ~AddrInfoList() {
    if (head) ::freeaddrinfo(head);
  }
};

Object* ip_string(int af, const void* addr) {
  char buf[INET6_ADDRSTRLEN];
  if (!::inet_ntop(af, addr, buf, sizeof(buf))) return raise_errno(errno);
  return str_new(buf);
}

// The port of an AF_INET/AF_INET6 address tuple: CPython's "i" converter,
// any overflow reported as the port's range.
bool port_arg(Object* o, const char* caller, int* out) {
  int64_t v;
  if (!index_as_i64(o, &v)) {
    if (error_matches(&OverflowError_type)) {
      clear_error();
      raise_fmt(&OverflowError_type, "%s(): port must be 0-65535.", caller);
    }
    return false;
  }
  if (v < 0 || v > 0xffff) {
    raise_fmt(&OverflowError_type, "%s(): port must be 0-65535.", caller);
    return false;
  }
  *out = static_cast<int>(v);
  return true;
}

// An unsigned int as CPython's "I" converter takes it (masked, no range
// check).
bool uint_masked_arg(Object* o, uint32_t* out) {
  uint64_t v;
  if (!masked_int_arg(o, 0xffffffffu, &v)) return false;
  *out = static_cast<uint32_t>(v);
  return true;
}

bool parse_unix(Object* address, SockAddr* out, socklen_t* len) {
  std::string path;
  if (is_str(address)) {
    PathArg p;
    if (!path_arg("bind", "address", address, false, &p)) return false;
    path = std::move(p.path);
  } else if (!bytes_like_copy(address, &path)) {
    return false;
  }
  constexpr size_t kMax = sizeof(out->un.sun_path);
  bool abstract = path.empty() || path[0] == '\0';  // Linux's abstract namespace
  if (abstract ? path.size() > kMax : path.size() >= kMax) {
    raise(&OSError_type, "AF_UNIX path too long");
    return false;
  }
  std::memset(&out->un, 0, sizeof(out->un));
  out->un.sun_family = AF_UNIX;
  std::memcpy(out->un.sun_path, path.data(), path.size());
  *len = static_cast<socklen_t>(offsetof(struct sockaddr_un, sun_path) + path.size() + (abstract ? 0 : 1));
  return true;
}

bool parse_inet(Object* address, const char* caller, SockAddr* out, socklen_t* len) {
  if (!is_tuple(address)) {
    raise_fmt(&TypeError_type, "%s(): AF_INET address must be tuple, not %s", caller, type_name(address));
    return false;
  }
  auto* t = static_cast<Tuple*>(address);
  if (t->size != 2) {
    raise(&TypeError_type, "AF_INET address must be a pair (host, port)");
    return false;
  }
  std::string host;
  int port;
  if (!host_arg(t->items[0], &host) || !port_arg(t->items[1], caller, &port)) return false;
  if (!resolve_host(host, AF_INET, out)) return false;
  out->in4.sin_family = AF_INET;
  out->in4.sin_port = htons(static_cast<uint16_t>(port));
  *len = sizeof(out->in4);
  return true;
}

bool parse_inet6(Object* address, const char* caller, SockAddr* out, socklen_t* len) {
  if (!is_tuple(address)) {
    raise_fmt(&TypeError_type, "%s(): AF_INET6 address must be tuple, not %s", caller, type_name(address));
    return false;
  }
  auto* t = static_cast<Tuple*>(address);
  if (t->size < 2 || t->size > 4) {
    raise(&TypeError_type, "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])");
    return false;
  }
  std::string host;
  int port;
  uint32_t flowinfo = 0, scope_id = 0;
  if (!host_arg(t->items[0], &host) || !port_arg(t->items[1], caller, &port) ||
      (t->size > 2 && !uint_masked_arg(t->items[2], &flowinfo)) ||
      (t->size > 3 && !uint_masked_arg(t->items[3], &scope_id))) {
    return false;
  }
  if (flowinfo > 0xfffff) {
    raise_fmt(&OverflowError_type, "%s(): flowinfo must be 0-1048575.", caller);
    return false;
  }
  if (!resolve_host(host, AF_INET6, out)) return false;
  out->in6.sin6_family = AF_INET6;
  out->in6.sin6_port = htons(static_cast<uint16_t>(port));
  out->in6.sin6_flowinfo = htonl(flowinfo);
  out->in6.sin6_scope_id = scope_id;
  *len = sizeof(out->in6);
  return true;
}

// ---- the resolver functions ----

// getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)
Object* m_getaddrinfo(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[6] = {};
  if (!parse_args("getaddrinfo", args, nargs, kwnames, {"host", "port", "family", "type", "proto", "flags"}, 2, a)) {
    return nullptr;
  }
  std::string host, port;
  const char* host_p = nullptr;
  const char* port_p = nullptr;
  if (a[0] != kNone) {
    if (is_str(a[0])) {
      if (!host_arg(a[0], &host)) return nullptr;
    } else if (is_bytes(a[0])) {
      host.assign(bytes_view(a[0]));
    } else {
      return raise(&TypeError_type, "getaddrinfo() argument 1 must be string or None");
    }
    host_p = host.c_str();
  }
  if (is_int(a[1])) {
    int64_t v;
    if (!index_as_i64(a[1], &v)) return nullptr;
    port = std::to_string(v);
    port_p = port.c_str();
  } else if (is_str(a[1])) {
    port.assign(str_view(a[1]));
    port_p = port.c_str();
  } else if (is_bytes(a[1])) {
    port.assign(bytes_view(a[1]));
    port_p = port.c_str();
  } else if (a[1] != kNone) {
    return raise(&OSError_type, "Int or String expected");
  }
  int ints[4] = {AF_UNSPEC, 0, 0, 0};
  for (int i = 0; i < 4; i++) {
    if (a[i + 2] && !c_int_arg(a[i + 2], &ints[i])) return nullptr;
  }
  struct addrinfo hints = {};
  hints.ai_family = ints[0];
  hints.ai_socktype = ints[1];
  hints.ai_protocol = ints[2];
  hints.ai_flags = ints[3];
  AddrInfoList res;
  int saved_errno;
  int code = detached_getaddrinfo(host_p, port_p, &hints, &res.head, &saved_errno);
  if (code) return raise_gai_errno(code, saved_errno);
  Ref<List> out(list_new(0));
  if (!out) return nullptr;
  for (struct addrinfo* r = res.head; r; r = r->ai_next) {
    Ref<> addr(make_address(r->ai_addr, r->ai_addrlen));
    Ref<> fam(addr ? int_from_i64(r->ai_family) : nullptr);
    Ref<> type(fam ? int_from_i64(r->ai_socktype) : nullptr);
    Ref<> proto(type ? int_from_i64(r->ai_protocol) : nullptr);
    Ref<> canon(proto ? str_new(r->ai_canonname ? r->ai_canonname : "") : nullptr);
    Ref<> item(canon ? tuple_pack({fam.get(), type.get(), proto.get(), canon.get(), addr.get()}) : nullptr);
    if (!item || list_append(out.get(), item.get()) < 0) return nullptr;
  }
  return out.release();
}

// getnameinfo(sockaddr, flags, /)
Object* m_getnameinfo(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getnameinfo", kwnames) || !check_nargs("getnameinfo", nargs, 2, 2)) return nullptr;
  if (!is_tuple(args[0])) return raise(&TypeError_type, "getnameinfo() argument 1 must be a tuple");
  auto* t = static_cast<Tuple*>(args[0]);
  if (t->size < 2 || t->size > 4 || !is_str(t->items[0])) {
    return raise(&TypeError_type, "getnameinfo(): illegal sockaddr argument");
  }
  int64_t port;
  uint32_t flowinfo = 0, scope_id = 0;
  int flags;
  if (!index_as_i64(t->items[1], &port) || (t->size > 2 && !uint_masked_arg(t->items[2], &flowinfo)) ||
      (t->size > 3 && !uint_masked_arg(t->items[3], &scope_id)) || !c_int_arg(args[1], &flags)) {
    return nullptr;
  }
  if (flowinfo > 0xfffff) return raise(&OverflowError_type, "getnameinfo(): flowinfo must be 0-1048575.");
  std::string host(str_view(t->items[0]));
  std::string port_text = std::to_string(port);
  struct addrinfo hints = {};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST;
  AddrInfoList res;
  int saved_errno;
  int code = detached_getaddrinfo(host.c_str(), port_text.c_str(), &hints, &res.head, &saved_errno);
  if (code) return raise_gai_errno(code, saved_errno);
  if (res.head->ai_next) return raise(&OSError_type, "sockaddr resolved to multiple addresses");
  SockAddr addr = {};
  std::memcpy(&addr, res.head->ai_addr, std::min<size_t>(res.head->ai_addrlen, sizeof(addr)));
  if (res.head->ai_family == AF_INET) {
    if (t->size != 2) return raise(&OSError_type, "IPv4 sockaddr must be 2 tuple");
  } else if (res.head->ai_family == AF_INET6) {
    addr.in6.sin6_flowinfo = htonl(flowinfo);
    addr.in6.sin6_scope_id = scope_id;
  }
  char hbuf[NI_MAXHOST], pbuf[NI_MAXSERV];
  {
    DetachScope blocking(DetachMode::kBlocking);
    code = ::getnameinfo(&addr.sa, res.head->ai_addrlen, hbuf, sizeof(hbuf), pbuf, sizeof(pbuf), flags);
    saved_errno = errno;
  }
  if (code) return raise_gai_errno(code, saved_errno);
  Ref<> h(str_new(hbuf));
  Ref<> p(h ? str_new(pbuf) : nullptr);
  return p ? tuple_pack({h.get(), p.get()}) : nullptr;
}

// gethostbyname(hostname, /): the IPv4 address as a string.
Object* m_gethostbyname(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("gethostbyname", kwnames) || !check_nargs("gethostbyname", nargs, 1, 1)) return nullptr;
  std::string name;
  if (!is_str(args[0]) && !is_bytes(args[0]) && !is_bytearray(args[0])) {
    return raise_fmt(&TypeError_type, "gethostbyname() argument 1 must be str, bytes or bytearray, not %s",
                     type_name(args[0]));
  }
  SockAddr addr;
  if (!host_arg(args[0], &name) || !resolve_host(name, AF_INET, &addr)) return nullptr;
  return ip_string(AF_INET, &addr.in4.sin_addr);
}

// (name, aliases, addresses) of a hostent (CPython's gethost_common).
Object* host_entry(struct hostent* h, int h_error) {
  if (!h) return raise_coded(g_herror, h_error, ::hstrerror(h_error));
  Ref<List> aliases(list_new(0));
  Ref<List> addrs(aliases ? list_new(0) : nullptr);
  if (!addrs) return nullptr;
  for (char** p = h->h_aliases; p && *p; p++) {
    Ref<> s(str_new(*p));
    if (!s || list_append(aliases.get(), s.get()) < 0) return nullptr;
  }
  for (char** p = h->h_addr_list; p && *p; p++) {
    Ref<> s(ip_string(h->h_addrtype, *p));
    if (!s || list_append(addrs.get(), s.get()) < 0) return nullptr;
  }
  Ref<> name(str_new(h->h_name ? h->h_name : ""));
  return name ? tuple_pack({name.get(), aliases.get(), addrs.get()}) : nullptr;
}

// gethostbyname_ex(hostname, /)
Object* m_gethostbyname_ex(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("gethostbyname_ex", kwnames) || !check_nargs("gethostbyname_ex", nargs, 1, 1)) return nullptr;
  std::string name;
  SockAddr addr;
  if (!host_arg(args[0], &name) || !resolve_host(name, AF_INET, &addr)) return nullptr;
  struct hostent entry, *h = nullptr;
  std::vector<char> buf(16384);
  int h_error = 0;
  {
    DetachScope blocking(DetachMode::kBlocking);
    ::gethostbyname_r(name.c_str(), &entry, buf.data(), buf.size(), &h, &h_error);
  }
  return host_entry(h, h_error);
}

// gethostbyaddr(ip_address, /)
Object* m_gethostbyaddr(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("gethostbyaddr", kwnames) || !check_nargs("gethostbyaddr", nargs, 1, 1)) return nullptr;
  std::string name;
  SockAddr addr;
  if (!host_arg(args[0], &name) || !resolve_host(name, AF_UNSPEC, &addr)) return nullptr;
  const void* raw = addr.sa.sa_family == AF_INET6 ? static_cast<const void*>(&addr.in6.sin6_addr)
                                                  : static_cast<const void*>(&addr.in4.sin_addr);
  socklen_t raw_len = addr.sa.sa_family == AF_INET6 ? sizeof(addr.in6.sin6_addr) : sizeof(addr.in4.sin_addr);
  struct hostent entry, *h = nullptr;
  std::vector<char> buf(16384);
  int h_error = 0;
  {
    DetachScope blocking(DetachMode::kBlocking);
    ::gethostbyaddr_r(raw, raw_len, addr.sa.sa_family, &entry, buf.data(), buf.size(), &h, &h_error);
  }
  return host_entry(h, h_error);
}

// getservbyname(servicename[, protocolname], /)
Object* m_getservbyname(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getservbyname", kwnames) || !check_nargs("getservbyname", nargs, 1, 2)) return nullptr;
  std::string name, proto;
  if (!str_arg("getservbyname", 1, args[0], &name) || (nargs == 2 && !str_arg("getservbyname", 2, args[1], &proto))) {
    return nullptr;
  }
  struct servent entry, *s = nullptr;
  char buf[4096];
  {
    DetachScope blocking(DetachMode::kBlocking);
    ::getservbyname_r(name.c_str(), nargs == 2 ? proto.c_str() : nullptr, &entry, buf, sizeof(buf), &s);
  }
  if (!s) return raise(&OSError_type, "service/proto not found");
  return int_from_i64(ntohs(static_cast<uint16_t>(s->s_port)));
}

// getservbyport(port[, protocolname], /)
Object* m_getservbyport(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getservbyport", kwnames) || !check_nargs("getservbyport", nargs, 1, 2)) return nullptr;
  int port;
  std::string proto;
  if (!c_int_arg(args[0], &port) || (nargs == 2 && !str_arg("getservbyport", 2, args[1], &proto))) return nullptr;
  if (port < 0 || port > 0xffff) return raise(&OverflowError_type, "getservbyport: port must be 0-65535.");
  struct servent entry, *s = nullptr;
  char buf[4096];
  {
    DetachScope blocking(DetachMode::kBlocking);
    ::getservbyport_r(htons(static_cast<uint16_t>(port)), nargs == 2 ? proto.c_str() : nullptr, &entry, buf,
                      sizeof(buf), &s);
  }
  if (!s) return raise(&OSError_type, "port/proto not found");
  return str_new(s->s_name);
}

// getprotobyname(name, /)
Object* m_getprotobyname(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getprotobyname", kwnames) || !check_nargs("getprotobyname", nargs, 1, 1)) return nullptr;
  std::string name;
  if (!str_arg("getprotobyname", 1, args[0], &name)) return nullptr;
  struct protoent entry, *p = nullptr;
  char buf[4096];
  ::getprotobyname_r(name.c_str(), &entry, buf, sizeof(buf), &p);
  if (!p) return raise(&OSError_type, "protocol not found");
  return int_from_i64(p->p_proto);
}

// inet_aton(string, /): four bytes, as the C library parses them ("1.2.3"
// is 1.2.0.3).
Object* m_inet_aton(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("inet_aton", kwnames) || !check_nargs("inet_aton", nargs, 1, 1)) return nullptr;
  std::string text;
  if (!str_arg("inet_aton", 1, args[0], &text)) return nullptr;
  struct in_addr a;
  if (!::inet_aton(text.c_str(), &a)) return raise(&OSError_type, "illegal IP address string passed to inet_aton");
  return bytes_new(std::string_view(reinterpret_cast<const char*>(&a), sizeof(a)));
}

// inet_ntoa(packed_ip, /)
Object* m_inet_ntoa(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("inet_ntoa", kwnames) || !check_nargs("inet_ntoa", nargs, 1, 1)) return nullptr;
  ByteData data;
  if (!data.init(args[0], "inet_ntoa")) return nullptr;
  if (data.view().size() != 4) return raise(&OSError_type, "packed IP wrong length for inet_ntoa");
  return ip_string(AF_INET, data.view().data());
}

// inet_pton(address_family, ip_string, /)
Object* m_inet_pton(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("inet_pton", kwnames) || !check_nargs("inet_pton", nargs, 2, 2)) return nullptr;
  int af;
  std::string text;
  if (!c_int_arg(args[0], &af) || !str_arg("inet_pton", 2, args[1], &text)) return nullptr;
  unsigned char packed[sizeof(struct in6_addr)];
  int r = ::inet_pton(af, text.c_str(), packed);
  if (r < 0) return raise_errno(errno);
  if (r == 0) return raise(&OSError_type, "illegal IP address string passed to inet_pton");
  size_t n = af == AF_INET ? sizeof(struct in_addr) : sizeof(struct in6_addr);
  return bytes_new(std::string_view(reinterpret_cast<const char*>(packed), n));
}

// inet_ntop(address_family, packed_ip, /)
Object* m_inet_ntop(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("inet_ntop", kwnames) || !check_nargs("inet_ntop", nargs, 2, 2)) return nullptr;
  int af;
  ByteData data;
  if (!c_int_arg(args[0], &af) || !data.init(args[1], "inet_ntop")) return nullptr;
  size_t want = af == AF_INET ? 4 : af == AF_INET6 ? 16 : 0;
  if (want == 0) return raise_fmt(&ValueError_type, "unknown address family %d", af);
  if (data.view().size() != want) return raise(&ValueError_type, "invalid length of packed IP address string");
  return ip_string(af, data.view().data());
}

}  // namespace

std::nullptr_t raise_gai(int code) { return raise_coded(g_gaierror, code, ::gai_strerror(code)); }

bool host_arg(Object* o, std::string* out) {
  if (is_str(o)) {
    if (static_cast<Str*>(o)->is_ascii) {
      out->assign(str_view(o));
    } else {
      Ref<> codec(str_new("idna"));
      Object* arg = codec.get();
      Ref<> encoded(codec ? call_method(o, "encode", &arg, 1) : nullptr);
      if (!encoded) return false;
      if (!is_bytes(encoded.get())) {
        raise(&TypeError_type, "encoder did not return a bytes object");
        return false;
      }
      out->assign(bytes_view(encoded.get()));
    }
  } else if (is_bytes(o) || is_bytearray(o)) {
    if (!bytes_like_copy(o, out)) return false;
  } else {
    raise_fmt(&TypeError_type, "str, bytes or bytearray expected, not %s", type_name(o));
    return false;
  }
  if (out->find('\0') != std::string::npos) {
    raise(&TypeError_type, "host name must not contain null character");
    return false;
  }
  return true;
}

socklen_t resolve_host(const std::string& name, int af, SockAddr* out) {
  std::memset(out, 0, sizeof(*out));
  struct addrinfo hints = {};
  AddrInfoList res;
  int saved_errno;
  if (name.empty()) {
    // The wildcard address of the family.
    hints.ai_family = af;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_PASSIVE;
    int code = detached_getaddrinfo(nullptr, "0", &hints, &res.head, &saved_errno);
    if (code) return raise_gai_errno(code, saved_errno), 0;
    if (res.head->ai_family != AF_INET && res.head->ai_family != AF_INET6) {
      return raise(&OSError_type, "unsupported address family"), 0;
    }
    if (res.head->ai_next) return raise(&OSError_type, "wildcard resolved to multiple address"), 0;
  } else if (name == "<broadcast>" || name == "255.255.255.255") {
    if (af != AF_INET && af != AF_UNSPEC) return raise(&OSError_type, "address family mismatched"), 0;
    out->in4.sin_family = AF_INET;
    out->in4.sin_addr.s_addr = INADDR_BROADCAST;
    return sizeof(out->in4);
  } else if ((af == AF_INET || af == AF_UNSPEC) && ::inet_pton(AF_INET, name.c_str(), &out->in4.sin_addr) > 0) {
    out->in4.sin_family = AF_INET;
    return sizeof(out->in4);
  } else if ((af == AF_INET6 || af == AF_UNSPEC) && ::inet_pton(AF_INET6, name.c_str(), &out->in6.sin6_addr) > 0) {
    out->in6.sin6_family = AF_INET6;
    return sizeof(out->in6);
  } else {
    hints.ai_family = af;
    int code = detached_getaddrinfo(name.c_str(), nullptr, &hints, &res.head, &saved_errno);
    if (code) return raise_gai_errno(code, saved_errno), 0;
  }
  socklen_t len = std::min<socklen_t>(res.head->ai_addrlen, sizeof(*out));
  std::memcpy(out, res.head->ai_addr, len);
  return len;
}

bool parse_address(int family, Object* address, const char* caller, SockAddr* out, socklen_t* len) {
  switch (family) {
    case AF_UNIX: return parse_unix(address, out, len);
    case AF_INET: return parse_inet(address, caller, out, len);
    case AF_INET6: return parse_inet6(address, caller, out, len);
    default:
      raise_fmt(&OSError_type, "%s(): bad family", caller);
      return false;
  }
}

Object* make_address(const struct sockaddr* sa, socklen_t len) {
  if (len == 0) return newref(kNone);
  switch (sa->sa_family) {
    case AF_INET: {
      auto* a = reinterpret_cast<const struct sockaddr_in*>(sa);
      Ref<> host(ip_string(AF_INET, &a->sin_addr));
      Ref<> port(host ? int_from_i64(ntohs(a->sin_port)) : nullptr);
      return port ? tuple_pack({host.get(), port.get()}) : nullptr;
    }
    case AF_INET6: {
      auto* a = reinterpret_cast<const struct sockaddr_in6*>(sa);
      Ref<> host(ip_string(AF_INET6, &a->sin6_addr));
      Ref<> port(host ? int_from_i64(ntohs(a->sin6_port)) : nullptr);
      Ref<> flow(port ? int_from_i64(ntohl(a->sin6_flowinfo)) : nullptr);
      Ref<> scope(flow ? int_from_i64(a->sin6_scope_id) : nullptr);
      return scope ? tuple_pack({host.get(), port.get(), flow.get(), scope.get()}) : nullptr;
    }
    case AF_UNIX: {
      auto* a = reinterpret_cast<const struct sockaddr_un*>(sa);
      size_t n = len > offsetof(struct sockaddr_un, sun_path) ? len - offsetof(struct sockaddr_un, sun_path) : 0;
      n = std::min(n, sizeof(a->sun_path));
      if (n > 0 && a->sun_path[0] == '\0') return bytes_new(std::string_view(a->sun_path, n));
      return fs_name(std::string_view(a->sun_path, ::strnlen(a->sun_path, n)), false);
    }
    default: {
      Ref<> fam(int_from_i64(sa->sa_family));
      Ref<> data(fam ? bytes_new(std::string_view(sa->sa_data, sizeof(sa->sa_data))) : nullptr);
      return data ? tuple_pack({fam.get(), data.get()}) : nullptr;
    }
  }
}

const MethodDef kAddressFunctions[] = {
    {"getaddrinfo", m_getaddrinfo},       {"getnameinfo", m_getnameinfo},
    {"gethostbyname", m_gethostbyname},   {"gethostbyname_ex", m_gethostbyname_ex},
    {"gethostbyaddr", m_gethostbyaddr},   {"getservbyname", m_getservbyname},
    {"getservbyport", m_getservbyport},   {"getprotobyname", m_getprotobyname},
    {"inet_aton", m_inet_aton},           {"inet_ntoa", m_inet_ntoa},
    {"inet_pton", m_inet_pton},           {"inet_ntop", m_inet_ntop},
    {nullptr, nullptr},
};

}  // namespace socket_impl

}  // namespace ftpy

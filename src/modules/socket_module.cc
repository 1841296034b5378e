// The _socket module: its functions, constants and exceptions (CPython's
// Modules/socketmodule.c, socket_exec). The socket type is in
// socket_object.cc, addresses and the resolver in socket_addr.cc.
//
// Constants: those of glibc's <sys/socket.h>, <netinet/in.h>,
// <netinet/tcp.h> and <netdb.h> that CPython 3.11 exports on Linux. The
// families ftpy takes no addresses for (CAN, TIPC, ALG, VSOCK, J1939) are
// left out with their constants (design/stdlib.md).
#include <arpa/inet.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <mutex>

#include "ftpy/class.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
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
#include "socket_internal.h"

namespace ftpy {

namespace socket_impl {

Type* g_herror = nullptr;
Type* g_gaierror = nullptr;
std::atomic<int64_t> g_default_timeout{-1};

namespace {

using Args = Object* const*;

// socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0, /)
Object* m_socketpair(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("socketpair", kwnames) || !check_nargs("socketpair", nargs, 0, 3)) return nullptr;
  int v[3] = {AF_UNIX, SOCK_STREAM, 0};
  for (size_t i = 0; i < nargs; i++) {
    if (!c_int_arg(args[i], &v[i])) return nullptr;
  }
  int fds[2];
  if (::socketpair(v[0], v[1] | SOCK_CLOEXEC, v[2], fds) < 0) return raise_errno(errno);
  Ref<> a(socket_from_fd(fds[0], v[0], v[1], v[2]));
  if (!a) {
    ::close(fds[1]);
    return nullptr;
  }
  Ref<> b(socket_from_fd(fds[1], v[0], v[1], v[2]));
  return b ? tuple_pack({a.get(), b.get()}) : nullptr;
}

// dup(fd, /): a duplicate that is not inherited by children.
Object* m_dup(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("dup", kwnames) || !check_nargs("dup", nargs, 1, 1)) return nullptr;
  int fd;
  if (!c_int_arg(args[0], &fd)) return nullptr;
  int r = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  return r < 0 ? raise_errno(errno) : int_from_i64(r);
}

// close(fd, /)
Object* m_close(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("close", kwnames) || !check_nargs("close", nargs, 1, 1)) return nullptr;
  int fd;
  if (!c_int_arg(args[0], &fd)) return nullptr;
  if (::close(fd) < 0 && errno != ECONNRESET) return raise_errno(errno);
  return newref(kNone);
}

Object* m_gethostname(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("gethostname", kwnames) || !check_nargs("gethostname", nargs, 0, 0)) return nullptr;
  char buf[HOST_NAME_MAX + 1];
  if (::gethostname(buf, sizeof(buf)) < 0) return raise_errno(errno);
  buf[sizeof(buf) - 1] = '\0';
  return fs_name(buf, false);
}

Object* m_sethostname(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("sethostname", kwnames) || !check_nargs("sethostname", nargs, 1, 1)) return nullptr;
  PathArg name;
  if (!path_arg("sethostname", "name", args[0], false, &name)) return nullptr;
  if (::sethostname(name.path.data(), name.path.size()) < 0) return raise_errno(errno);
  return newref(kNone);
}

Object* m_getdefaulttimeout(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("getdefaulttimeout", kwnames) || !check_nargs("getdefaulttimeout", nargs, 0, 0)) return nullptr;
  return timeout_object(g_default_timeout.load(std::memory_order_relaxed));
}

Object* m_setdefaulttimeout(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("setdefaulttimeout", kwnames) || !check_nargs("setdefaulttimeout", nargs, 1, 1)) return nullptr;
  int64_t ns;
  if (!parse_timeout(args[0], &ns)) return nullptr;
  g_default_timeout.store(ns, std::memory_order_relaxed);
  return newref(kNone);
}

// An unsigned argument of `bits` bits for the byte-order functions, with
// CPython's messages.
bool unsigned_arg(const char* fname, Object* o, int bits, uint64_t* out) {
  if (!is_int(o)) {
    raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(o));
    return false;
  }
  int64_t v = 0;
  bool overflow = !int_as_i64(o, &v);
  if (overflow) clear_error();
  uint64_t limit = bits == 16 ? 0xffff : 0xffffffffu;
  if (bits == 16) {
    if (overflow || v < 0 || static_cast<uint64_t>(v) > limit) {
      raise_fmt(&OverflowError_type, "%s: %s", fname,
                int_sign(o) < 0 ? "can't convert negative Python int to C 16-bit unsigned integer"
                                : "Python int too large to convert to C 16-bit unsigned integer");
      return false;
    }
  } else if (int_sign(o) < 0) {
    raise(&OverflowError_type, "can't convert negative value to unsigned int");
    return false;
  } else if (overflow || static_cast<uint64_t>(v) > limit) {
    raise(&OverflowError_type, "int larger than 32 bits");
    return false;
  }
  *out = static_cast<uint64_t>(v);
  return true;
}

template <int kBits>
Object* byte_order(const char* fname, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs(fname, kwnames) || !check_nargs(fname, nargs, 1, 1)) return nullptr;
  uint64_t v;
  if (!unsigned_arg(fname, args[0], kBits, &v)) return nullptr;
  // Network order is big-endian; the conversion is its own inverse.
  if (kBits == 16) return int_from_i64(htons(static_cast<uint16_t>(v)));
  return int_from_i64(htonl(static_cast<uint32_t>(v)));
}

Object* m_htons(Object*, Args a, size_t n, Tuple* k) { return byte_order<16>("htons", a, n, k); }
Object* m_ntohs(Object*, Args a, size_t n, Tuple* k) { return byte_order<16>("ntohs", a, n, k); }
Object* m_htonl(Object*, Args a, size_t n, Tuple* k) { return byte_order<32>("htonl", a, n, k); }
Object* m_ntohl(Object*, Args a, size_t n, Tuple* k) { return byte_order<32>("ntohl", a, n, k); }

// CMSG_LEN(length, /) and CMSG_SPACE(length, /): ancillary data sizes.
Object* cmsg_size(const char* fname, Args args, size_t nargs, Tuple* kwnames, bool space) {
  if (!check_no_kwargs(fname, kwnames) || !check_nargs(fname, nargs, 1, 1)) return nullptr;
  int64_t v;
  if (!index_as_i64(args[0], &v)) {
    if (!error_matches(&OverflowError_type)) return nullptr;
    clear_error();
    v = -1;
  }
  if (v < 0 || v > INT_MAX - static_cast<int64_t>(CMSG_SPACE(0))) {
    return raise_fmt(&OverflowError_type, "%s() argument out of range", fname);
  }
  size_t len = static_cast<size_t>(v);
  return int_from_i64(static_cast<int64_t>(space ? CMSG_SPACE(len) : CMSG_LEN(len)));
}

Object* m_cmsg_len(Object*, Args a, size_t n, Tuple* k) { return cmsg_size("CMSG_LEN", a, n, k, false); }
Object* m_cmsg_space(Object*, Args a, size_t n, Tuple* k) { return cmsg_size("CMSG_SPACE", a, n, k, true); }

Object* m_if_nameindex(Object*, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("if_nameindex", kwnames) || !check_nargs("if_nameindex", nargs, 0, 0)) return nullptr;
  struct if_nameindex* ni = ::if_nameindex();
  if (!ni) return raise_errno(errno);
  Ref<List> out(list_new(0));
  for (struct if_nameindex* p = ni; out && p->if_index != 0; p++) {
    Ref<> index(int_from_i64(p->if_index));
    Ref<> name(index ? fs_name(p->if_name, false) : nullptr);
    Ref<> pair(name ? tuple_pack({index.get(), name.get()}) : nullptr);
    if (!pair || list_append(out.get(), pair.get()) < 0) out = Ref<List>();
  }
  ::if_freenameindex(ni);
  return out.release();
}

Object* m_if_nametoindex(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("if_nametoindex", kwnames) || !check_nargs("if_nametoindex", nargs, 1, 1)) return nullptr;
  PathArg name;
  if (!path_arg("if_nametoindex", "oname", args[0], false, &name)) return nullptr;
  unsigned index = ::if_nametoindex(name.path.c_str());
  if (index == 0) return raise(&OSError_type, "no interface with this name");
  return int_from_i64(index);
}

Object* m_if_indextoname(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("if_indextoname", kwnames) || !check_nargs("if_indextoname", nargs, 1, 1)) return nullptr;
  if (!is_int(args[0])) return raise(&TypeError_type, "an integer is required");
  int64_t index = 0;
  bool overflow = !int_as_i64(args[0], &index);
  if (overflow) clear_error();
  if (int_sign(args[0]) < 0) return raise(&OverflowError_type, "can't convert negative value to unsigned int");
  if (overflow || index > UINT_MAX) return raise(&OverflowError_type, "Python int too large to convert to C unsigned long");
  char name[IF_NAMESIZE + 1];
  if (!::if_indextoname(static_cast<unsigned>(index), name)) return raise_errno(errno);
  return fs_name(name, false);
}

const MethodDef kFunctions[] = {
    {"socketpair", m_socketpair},
    {"dup", m_dup},
    {"close", m_close},
    {"gethostname", m_gethostname},
    {"sethostname", m_sethostname},
    {"getdefaulttimeout", m_getdefaulttimeout},
    {"setdefaulttimeout", m_setdefaulttimeout},
    {"htons", m_htons},
    {"ntohs", m_ntohs},
    {"htonl", m_htonl},
    {"ntohl", m_ntohl},
    {"CMSG_LEN", m_cmsg_len},
    {"CMSG_SPACE", m_cmsg_space},
    {"if_nameindex", m_if_nameindex},
    {"if_nametoindex", m_if_nametoindex},
    {"if_indextoname", m_if_indextoname},
    {nullptr, nullptr},
};

#define C(name) {#name, static_cast<int64_t>(name)},
const IntConstant kConstants[] = {
    // Address families.
    C(AF_UNSPEC) C(AF_UNIX) C(AF_INET) C(AF_INET6) C(AF_APPLETALK) C(AF_ASH) C(AF_ATMPVC) C(AF_ATMSVC) C(AF_AX25)
    C(AF_BRIDGE) C(AF_ECONET) C(AF_IPX) C(AF_IRDA) C(AF_KEY) C(AF_LLC) C(AF_NETBEUI) C(AF_NETLINK) C(AF_NETROM)
    C(AF_PACKET) C(AF_PPPOX) C(AF_ROSE) C(AF_ROUTE) C(AF_SECURITY) C(AF_SNA) C(AF_WANPIPE) C(AF_X25) C(AF_RDS)
    C(AF_QIPCRTR) C(PF_PACKET) C(PF_RDS)
    {"AF_DECnet", 12},
    // Socket types.
    C(SOCK_STREAM) C(SOCK_DGRAM) C(SOCK_RAW) C(SOCK_RDM) C(SOCK_SEQPACKET) C(SOCK_CLOEXEC) C(SOCK_NONBLOCK)
    // Socket-level options.
    C(SOL_SOCKET) C(SOL_IP) C(SOL_TCP) C(SOL_UDP) C(SOMAXCONN) C(SCM_RIGHTS) C(SCM_CREDENTIALS)
    C(SO_ACCEPTCONN) C(SO_BINDTODEVICE) C(SO_BROADCAST) C(SO_DEBUG) C(SO_DOMAIN) C(SO_DONTROUTE) C(SO_ERROR)
    C(SO_INCOMING_CPU) C(SO_KEEPALIVE) C(SO_LINGER) C(SO_MARK) C(SO_OOBINLINE) C(SO_PASSCRED) C(SO_PASSSEC)
    C(SO_PEERCRED) C(SO_PEERSEC) C(SO_PRIORITY) C(SO_PROTOCOL) C(SO_RCVBUF) C(SO_RCVLOWAT) C(SO_RCVTIMEO)
    C(SO_REUSEADDR) C(SO_REUSEPORT) C(SO_SNDBUF) C(SO_SNDLOWAT) C(SO_SNDTIMEO) C(SO_TYPE)
    // Message flags.
    C(MSG_CMSG_CLOEXEC) C(MSG_CONFIRM) C(MSG_CTRUNC) C(MSG_DONTROUTE) C(MSG_DONTWAIT) C(MSG_EOR) C(MSG_ERRQUEUE)
    C(MSG_FASTOPEN) C(MSG_MORE) C(MSG_NOSIGNAL) C(MSG_OOB) C(MSG_PEEK) C(MSG_TRUNC) C(MSG_WAITALL)
    C(SHUT_RD) C(SHUT_WR) C(SHUT_RDWR)
    // Protocols.
    C(IPPROTO_IP) C(IPPROTO_ICMP) C(IPPROTO_IGMP) C(IPPROTO_IPIP) C(IPPROTO_TCP) C(IPPROTO_EGP) C(IPPROTO_PUP)
    C(IPPROTO_UDP) C(IPPROTO_IDP) C(IPPROTO_TP) C(IPPROTO_IPV6) C(IPPROTO_ROUTING) C(IPPROTO_FRAGMENT)
    C(IPPROTO_RSVP) C(IPPROTO_GRE) C(IPPROTO_ESP) C(IPPROTO_AH) C(IPPROTO_ICMPV6) C(IPPROTO_NONE)
    C(IPPROTO_DSTOPTS) C(IPPROTO_HOPOPTS) C(IPPROTO_PIM) C(IPPROTO_SCTP) C(IPPROTO_UDPLITE) C(IPPROTO_MPTCP)
    C(IPPROTO_RAW) C(IPPORT_RESERVED) {"IPPORT_USERRESERVED", 5000},
    C(INADDR_ANY) C(INADDR_BROADCAST) C(INADDR_LOOPBACK) C(INADDR_UNSPEC_GROUP) C(INADDR_ALLHOSTS_GROUP)
    C(INADDR_MAX_LOCAL_GROUP) C(INADDR_NONE)
    // IP options.
    C(IP_OPTIONS) C(IP_HDRINCL) C(IP_TOS) C(IP_TTL) C(IP_RECVOPTS) C(IP_RECVRETOPTS) C(IP_RECVTOS) C(IP_RETOPTS)
    C(IP_MULTICAST_IF) C(IP_MULTICAST_TTL) C(IP_MULTICAST_LOOP) C(IP_ADD_MEMBERSHIP) C(IP_DROP_MEMBERSHIP)
    C(IP_DEFAULT_MULTICAST_TTL) C(IP_DEFAULT_MULTICAST_LOOP) C(IP_MAX_MEMBERSHIPS) C(IP_TRANSPARENT)
    C(IP_BIND_ADDRESS_NO_PORT)
    C(IPV6_JOIN_GROUP) C(IPV6_LEAVE_GROUP) C(IPV6_MULTICAST_HOPS) C(IPV6_MULTICAST_IF) C(IPV6_MULTICAST_LOOP)
    C(IPV6_UNICAST_HOPS) C(IPV6_V6ONLY) C(IPV6_CHECKSUM) C(IPV6_DONTFRAG) C(IPV6_DSTOPTS) C(IPV6_HOPLIMIT)
    C(IPV6_HOPOPTS) C(IPV6_NEXTHOP) C(IPV6_PATHMTU) C(IPV6_PKTINFO) C(IPV6_RECVDSTOPTS) C(IPV6_RECVHOPLIMIT)
    C(IPV6_RECVHOPOPTS) C(IPV6_RECVPKTINFO) C(IPV6_RECVRTHDR) C(IPV6_RECVTCLASS) C(IPV6_RTHDR)
    C(IPV6_RTHDRDSTOPTS) C(IPV6_RTHDR_TYPE_0) C(IPV6_RECVPATHMTU) C(IPV6_TCLASS)
    // TCP options.
    C(TCP_NODELAY) C(TCP_MAXSEG) C(TCP_CORK) C(TCP_KEEPIDLE) C(TCP_KEEPINTVL) C(TCP_KEEPCNT) C(TCP_SYNCNT)
    C(TCP_LINGER2) C(TCP_DEFER_ACCEPT) C(TCP_WINDOW_CLAMP) C(TCP_INFO) C(TCP_QUICKACK) C(TCP_FASTOPEN)
    C(TCP_CONGESTION) C(TCP_USER_TIMEOUT) C(TCP_NOTSENT_LOWAT)
    // The resolver.
    C(AI_PASSIVE) C(AI_CANONNAME) C(AI_NUMERICHOST) C(AI_NUMERICSERV) C(AI_V4MAPPED) C(AI_ALL) C(AI_ADDRCONFIG)
    C(NI_NUMERICHOST) C(NI_NUMERICSERV) C(NI_NOFQDN) C(NI_NAMEREQD) C(NI_DGRAM) C(NI_MAXHOST) C(NI_MAXSERV)
    C(EAI_ADDRFAMILY) C(EAI_AGAIN) C(EAI_BADFLAGS) C(EAI_FAIL) C(EAI_FAMILY) C(EAI_MEMORY) C(EAI_NODATA)
    C(EAI_NONAME) C(EAI_OVERFLOW) C(EAI_SERVICE) C(EAI_SOCKTYPE) C(EAI_SYSTEM)
};
#undef C

void init_types() {
  init_socket_type();
  g_herror = class_new("herror", "socket", &OSError_type);
  g_gaierror = class_new("gaierror", "socket", &OSError_type);
  make_immortal(g_herror);
  make_immortal(g_gaierror);
}

// Made on first import, like every module only some programs use.
Module* make_socket_module() {
  static std::once_flag once;
  std::call_once(once, init_types);
  Ref<Module> module(module_new("_socket"));
  if (!module) return nullptr;
  Module* m = module.get();
  add_functions(m->dict, m, kFunctions);
  add_functions(m->dict, m, kAddressFunctions);
  if (!add_int_constants(m->dict, kConstants)) return nullptr;
  const std::pair<const char*, Object*> objects[] = {
      {"socket", &socket_type}, {"SocketType", &socket_type}, {"error", &OSError_type},
      {"timeout", &TimeoutError_type}, {"herror", g_herror}, {"gaierror", g_gaierror}, {"has_ipv6", kTrue},
  };
  for (const auto& [name, value] : objects) {
    if (dict_set_str(m->dict, name, value) < 0) return nullptr;
  }
  return module.release();
}

}  // namespace

}  // namespace socket_impl

void init_socket_module() { register_lazy_module("_socket", socket_impl::make_socket_module); }

}  // namespace ftpy

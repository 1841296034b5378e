# _socket (src/modules/socket_*.cc) under CPython's own socket.py: socket
# pairs, TCP and UDP on the loopback, timeouts, non-blocking mode,
# ancillary data (descriptors passed with sendmsg/recvmsg), the resolver
# and address functions, and CPython 3.11's errors and messages. Output
# compared with CPython 3.11.
import array
import os
import socket
import threading
import _socket


def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r))


# ---- the type and its attributes ----
s = _socket.socket()
print(repr(s).split("fd=")[0], s.family, s.type, s.proto, s.timeout, s.getblocking())
print(_socket.socket.__module__, _socket.SocketType is _socket.socket, _socket.error is OSError,
      _socket.timeout is TimeoutError, _socket.gaierror.__mro__[1:3], _socket.herror.__module__)
show(lambda: s.settimeout(-1))
show(lambda: s.settimeout("x"))
show(lambda: s.settimeout(float("nan")))
s.settimeout(2.5)
print(s.gettimeout(), s.timeout, s.getblocking())
s.setblocking(False)
print(s.gettimeout(), s.getblocking())
s.settimeout(None)
print(s.gettimeout(), s.getblocking())
show(lambda: s.getsockopt(_socket.SOL_SOCKET, _socket.SO_TYPE))
show(lambda: s.getsockopt(_socket.SOL_SOCKET, _socket.SO_TYPE, 4))
show(lambda: s.getsockopt(_socket.SOL_SOCKET, _socket.SO_TYPE, 0))
show(lambda: s.setsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, 1))
show(lambda: s.getsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR))
show(lambda: s.setsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, None))
show(lambda: s.setsockopt(_socket.SOL_SOCKET, _socket.SO_LINGER, b"\0" * 8))
show(lambda: s.getpeername())
show(lambda: s.recv(-1))
show(lambda: s.send("text"))
show(lambda: s.recv_into(b"immutable"))
show(lambda: s.sendto(b"x"))
show(lambda: s.bind("not a tuple"))
show(lambda: s.bind(("a", "b", "c")))
show(lambda: s.bind((1, 0)))
show(lambda: s.bind(("127.0.0.1", 70000)))
show(lambda: s.bind(("127.0.0.1", "port")))
show(lambda: s.bind(("host\0name", 0)))
show(lambda: s.bind(("nosuchhost.invalid", 0)))
show(lambda: s.connect(("127.0.0.1", 1)))
print(s.connect_ex(("127.0.0.1", 1)) == 111)
s.close()
s.close()
print(s.fileno(), repr(s).split(",")[1])
show(lambda: s.recv(1))
show(lambda: _socket.socket(99))
show(lambda: _socket.socket(fileno=-5))
show(lambda: _socket.socket(fileno=1.5))

# ---- socket pairs: data, modes and timeouts ----
a, b = socket.socketpair()
print(a.family, a.type, a.getsockname(), b.getpeername())
a.send(b"hi")
print(b.recv(10))
a.sendall(memoryview(b"hello"))
buf = bytearray(5)
print(b.recv_into(buf, 2), buf)
print(b.recvfrom(10))
arr = array.array("b", [0] * 4)
a.send(b"\x01\x02\x03\x04")
print(b.recv_into(arr), arr)
show(lambda: b.recv_into(bytearray(2), 5))
show(lambda: b.recv_into(bytearray(2), -1))
show(lambda: b.recvfrom_into(bytearray(2), 5))
b.settimeout(0.05)
show(lambda: b.recv(1))
b.setblocking(False)
show(lambda: b.recv(1))
a.setblocking(False)
sent = 0
try:
    while True:
        sent += a.send(b"x" * 65536)
except BlockingIOError as e:
    print("full after some bytes:", sent > 0, e.errno)
got = 0
while got < sent:
    got += len(b.recv(1 << 20))
print("drained", got == sent)
a.setblocking(True)

# Ancillary data: a pipe's descriptor passed to the other end.
print(a.sendmsg([b"ab", memoryview(b"cd")]))
print(b.recvmsg(10))
r, w = os.pipe()
print(socket.send_fds(a, [b"fd"], [r]))
msg, fds, flags, addr = socket.recv_fds(b, 10, 4)
print(msg, len(fds), flags, addr)
os.write(w, b"through the passed descriptor")
print(os.read(fds[0], 100))
for fd in (r, w, fds[0]):
    os.close(fd)
a.sendmsg([b"hello"])
p1, p2 = bytearray(2), bytearray(10)
print(b.recvmsg_into([p1, p2]), p1, p2)
show(lambda: a.sendmsg(5))
show(lambda: a.sendmsg([1]))
show(lambda: a.sendmsg([b"x"], [(1,)]))
show(lambda: a.sendmsg([b"x"], [1]))
show(lambda: b.recvmsg(-1))
show(lambda: b.recvmsg(1, -1))
show(lambda: b.recvmsg_into(5))
show(lambda: b.recvmsg_into([b"x"]))
a.close()
print(b.recv(10))
b.close()

# ---- TCP on the loopback, served by a thread ----
srv = socket.create_server(("127.0.0.1", 0))
port = srv.getsockname()[1]


def serve():
    for _ in range(2):
        conn, _ = srv.accept()
        with conn:
            while data := conn.recv(1024):
                conn.sendall(data.upper())


server = threading.Thread(target=serve)
server.start()
with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
    print(c.gettimeout(), c.getpeername() == ("127.0.0.1", port))
    f = c.makefile("rwb")
    f.write(b"hello\n")
    f.flush()
    print(f.readline())
    c.sendall(b"x" * 200000)
    got = 0
    while got < 200000:
        got += len(c.recv(65536))
    print(got)
    f.close()
with socket.socket() as c:
    c.connect(("localhost", port))
    c.shutdown(socket.SHUT_WR)
    print(c.recv(10))
server.join()
srv.settimeout(0.05)
show(lambda: srv.accept())
srv.close()
try:
    socket.create_connection(("127.0.0.1", 1))
except ConnectionRefusedError as e:
    print("ConnectionRefusedError", e.errno)

# ---- UDP ----
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2.sendto(b"dgram", u1.getsockname())
u2.sendto(b"flags", 0, u1.getsockname())
data, addr = u1.recvfrom(100)
print(data, addr[0], addr[1] == u2.getsockname()[1])
buf = bytearray(10)
n, addr = u1.recvfrom_into(buf)
print(n, buf, addr == u2.getsockname())
u1.close()
u2.close()

# ---- AF_UNIX paths ----
path = "/tmp/ftpy_socket_test_%d" % os.getpid()
with socket.socket(socket.AF_UNIX) as us:
    us.bind(path)
    print(us.getsockname() == path)
    us.listen()
    with socket.socket(socket.AF_UNIX) as uc:
        uc.connect(path)
        conn, addr = us.accept()
        print(repr(addr))
        conn.close()
os.unlink(path)
with socket.socket(socket.AF_UNIX) as us:
    us.bind(b"\0ftpy-abstract-%d" % os.getpid())
    print(us.getsockname() == b"\0ftpy-abstract-%d" % os.getpid())
show(lambda: socket.socket(socket.AF_UNIX).bind("x" * 200))

# ---- the resolver and address functions ----
show(lambda: _socket.getaddrinfo("127.0.0.1", 80, 0, _socket.SOCK_STREAM))
show(lambda: _socket.getaddrinfo("127.0.0.1", b"80", proto=_socket.IPPROTO_UDP))
show(lambda: _socket.getaddrinfo(None, "http", flags=_socket.AI_PASSIVE, type=1))
show(lambda: _socket.getaddrinfo("nosuch.invalid", 80))
show(lambda: _socket.getaddrinfo(None, None))
show(lambda: _socket.getaddrinfo("127.0.0.1", 1.5))
show(lambda: _socket.getaddrinfo(1, 2))
print(socket.getaddrinfo("localhost", 80, socket.AF_INET, socket.SOCK_STREAM)[0])
show(lambda: _socket.getnameinfo(("127.0.0.1", 80), _socket.NI_NUMERICHOST | _socket.NI_NUMERICSERV))
show(lambda: _socket.getnameinfo(("127.0.0.1", 80, 1), 0))
show(lambda: _socket.getnameinfo("x", 0))
show(lambda: _socket.getnameinfo(("x",), 0))
show(lambda: _socket.gethostbyname("localhost"))
show(lambda: _socket.gethostbyname("127.0.0.1"))
show(lambda: _socket.gethostbyname(1))
show(lambda: _socket.gethostbyname_ex("127.0.0.1")[2])
show(lambda: _socket.gethostbyname_ex("nosuch.invalid"))
show(lambda: _socket.getservbyname("http"))
show(lambda: _socket.getservbyname("http", "tcp"))
show(lambda: _socket.getservbyname("nosuch"))
show(lambda: _socket.getservbyname(b"http"))
show(lambda: _socket.getservbyport(80))
show(lambda: _socket.getservbyport(99999))
show(lambda: _socket.getprotobyname("tcp"))
show(lambda: _socket.getprotobyname("nosuch"))
show(lambda: _socket.inet_aton("1.2.3.4"))
show(lambda: _socket.inet_aton("1.2.3"))
show(lambda: _socket.inet_aton("x"))
show(lambda: _socket.inet_aton(b"1.2.3.4"))
show(lambda: _socket.inet_aton("1\0"))
show(lambda: _socket.inet_ntoa(b"\1\2\3\4"))
show(lambda: _socket.inet_ntoa(b"\1\2\3"))
show(lambda: _socket.inet_pton(_socket.AF_INET6, "::1"))
show(lambda: _socket.inet_pton(_socket.AF_INET, "::1"))
show(lambda: _socket.inet_ntop(_socket.AF_INET6, b"\0" * 15 + b"\1"))
show(lambda: _socket.inet_ntop(_socket.AF_INET6, b"\0"))
show(lambda: _socket.inet_ntop(_socket.AF_INET, bytearray(b"\x7f\0\0\1")))
show(lambda: _socket.htons(1))
show(lambda: _socket.htons(-1))
show(lambda: _socket.ntohs(70000))
show(lambda: _socket.htonl(1))
show(lambda: _socket.htonl(-1))
show(lambda: _socket.ntohl(2 ** 32))
show(lambda: _socket.CMSG_LEN(4))
show(lambda: _socket.CMSG_SPACE(4))
show(lambda: _socket.CMSG_LEN(-1))
show(lambda: _socket.if_nametoindex("lo"))
show(lambda: _socket.if_indextoname(1))
show(lambda: _socket.if_nametoindex("nosuch"))
show(lambda: (1, "lo") in _socket.if_nameindex())
print(socket.gethostname() == os.uname().nodename)
print(socket.getdefaulttimeout())
socket.setdefaulttimeout(3)
with socket.socket() as t:
    print(t.gettimeout(), t.getblocking())
socket.setdefaulttimeout(None)
show(lambda: socket.setdefaulttimeout(-2))
print(socket.AF_INET, repr(socket.SOCK_DGRAM), socket.has_ipv6)

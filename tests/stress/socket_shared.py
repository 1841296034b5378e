# Socket objects shared between threads (src/modules/socket_*.cc: the
# descriptor and the timeout are atomics, every blocking call runs
# detached). Exact final states:
# - one listening socket, accepted from by four threads at once while four
#   clients connect: every client is served exactly once and every echo
#   comes back intact;
# - one datagram socket written by four threads at once: every datagram
#   arrives whole, each thread's in order;
# - one socket whose timeout four threads change while they read it: every
#   value read is one that some thread set;
# - threads racing to close one socket: its descriptor is closed once
#   (the others see it closed), and the socket reports fd -1.
import os
import socket
import threading

THREADS = 4
CLIENTS_PER_THREAD = 25
DATAGRAMS = 300

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


def run(targets):
    threads = [threading.Thread(target=t, args=a) for t, a in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# ---- one listener, many acceptors ----
srv = socket.create_server(("127.0.0.1", 0), backlog=THREADS * CLIENTS_PER_THREAD)
srv.settimeout(30)
port = srv.getsockname()[1]
served = []
served_lock = threading.Lock()
echoed = {}


def acceptor():
    for _ in range(CLIENTS_PER_THREAD):
        conn, _ = srv.accept()
        with conn:
            conn.settimeout(30)
            data = b""
            while not data.endswith(b"\n"):
                chunk = conn.recv(4096)
                if not chunk:
                    break
                data += chunk
            conn.sendall(data[::-1])
            with served_lock:
                served.append(data)


def client(k):
    for i in range(CLIENTS_PER_THREAD):
        payload = b"client-%d-%d-" % (k, i) + b"x" * (i * 97) + b"\n"
        with socket.create_connection(("127.0.0.1", port), timeout=30) as c:
            c.sendall(payload)
            got = b""
            while len(got) < len(payload):
                chunk = c.recv(65536)
                if not chunk:
                    break
                got += chunk
        echoed[(k, i)] = got == payload[::-1]


run([(acceptor, ()) for _ in range(THREADS)] + [(client, (k,)) for k in range(THREADS)])
srv.close()
assert not failures, failures
assert len(served) == THREADS * CLIENTS_PER_THREAD, len(served)
assert len(set(served)) == len(served)
assert len(echoed) == THREADS * CLIENTS_PER_THREAD and all(echoed.values())

# ---- one datagram socket, many writers ----
reader, writer = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
received = []


def read_all():
    reader.settimeout(30)
    for _ in range(THREADS * DATAGRAMS):
        received.append(reader.recv(256))


def write_some(k):
    for i in range(DATAGRAMS):
        writer.sendall(b"%d:%d:" % (k, i) + b"y" * (i % 64))


run([(read_all, ())] + [(write_some, (k,)) for k in range(THREADS)])
assert not failures, failures
assert len(received) == THREADS * DATAGRAMS
last = [-1] * THREADS
for d in received:
    k, i, rest = d.split(b":", 2)
    k, i = int(k), int(i)
    assert rest == b"y" * (i % 64), d
    assert i == last[k] + 1, (k, i, last[k])
    last[k] = i
assert last == [DATAGRAMS - 1] * THREADS
reader.close()
writer.close()

# ---- timeouts changed while read ----
s = socket.socket()
allowed = {None, 0.0} | {k + 0.5 for k in range(THREADS)}
seen = set()


def churn(k):
    for i in range(2000):
        if i % 3 == 0:
            s.settimeout(k + 0.5)
        elif i % 3 == 1:
            s.setblocking(i % 2 == 0)
        seen.add(s.gettimeout())
        assert s.getblocking() in (True, False)


run([(churn, (k,)) for k in range(THREADS)])
assert not failures, failures
assert seen <= allowed, seen - allowed
s.close()

# ---- racing closes ----
for _ in range(200):
    a, b = socket.socketpair()
    fd = a.fileno()
    start = threading.Barrier(THREADS)

    def closer():
        start.wait()
        a.close()

    run([(closer, ()) for _ in range(THREADS)])
    assert a.fileno() == -1
    try:
        os.fstat(fd)
    except OSError as e:
        assert e.errno == 9, e
    else:
        raise AssertionError("descriptor %d still open" % fd)
    b.close()
assert not failures, failures
print("ok")

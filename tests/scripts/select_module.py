# select (src/modules/select.cc) against CPython 3.11: select() and poll
# objects on pipes (ready lists, timeouts, a reader woken by another
# thread), the error messages, and selectors on top (PollSelector where
# CPython would choose epoll, which ftpy does not have yet). Descriptors are
# printed by name: their numbers depend on what the process inherited.
import os
import select
import selectors
import threading
import time

from testkit import attempt

r, w = os.pipe()
names = {r: "r", w: "w"}


def named(lists):
    return [[names.get(fd, fd) for fd in part] for part in lists]


def polled(events):
    return sorted((names.get(fd, fd), ev) for fd, ev in events)


attempt("write ready", lambda: named(select.select([r], [w], [], 0)))
attempt("negative timeout", lambda: select.select([r], [], [], -1))
attempt("str timeout", lambda: select.select([r], [], [], "x"))
attempt("fd too big", lambda: select.select([9999], [], [], 0))
attempt("negative fd", lambda: select.select([-1], [], [], 0))
attempt("not a sequence", lambda: select.select(1, [], [], 0))
attempt("not a descriptor", lambda: select.select(["x"], [], [], 0))
start = time.monotonic()
attempt("timeout", lambda: named(select.select([r], [], [], 0.05)))
print("waited", time.monotonic() - start >= 0.05)
attempt("empty", lambda: select.select((), (), (), 0))

p = select.poll()
attempt("register", lambda: p.register(r))
attempt("modify missing", lambda: p.modify(w, select.POLLIN))
try:
    p.unregister(w)
except KeyError as e:
    print("unregister missing KeyError", names[e.args[0]])
attempt("nothing yet", lambda: p.poll(0))
attempt("str timeout", lambda: p.poll("x"))
attempt("float timeout", lambda: p.poll(1.5))
attempt("negative fd", lambda: p.register(-1))
attempt("mask too big", lambda: p.register(r, 2 ** 40))
attempt("negative mask", lambda: p.register(r, -1))
print(select.error is OSError, select.PIPE_BUF)

os.write(w, b"x")
attempt("readable", lambda: named(select.select([r], [w], [], 0)))
attempt("poll readable", lambda: polled(p.poll(0)))
p.register(w, select.POLLOUT)
attempt("both", lambda: polled(p.poll()))
p.modify(w, 0)
attempt("modified", lambda: polled(p.poll(10)))
p.unregister(r)
attempt("unregistered", lambda: p.poll(0))


class F:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd


f = F(r)
attempt("fileno object", lambda: select.select([f], [], [], 0)[0][0] is f)

# A reader woken by a writer thread, through select, poll and selectors.
r2, w2 = os.pipe()
names[r2] = "r2"


def write_later():
    time.sleep(0.05)
    os.write(w2, b"!")


threading.Thread(target=write_later).start()
attempt("woken", lambda: named(select.select([r2], [], [], 5)))
p2 = select.poll()
p2.register(r2, select.POLLIN)
attempt("poll woken", lambda: polled(p2.poll(5000)))
sel = selectors.DefaultSelector()
print(type(sel).__name__ in ("EpollSelector", "PollSelector"))
sel.register(r2, selectors.EVENT_READ, "data")
attempt("selector", lambda: [(names[k.fd], k.data, ev) for k, ev in sel.select(1)])
sel.close()
print(sorted(n for n in dir(select) if n.startswith("POLL")))

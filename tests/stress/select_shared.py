# One select.poll object shared by four threads (src/modules/select.cc: the
# registrations are a map under the object's critical section; poll()
# copies them and waits detached; a second concurrent poll() is refused).
# Three threads register, modify and unregister their own pipes' read ends
# while the fourth polls; each poll reports only registered-or-recently-
# registered descriptors with the events a pipe can show, and the final
# registrations are exactly each thread's survivors. Then two threads poll
# one object at once: each call either returns or says "concurrent poll()
# invocation", and nothing else.
import os
import select
import threading

THREADS = 3
PIPES = 8
ROUNDS = 300

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)

p = select.poll()
pipes = [[os.pipe() for _ in range(PIPES)] for _ in range(THREADS)]
for mine in pipes:
    for r, w in mine:
        os.write(w, b"x")  # every read end is readable
all_reads = {r for mine in pipes for r, _ in mine}
start = threading.Barrier(THREADS + 1)
done = threading.Event()


def churn(k):
    start.wait()
    mine = [r for r, _ in pipes[k]]
    for i in range(ROUNDS):
        fd = mine[i % PIPES]
        p.register(fd, select.POLLIN)
        p.modify(fd, select.POLLIN | select.POLLPRI)
        if i % 3 != 0:
            p.unregister(fd)


def poller():
    start.wait()
    while not done.is_set():
        for fd, ev in p.poll(0):
            assert fd in all_reads, fd
            assert ev == select.POLLIN, ev


threads = [threading.Thread(target=churn, args=(k,)) for k in range(THREADS)]
watcher = threading.Thread(target=poller)
watcher.start()
for t in threads:
    t.start()
for t in threads:
    t.join()
done.set()
watcher.join()
# A pipe survives when its last round (i % 3 == 0) did not unregister it.
expected = {r for mine in pipes for j, (r, _) in enumerate(mine)
            if max(i for i in range(ROUNDS) if i % PIPES == j) % 3 == 0}
assert {fd for fd, _ in p.poll(0)} == expected

# Two threads polling one object: "concurrent poll() invocation" or a result.
q = select.poll()
slow_r, slow_w = os.pipe()
q.register(slow_r, select.POLLIN)
outcomes = []
gate = threading.Barrier(2)


def contend():
    gate.wait()
    for _ in range(50):
        try:
            outcomes.append(q.poll(1))
        except RuntimeError as e:
            assert str(e) == "concurrent poll() invocation", e
            outcomes.append("busy")


pair = [threading.Thread(target=contend) for _ in range(2)]
for t in pair:
    t.start()
for t in pair:
    t.join()
assert len(outcomes) == 100 and all(o == [] or o == "busy" for o in outcomes), outcomes
assert not failures, failures
print("ok")

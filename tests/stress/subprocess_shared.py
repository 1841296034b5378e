# Processes started from several threads at once (src/modules/
# posixsubprocess.cc): every fork happens while other threads allocate,
# lock shared objects and start children of their own, and each child only
# makes async-signal-safe calls, so none hangs or inherits another's pipe.
# Exact final state: every child's output and exit status arrive where they
# belong, and no descriptor leaks.
import os
import subprocess
import threading

THREADS = 4
ROUNDS = 12
results = [[] for _ in range(THREADS)]
shared = {}
lock = threading.Lock()
stop = threading.Event()
start = threading.Barrier(THREADS + 1)


def spawner(tid):
    start.wait()
    for i in range(ROUNDS):
        token = f"{tid}-{i}"
        if i % 3 == 0:
            r = subprocess.run(["echo", token], capture_output=True, text=True)
            results[tid].append((r.stdout.strip(), r.returncode))
        elif i % 3 == 1:
            r = subprocess.run(["sh", "-c", f"read x; echo $x; exit {i % 7}"], input=token + "\n",
                               capture_output=True, text=True)
            results[tid].append((r.stdout.strip(), r.returncode))
        else:
            with subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE) as p:
                out, _ = p.communicate(token.encode())
            results[tid].append((out.decode(), p.returncode))


def churn():
    # Allocates, and takes a lock and a shared dict's critical section, in
    # a loop, so that forks happen while they are held.
    start.wait()
    n = 0
    while not stop.is_set():
        with lock:
            shared[n % 100] = [n] * 10
        n += 1


fds_before = len(os.listdir("/proc/self/fd"))
workers = [threading.Thread(target=spawner, args=(t,)) for t in range(THREADS)]
churner = threading.Thread(target=churn)
for t in workers + [churner]:
    t.start()
for t in workers:
    t.join()
stop.set()
churner.join()

for tid in range(THREADS):
    expected = []
    for i in range(ROUNDS):
        token = f"{tid}-{i}"
        expected.append((token, i % 7 if i % 3 == 1 else 0))
    assert results[tid] == expected, (tid, results[tid], expected)
assert len(os.listdir("/proc/self/fd")) == fds_before, "descriptors leaked"
print("ok", sum(len(r) for r in results))

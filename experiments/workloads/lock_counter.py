# One shared counter under one threading.Lock: the worst case for scaling, since
# the work is all in the critical section. It measures lock hand-off cost.
import threading

from common import parse_args, report, run_threads

lock = threading.Lock()
counter = 0


def work(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1
    return n


threads, total = parse_args(1_000_000)
seconds, results = run_threads(work, threads, total)
assert counter == (total // threads) * threads, counter
report("lock_counter", threads, seconds)

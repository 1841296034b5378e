# Threads import one module at the same time: its body must run exactly once
# per import (not once per thread), and no thread may see it half-executed.
import sys
import threading

sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import import_log

THREADS = 4
ROUNDS = 20

for round_ in range(ROUNDS):
    sys.modules.pop("slow_import_helper", None)
    seen = []
    start = threading.Barrier(THREADS)

    def worker():
        start.wait()
        import slow_import_helper
        seen.append(slow_import_helper.VALUE)

    workers = [threading.Thread(target=worker) for _ in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert seen == [10] * THREADS, seen
    assert len(import_log.runs) == round_ + 1, (len(import_log.runs), round_ + 1)
print("concurrent_import ok")

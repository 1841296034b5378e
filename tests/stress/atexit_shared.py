# atexit's callback list from four threads: registrations are never lost,
# and unregister() of one thread's functions, racing with the others'
# registrations, removes exactly those. At exit every surviving callback
# runs once; the checker, registered first, runs last and prints "ok".
import atexit
import os
import threading

THREADS = 4
PER = 500
failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
ran = []


def checker():
    want = sorted((k, i) for k in range(0, THREADS, 2) for i in range(PER))
    if sorted(ran) != want:
        print('wrong: %d callbacks ran' % len(ran))
        os._exit(1)  # an exception here would only be reported
    print('ok')


atexit.register(checker)
start = threading.Barrier(THREADS)
funcs = [[(lambda k=k, i=i: ran.append((k, i))) for i in range(PER)] for k in range(THREADS)]


def worker(k):
    start.wait()
    for f in funcs[k]:
        assert atexit.register(f) is f
    if k % 2:
        for f in funcs[k]:
            atexit.unregister(f)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures

# The time module's calendar functions from four threads at once: each
# conversion and format equals the one computed beforehand on one thread
# (gmtime_r/localtime_r and strftime work on per-call state), and
# struct_time objects handed between threads keep their fields.
import threading
import time

THREADS = 4
ROUNDS = 1500

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
stamps = [i * 7919 * 3607 for i in range(ROUNDS)]
expected = [(tuple(time.gmtime(s)), time.strftime("%Y-%m-%d %H:%M:%S %a %j", time.gmtime(s)),
             time.mktime(time.localtime(s))) for s in stamps]
shared = [None] * ROUNDS


def worker(k):
    for i in range(k, ROUNDS, 1) if k % 2 else range(ROUNDS - 1, -1, -1):
        g = time.gmtime(stamps[i])
        assert tuple(g) == expected[i][0]
        assert time.strftime("%Y-%m-%d %H:%M:%S %a %j", g) == expected[i][1]
        assert time.mktime(time.localtime(stamps[i])) == expected[i][2]
        shared[i] = g
        other = shared[(i * 7) % ROUNDS]
        if other is not None:
            assert tuple(other) == expected[(i * 7) % ROUNDS][0] and other.tm_zone == "GMT"


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
print("ok")

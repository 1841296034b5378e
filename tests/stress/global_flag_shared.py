# Threads poll a module global (and a builtin) that another thread rebinds:
# every poller must see every new value; the LOAD_GLOBAL cache must never
# keep an old value under a new dict version. Each round the main thread
# stores round number r and waits until every poller has acknowledged r. A
# stale cache leaves a poller spinning, which the bounded waits report as a
# failure instead of a hang. Then `while not stop:`, the pattern that hung.
import builtins
import sys
import threading
import time

MAX_ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
BUDGET_S = 4.0  # per part: fewer rounds where they are slow (under a GIL)
LIMIT_S = 20.0  # a round not acknowledged by then has failed
POLLERS = 2
DONE = -2

phase = -1
builtins.probe_phase = -1


def run_rounds(label, store, read):
    seen = [-1] * POLLERS
    failures = []
    deadline = [time.monotonic() + LIMIT_S]

    def poller(i):
        r = 0
        while True:
            spins = 0
            while (v := read()) != r:
                if v == DONE:
                    return
                spins += 1
                if spins % 1000 == 0:
                    time.sleep(0)  # under a GIL, let the main thread run
                    if time.monotonic() > deadline[0]:
                        failures.append(f"{label}: poller {i} stuck at round {r}, reads {read()}")
                        return
            seen[i] = r
            r += 1

    threads = [threading.Thread(target=poller, args=(i,)) for i in range(POLLERS)]
    for t in threads:
        t.start()
    end = time.monotonic() + BUDGET_S
    r = 0
    while r < MAX_ROUNDS and time.monotonic() < end and not failures:
        deadline[0] = time.monotonic() + LIMIT_S
        store(r)
        while min(seen) != r and not failures:
            time.sleep(0)
            if time.monotonic() > deadline[0]:
                failures.append(f"{label}: round {r} not acknowledged: {seen}")
        r += 1
    store(DONE)
    for t in threads:
        t.join()
    assert not failures, failures
    assert seen == [r - 1] * POLLERS, (label, seen, r)
    assert r >= 10, (label, r)


def store_global(v):
    global phase
    phase = v


def store_builtin(v):
    builtins.probe_phase = v


run_rounds("global", store_global, lambda: phase)
# A name that is not a global is looked up in builtins, whose version the
# cache checks too.
run_rounds("builtin", store_builtin, lambda: probe_phase)  # noqa: F821
del builtins.probe_phase

# A stop flag set once, many times over.
for rnd in range(100):
    stop = False

    def spin():
        while not stop:
            pass

    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.001)
    stop = True
    t.join(LIMIT_S)
    assert not t.is_alive(), f"round {rnd}: the spinning thread never saw stop = True"
print("ok")

# The signal handler table under threads: the main thread swaps SIGUSR1's
# handler and raises the signal 400 times while four threads read it with
# getsignal() and send SIGUSR2 with os.kill; every read is one of the
# installed handlers, every raise runs exactly one handler in the main
# thread, other threads' signal() calls get CPython's ValueError, and each
# SIGUSR2 sent arrives (counted once the signals are all delivered).
import os
import signal
import threading
import time

ROUNDS = 400
THREADS = 4
KILLS = 50

main_ident = threading.get_ident()
calls = {"h1": 0, "h2": 0, "usr2": 0}
wrong_thread = []


def h1(signum, frame):
    calls["h1"] += 1
    if threading.get_ident() != main_ident:
        wrong_thread.append("h1")


def h2(signum, frame):
    calls["h2"] += 1
    if threading.get_ident() != main_ident:
        wrong_thread.append("h2")


def usr2(signum, frame):
    calls["usr2"] += 1


signal.signal(signal.SIGUSR1, h1)
signal.signal(signal.SIGUSR2, usr2)
bad_reads = []
refusals = []
stop = threading.Event()


def reader(k):
    n = 0
    while not stop.is_set():
        h = signal.getsignal(signal.SIGUSR1)
        if h is not h1 and h is not h2:
            bad_reads.append(h)
        if n < KILLS:
            os.kill(os.getpid(), signal.SIGUSR2)
            n += 1
    try:
        signal.signal(signal.SIGUSR1, h1)
    except ValueError as e:
        refusals.append(str(e))


threads = [threading.Thread(target=reader, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for i in range(ROUNDS):
    signal.signal(signal.SIGUSR1, h2 if i % 2 else h1)
    signal.raise_signal(signal.SIGUSR1)
stop.set()
for t in threads:
    t.join()
deadline = time.time() + 10
while calls["usr2"] == 0 and time.time() < deadline:
    time.sleep(0.01)
assert calls["h1"] + calls["h2"] == ROUNDS, calls
assert calls["h1"] == calls["h2"] == ROUNDS // 2, calls
assert not wrong_thread and not bad_reads, (wrong_thread, bad_reads[:3])
assert refusals == ["signal only works in main thread of the main interpreter"] * THREADS, refusals
# Signals of one kind that arrive together may merge into one delivery (as
# in C and CPython): at least one, at most one per kill.
assert 1 <= calls["usr2"] <= THREADS * KILLS, calls
print("signal_shared ok")

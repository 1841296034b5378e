# _signal (src/modules/signal.cc over src/vm/signals.cc) through CPython's
# signal.py: handlers run in the main thread at its next check, with the
# signal number and the frame; a handler's exception propagates from where
# the program was; SIGINT's default raises KeyboardInterrupt; CPython's
# errors for bad numbers, bad handlers and calls from other threads.
import signal, os, time, threading
print(signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGPIPE), signal.getsignal(signal.SIGUSR1))
print(signal.Signals.SIGTERM, signal.SIGINT.name, signal.Handlers.SIG_IGN, signal.Sigmasks.SIG_BLOCK)
got = []
def h(signum, frame):
    got.append((signum, type(frame).__name__))
old = signal.signal(signal.SIGUSR1, h)
print(old)
os.kill(os.getpid(), signal.SIGUSR1)
for i in range(1000): pass
print(got)
signal.raise_signal(signal.SIGUSR1)
print(len(got))
def boom(s, f): raise ValueError("from handler")
signal.signal(signal.SIGUSR2, boom)
try:
    signal.raise_signal(signal.SIGUSR2)
except ValueError as e:
    print("ValueError", e)
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt as e:
    print("KeyboardInterrupt", repr(e))
signal.signal(signal.SIGALRM, h)
signal.setitimer(signal.ITIMER_REAL, 0.05)
time.sleep(0.3)
print(got[-1][0] == signal.SIGALRM, signal.getitimer(signal.ITIMER_REAL))
for bad in [lambda: signal.signal(0, h), lambda: signal.signal(signal.SIGUSR1, 5), lambda: signal.getsignal(999),
            lambda: signal.signal(signal.SIGKILL, h), lambda: signal.strsignal(0)]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
r = []
def other():
    try: signal.signal(signal.SIGUSR1, h)
    except ValueError as e: r.append(str(e))
t = threading.Thread(target=other); t.start(); t.join(); print(r)
print(signal.strsignal(signal.SIGTERM), signal.strsignal(signal.SIGRTMIN + 2), len(signal.valid_signals()), signal.NSIG)
print(signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1]), signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1]))
print(signal.signal(signal.SIGUSR1, signal.SIG_DFL) is h, signal.getsignal(signal.SIGUSR1))
print(signal.alarm(0), signal.default_int_handler)

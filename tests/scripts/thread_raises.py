# A thread that raises: the exception goes to threading.excepthook (here a
# custom one; the default prints the traceback to stderr), the other threads
# and the main thread carry on, and the process exits 0.
import threading

results = []
seen = []


def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))


threading.excepthook = hook


def ok(k):
    results.append(k)


def bad():
    raise ValueError("boom in a thread")


t = threading.Thread(target=bad, name="bad-thread")
others = [threading.Thread(target=ok, args=(k,)) for k in range(4)]
t.start()
for o in others:
    o.start()
t.join()
for o in others:
    o.join()
print("main continues", sorted(results), t.is_alive(), seen)
seen.clear()
for k in range(3):
    th = threading.Thread(target=bad, name=f"hooked-{k}")
    th.start()
    th.join()
print(sorted(seen))


def raises_system_exit():
    raise SystemExit(3)


th = threading.Thread(target=raises_system_exit)
th.start()
th.join()
print("SystemExit in a thread is silent; main exits normally")

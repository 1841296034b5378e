# contextvars from four threads. Each thread's sets stay in its own
# context; one Context shared by all threads is entered by at most one at a
# time (the others get CPython's RuntimeError), and inside it each run sees
# exactly its own increment; readers iterate the shared Context as a
# mapping while the thread that entered it sets variables.
import contextvars
import threading

THREADS = 4
ROUNDS = 3000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
var = contextvars.ContextVar("var", default=0)
other = contextvars.ContextVar("other")
shared = contextvars.copy_context()
entered = [0] * THREADS
refused = [0] * THREADS
inside = [0]


def bump(k):
    inside[0] += 1
    assert inside[0] == 1, inside[0]  # nobody else is inside this context
    var.set(var.get() + 1)
    other.set(k)
    inside[0] -= 1


def worker(k):
    for i in range(ROUNDS):
        token = var.set(k * ROUNDS + i)
        assert var.get() == k * ROUNDS + i
        var.reset(token)
        try:
            shared.run(bump, k)
            entered[k] += 1
        except RuntimeError as e:
            assert "is already entered" in str(e), e
            refused[k] += 1
        if i % 10 == 0:
            for key in shared:
                assert key in (var, other)
            assert len(shared) in (0, 1, 2)
    assert var.get() == 0


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
assert sum(entered) + sum(refused) == THREADS * ROUNDS
assert shared[var] == sum(entered), (shared[var], sum(entered))
print("ok")

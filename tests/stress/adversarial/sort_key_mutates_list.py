# A sort key that appends to (or clears) the list being sorted: CPython
# raises ValueError("list modified during sort") and the list keeps exactly
# its original items; other threads appending meanwhile may lose their
# items to the sort (CPython drops them too), but never crash it.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

for rnd in range(50):
    xs = list(range(200, 0, -1))

    def key(v):
        xs.append(v)
        return v

    try:
        xs.sort(key=key)
    except ValueError as e:
        assert str(e) == "list modified during sort", e
    else:
        raise AssertionError("no ValueError")
    assert sorted(xs) == list(range(1, 201)), len(xs)

    ys = list(range(100))
    try:
        ys.sort(key=lambda v: ys.clear() or -v)
    except ValueError:
        pass
    assert sorted(ys) == list(range(100))

# Other threads append while one sorts: the sorter's items all survive.
shared = list(range(5000, 0, -1))
stop = False


def appender():
    while not stop:
        if len(shared) < 20000:
            shared.append(-1)


t = threading.Thread(target=appender)
t.start()
outcomes = set()
for rnd in range(10):
    try:
        shared.sort()
        outcomes.add("sorted")
    except ValueError:
        outcomes.add("modified")
    assert set(range(1, 5001)) <= set(shared)
stop = True
t.join()
adv_harness.finish()

# Slice assignment, slice deletion, extend-with-itself, reverse, insert and
# pop on one list from several threads: the list only ever holds the
# values written, and its length matches its contents.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 3000
lst = list(range(100))


def worker(k):
    for i in range(ITERS):
        op = (i + k) % 7
        if op == 0:
            lst[10:20] = [k] * 5
        elif op == 1:
            del lst[:3]
        elif op == 2:
            if len(lst) < 2000:
                lst.extend(lst[:50])
        elif op == 3:
            lst.reverse()
        elif op == 4:
            lst.insert(len(lst) // 2, k)
        elif op == 5:
            try:
                lst.pop(0)
            except IndexError:
                pass
        else:
            try:
                lst[::2] = lst[::2]  # same length, unless another thread resized in between
            except ValueError as e:
                assert "extended slice" in str(e), e
        if len(lst) < 50:
            lst.extend(range(100))


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert all(isinstance(v, int) and (0 <= v < 100) for v in lst)
assert len(lst) == len(list(lst)) == sum(1 for _ in lst)
adv_harness.finish()

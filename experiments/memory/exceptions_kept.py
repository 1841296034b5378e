# 200,000 exceptions raised through 5 calls, caught, and kept in a list with
# their tracebacks (ftpy's traceback entries are code, globals and a line,
# not frames: design/gc.md).
import _peak  # noqa: F401  (reports the peak at exit)


def f(n):
    if n == 0:
        raise ValueError("deep")
    return f(n - 1)


kept = []
for i in range(200_000):
    try:
        f(5)
    except ValueError as e:
        kept.append(e)
assert len(kept) == 200_000

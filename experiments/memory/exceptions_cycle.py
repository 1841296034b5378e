# 200,000 exceptions raised through 5 calls, caught, and stored in their own
# attribute (a cycle through the exception) before being dropped.
import _peak  # noqa: F401  (reports the peak at exit)


def f(n):
    if n == 0:
        raise ValueError("deep")
    return f(n - 1)


for i in range(200_000):
    try:
        f(5)
    except ValueError as e:
        e.me = e

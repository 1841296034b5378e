# Mixed interpreter paths: for-range loop, list append/index, dict updates,
# string building, and method calls on builtins.
import time


def work():
    total = 0
    items = []
    for i in range(300_000):
        items.append(i * 3)
        total += items[i // 2]
    counts = {}
    for w in ("alpha beta gamma delta " * 20_000).split():
        counts[w] = counts.get(w, 0) + 1
    parts = [str(i) for i in range(100_000)]
    return total + len("".join(parts)) + counts["beta"]


start = time.perf_counter()
work()
print(time.perf_counter() - start)

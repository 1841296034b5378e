# Single-threaded countdown (the seed's loop): `while n > 0: n -= 1`.
import time


def countdown(n):
    while n > 0:
        n -= 1


start = time.perf_counter()
countdown(20_000_000)
print(time.perf_counter() - start)

# Call-heavy recursion: fib(30) makes 2.7 million Python calls.
import time


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


start = time.perf_counter()
fib(30)
print(time.perf_counter() - start)

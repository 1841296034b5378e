def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1
def take_while(pred, it):
    for v in it:
        if not pred(v):
            return
        yield v
print(list(take_while(lambda v: v < 200, fib())))
print(list(take_while(lambda v: v < 60, primes())))
even_fibs = (f for f in fib() if f % 2 == 0)
print([next(even_fibs) for _ in range(8)])
big = fib()
for _ in range(100):
    v = next(big)
print(v)

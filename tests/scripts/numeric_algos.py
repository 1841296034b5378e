def newton_sqrt(x, eps=1e-12):
    guess = x / 2 or 1.0
    while abs(guess * guess - x) > eps * x:
        guess = (guess + x / guess) / 2
    return guess
print([round(newton_sqrt(v), 10) for v in (2, 9, 10, 1e6)])
def integrate(f, a, b, n=1000):
    h = (b - a) / n
    return h * (f(a) / 2 + sum(f(a + i * h) for i in range(1, n)) + f(b) / 2)
print(round(integrate(lambda x: x * x, 0, 3), 6), round(integrate(lambda x: 1 / x, 1, 2), 6))
def pi_leibniz(terms):
    return 4 * sum((-1) ** k / (2 * k + 1) for k in range(terms))
print(round(pi_leibniz(10000), 6))
def primes_upto(n):
    sieve = bytearray if False else None
    flags = [True] * (n + 1)
    flags[0:2] = [False, False]
    for i in range(2, int(n ** 0.5) + 1):
        if flags[i]:
            flags[i * i::i] = [False] * len(flags[i * i::i])
    return [i for i, f in enumerate(flags) if f]
ps = primes_upto(200)
print(len(ps), ps[-5:], sum(ps))
def factorize(n):
    out, d = [], 2
    while d * d <= n:
        while n % d == 0:
            out.append(d)
            n //= d
        d += 1
    if n > 1:
        out.append(n)
    return out
print(factorize(360), factorize(9999991), factorize(2 ** 40 + 1), factorize(600851475143))
def perfect(n):
    return n == sum(d for d in range(1, n) if n % d == 0)
print([n for n in range(1, 10000) if n % 2 == 0 and perfect(n)] if False else [6, 28, 496, 8128] == [n for n in (6, 28, 496, 8128) if perfect(n)])
print(sum(int(d) for d in str(2 ** 1000)), len(str(3 ** 500)), 7 ** 77 % 1000)

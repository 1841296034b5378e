add = lambda a, b=1: a + b
print(add(1), add(1, 2), (lambda: "no args")(), (lambda *a, **k: (a, k))(1, x=2))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
def make_multipliers():
    return [lambda x, i=i: x * i for i in range(1, 4)]
print([m(10) for m in make_multipliers()])
def counter():
    count = 0
    def inc(by=1):
        nonlocal count
        count += by
        return count
    def get():
        return count
    return inc, get
inc_c, get_c = counter()
inc_c(); inc_c(5)
print(get_c())
def memoize(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper
@memoize
def slow_fib(n):
    return n if n < 2 else slow_fib(n - 1) + slow_fib(n - 2)
print(slow_fib(80), len(slow_fib.cache))
print(sorted(["b", "A", "c"], key=lambda s: s.lower()), list(map(lambda p: p[0] * p[1], [(2, 3), (4, 5)])))

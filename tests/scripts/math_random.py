import random, math
random.seed(42)
print([random.random() for _ in range(3)])
print([random.randint(1, 100) for _ in range(10)])
print(random.choice("abcdefg"), random.randrange(10), random.randrange(5, 50, 5), random.uniform(1, 2))
xs = list(range(10)); random.shuffle(xs); print(xs)
random.seed(2 ** 100 + 7); print(random.random(), random.getrandbits(70), random.sample(range(20), 5))
random.seed(0); print(random.random())
print(math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.pi, math.e, math.factorial(20), math.gcd(12, 18))
print(math.log(100, 10), math.log2(8), math.log10(1000), math.exp(1), math.sin(0), math.cos(0), math.hypot(3, 4))
print(math.isqrt(99), math.comb(10, 3), math.perm(5, 2), math.fsum([0.1] * 10), math.prod([1, 2, 3, 4]))
print(math.isclose(0.1 + 0.2, 0.3), math.degrees(math.pi), math.trunc(-2.5), math.copysign(1, -0.0), math.inf, math.isnan(math.nan))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.exp(1000), lambda: math.factorial(-1)]:
    try:
        bad()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)

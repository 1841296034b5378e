import math
print(math.sqrt(2), math.pi, math.e, math.tau, math.inf, -math.inf)
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(2.9), math.floor(7), type(math.floor(1.5)).__name__)
print(math.pow(2, 10), math.exp(0), math.log(math.e), math.log(8, 2), math.log10(0.001), math.log2(1024))
print(round(math.sin(math.pi / 2), 12), round(math.cos(math.pi), 12), round(math.tan(0), 12), math.atan2(1, 1))
print(math.degrees(math.pi / 4), math.radians(180), math.hypot(5, 12), math.fabs(-3), math.fmod(7, 3))
print(math.factorial(10), math.gcd(48, 18, 30), math.lcm(4, 6), math.isqrt(10 ** 20), math.comb(52, 5), math.perm(6))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.prod(range(1, 6)), math.copysign(3, -1), math.modf(3.75))
print(math.isfinite(1e308), math.isinf(1e308 * 10), math.isnan(float("nan")), math.isclose(1, 1 + 1e-10))
print(math.frexp(8.0), math.ldexp(0.5, 4), math.dist((0, 0), (3, 4)), math.floor(-0.0), math.sqrt(0))
for bad in ["math.sqrt(-4)", "math.log(-1)", "math.acos(2)", "math.factorial(-3)", "math.pow(0, -1)"]:
    try:
        eval_result = {"math.sqrt(-4)": lambda: math.sqrt(-4), "math.log(-1)": lambda: math.log(-1),
                       "math.acos(2)": lambda: math.acos(2), "math.factorial(-3)": lambda: math.factorial(-3),
                       "math.pow(0, -1)": lambda: math.pow(0, -1)}[bad]()
    except ValueError as e:
        print(bad, "->", e)

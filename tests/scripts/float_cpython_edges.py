# float where CPython's test_float found ftpy different: one sign only in
# float(str), the sign of float("-nan"), NaNs hashing by identity
# (Python 3.10+), keywords for a derived class with its own __init__,
# powers with infinite operands, and rounding that overflows.
import math
for s in ['+-3.14', '-+1', '--1', '+1.5', '-nan', 'nan', '+nan', '-inf', ' 1_0.5 ']:
    try: v = float(s); print(repr(s), v, math.copysign(1.0, v))
    except ValueError as e: print(repr(s), 'ValueError', e)
n = float('nan'); m = float('nan')
print(hash(n) == object.__hash__(n), hash(n) == hash(n), {n: 1, m: 2}[m], hash(1.5) == hash(1.5))
class F(float):
    def __init__(self, arg, newarg=None): self.newarg = newarg
u = F(2.5, newarg=3); print(float(u), u.newarg, type(u).__name__)
class G(float): pass
try: G(1.0, x=1)
except TypeError as e: print(e)

# Powers with infinities and overflowing rounding (CPython's float_pow and
# double_round).
INF, NAN = math.inf, math.nan
for a, b in [(INF, -0.5), (-INF, -0.5), (INF, 0.5), (-INF, 0.5), (-INF, -1.0), (-INF, 3.0), (-INF, -3.0), (NAN, 0.0),
             (1.0, NAN), (-1.0, INF), (-1.0, NAN), (-2.0, 0.5), (-0.0, -1.0), (-0.0, -INF), (0.0, -INF), (0.5, -INF)]:
    try:
        r = a ** b
        print(a, b, r, math.copysign(1, r) if isinstance(r, float) else '')
    except Exception as e:
        print(a, b, type(e).__name__, e)
for x, n in [(1.6e308, -308), (-1.7e308, -308), (1.5e308, -308), (123.456, -2), (1e300, -301)]:
    try:
        print(round(x, n))
    except OverflowError as e:
        print('OverflowError', e)

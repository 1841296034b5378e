# math's special functions (Python 3.11's additions and the hyperbolic
# inverses) against CPython, to the last bit: gamma and lgamma use
# CPython's Lanczos approximation, the rest the C library as CPython does.
import math
vals = [0.0, -0.0, 0.5, 1.0, -1.0, 2.0, -2.5, 3.0, 1e-300, 1e300, -1e300, 171.0, 172.0, -171.5, float('inf'), float('-inf'), float('nan'), 10, -3]
for name in ['asinh', 'acosh', 'atanh', 'cbrt', 'exp2', 'expm1', 'erf', 'erfc', 'gamma', 'lgamma', 'ulp']:
    out = []
    for v in vals:
        try:
            out.append(repr(getattr(math, name)(v)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__ + ':' + str(e))
    print(name, out)
for a, b in [(5, 3), (5, -3), (-5, 3), (1, 0), (float('inf'), 1), (1, float('inf')), (7.5, 2), (0.0, 1)]:
    for name in ['remainder', 'nextafter']:
        try:
            print(name, a, b, repr(getattr(math, name)(a, b)))
        except ValueError as e:
            print(name, a, b, e)
# A sweep: gamma and lgamma over negative, small, and large arguments.
xs = [k / 7.0 for k in range(-200, 1500, 3)] + [0.1 * k for k in range(1, 200)]
print([repr(math.gamma(x)) if x != int(x) or x > 0 else 'pole' for x in xs if x < 171])
print([repr(math.lgamma(x)) if x != int(x) or x > 0 else 'pole' for x in xs])
print([repr(math.erf(x / 10)) + repr(math.erfc(x / 10)) for x in range(-60, 60, 7)])
print(math.ulp(1.0), math.ulp(-2.5), math.ulp(1.7976931348623157e308), math.ulp(5e-324), math.ulp(0.0))

# float.fromhex with CPython's own correctly rounded conversion (half to
# even, subnormals, overflow at the top, absurd exponents): glibc's strtod
# truncated some subnormals. Checked bit for bit through .hex().
import random

cases = ["0x0.ffffffffffffeap-1022", "0x0.ffffffffffffe8p-1022", "0x0.fffffffffffff2p-1022",
         "0x1p-1074", "0x1.8p-1074", "0x1p-1075", "0x1.0000000000001p-1075", "0x.8p-1074",
         "0x1p1024", "0x1.fffffffffffff8p1023", "0x1.fffffffffffff7ffp1023",
         "0x0p99999999999999999999", "0x1p-99999999999999999999", "  -0X1.ABCp+3  ",
         "0x1.0000000000001p0", "0x1.00000000000008p0", "0x1.00000000000018p0", "0x1.00000000000008000001p0",
         "0x00000000001.8p0", "0x.0000000000000000000000001p100", "1", "a.b", "0X.8", "-0x0p0", "inf", "-nan",
         "0x1p", "0x", "0x.p1", "1e3", "0x1.p-1022", "0x1.fffffffffffffp-1023"]
for s in cases:
    try:
        v = float.fromhex(s)
        print(repr(s), v.hex(), v)
    except (ValueError, OverflowError) as e:
        print(repr(s), type(e).__name__, e)

rng = random.Random(1234)
mismatches = 0
for _ in range(20000):
    mantissa = rng.getrandbits(rng.randrange(1, 80))
    shift = rng.randrange(-1200, 1100)
    text = "%sp%d" % (hex(mantissa), shift)
    try:
        v = float.fromhex(text)
    except OverflowError:
        v = "overflow"
    exact = "overflow" if v == "overflow" else v
    # The same value from the exact rational: ldexp of the int rounds
    # correctly too (int.__truediv__ is correctly rounded).
    try:
        ref = mantissa / 2 ** -shift if shift < 0 else float(mantissa * 2 ** shift)
    except OverflowError:
        ref = "overflow"
    if exact != ref:
        mismatches += 1
print("mismatches", mismatches)

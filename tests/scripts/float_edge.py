print(0.1 + 0.2, 1 / 3, 2 / 3, 1e-10, 1.5e300 * 1e10, -1e300 * 1e10, float("inf") - float("inf"))
print(1e16, 1e15, 123456789012345678.0, 0.000123, 1.23e-5, 5e-324, 2.2250738585072014e-308)
print(round(2.675, 2), round(0.125, 2), round(0.375, 2), round(1e20), round(-0.0), round(5.5), round(6.5))
print(float("1e500"), float("-1e500"), 10 ** 308 * 10.0 if False else 1.7976931348623157e308, 7.0 // 2, -7.0 % 3)
print(int(1e18), int(-1.9999), int(123.999), 3.0 == 3, 0.1 * 3 == 0.3, abs(0.1 * 3 - 0.3) < 1e-15)
print(f"{1/7:.15f}", f"{1/7:.3e}", f"{1e-9:g}", f"{123456.789:g}", f"{0.5:.0f}", f"{1.5:.0f}", f"{2.5:.0f}")
print(float.is_integer(3.0), (2.5).as_integer_ratio(), (0.1).as_integer_ratio(), max(0.1, 0.10000000000000001))
nan = float("nan")
print(nan == nan, nan != nan, nan < 1, sorted([3.0, 1.0, 2.0]), min(-0.0, 0.0), 0.0 == -0.0)
# float() of bytes-like objects (pickle's protocol 0 reads floats as bytes).
print(float(b" 1.5 "), float(bytearray(b"-2e3")), float(memoryview(b"inf")))
for bad in (b"x", bytearray(b"1.5.")):
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)

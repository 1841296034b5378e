x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6, x == 5 == 5.0, 1 < 2 < 3 < 4 < 3)
calls = []
def f(v):
    calls.append(v)
    return v
print(f(1) < f(2) < f(0) < f(3), calls)
print("a" < "b" <= "b" != "c", [1] < [2] < [2, 0], (1, 2) <= (1, 2) < (1, 3))
print(3 in [1, 2, 3] in [[1, 2, 3]], None is None is not False, not 1 == 2, not (1 < 2 < 0))
lo, hi = 10, 20
print([v for v in range(5, 25, 3) if lo <= v < hi])

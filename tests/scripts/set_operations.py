a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([9]), a.intersection(range(3, 10)), a.difference([1, 2]), a.symmetric_difference({5, 6}))
print(a <= a | b, {1, 2} < a, a >= {1}, a > a, a.isdisjoint({8, 9}), {1}.issubset([1, 2]), a.issuperset((1, 2)))
s = set()
for word in ["x", "y", "x", "z", "y"]:
    s.add(len(word) * 10)
print(s, len({i % 5 for i in range(100)}))
s = {10, 20, 30}
s.discard(10); s.discard(99); s.remove(20)
try:
    s.remove(99)
except KeyError as e:
    print("KeyError", e)
print(s, s.pop(), s)
f = frozenset([3, 1, 2])
print(f, f | {4}, type(f | {4}).__name__, {f: "frozen"}[frozenset([1, 2, 3])], len(f))
print(sorted({-5, 3, -1, 8}), {x for x in range(10) if x % 3 == 0}, set("aabbc") == {"a", "b", "c"})
print({0, 1, 2, 8, 16, 32}, {100, 1, 1000, 10}, {5, 13, 21})

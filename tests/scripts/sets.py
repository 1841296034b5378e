s = {3, 1, 2}
print(s, len(s), 2 in s, 5 in s, set(), set([1, 2, 2, 3]), set("aab") == {"a", "b"})
s.add(4); s.discard(10); s.remove(1)
print(s, sorted(s))
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, a ^ b, a <= {1, 2, 3, 4, 5}, a < a, a >= {1}, {1, 2} == {2, 1})
print(a.union(b, [9]), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.issubset(range(10)), a.isdisjoint({7}), frozenset([1, 2]), frozenset() == set())
print({x % 3 for x in range(10)}, {-1, -2, 100, 7, 8}, {10, 20, 30, 1000})
print(sorted({"pear", "apple"}), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
c = a.copy(); c.clear(); print(c, a.pop(), a)

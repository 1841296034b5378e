nums = [3, 1, 4, 1, 5, 9, 2, 6]
print(sum(n * n for n in nums), max(n for n in nums if n % 2 == 0), min((n, i) for i, n in enumerate(nums)))
print(any(n > 8 for n in nums), all(n > 0 for n in nums), sorted(n for n in nums if n > 2))
g = (x * 2 for x in range(4))
print(type(g).__name__, next(g), list(g), list(g))
print(list((i, j) for i in range(3) for j in range(i)))
print(dict((k, len(k)) for k in ["a", "bb", "ccc"]), set(c for c in "hello") == {"h", "e", "l", "o"})
print(tuple(x for x in "abc"), "".join(c.upper() for c in "shout"), list(zip((x for x in "ab"), (y for y in "cd"))))
total = 0
for v in (x for x in range(10) if x % 3 == 0):
    total += v
print(total)
x = 10
gen = (x + i for i in range(3))
x = 100
print(list(gen))

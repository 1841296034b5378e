print([x * x for x in range(6)], [x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(i, j) for i in range(3) for j in range(i)], [[j for j in range(i)] for i in range(4)])
print({x: x ** 2 for x in range(4)}, {c for c in "hello"} == set("helo"), {k: v for k, v in zip("ab", [1, 2])})
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)], [n for row in matrix for n in row])
x = "outer"
print([x for x in "ab"], x)
words = ["apple", "bob", "kayak", "zebra"]
print([w.upper() for w in words if w == w[::-1]], sorted({len(w) for w in words}))

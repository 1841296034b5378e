x = "global"
print([x for x in range(3)], x)
def f():
    y = 10
    return [y + i for i in range(3)], {k: y for k in "ab"}, {y * i for i in range(2)}
print(f())
class C:
    values = [1, 2, 3]
    doubled = [v * 2 for v in values]
print(C.doubled)
matrix = [[i * 3 + j for j in range(3)] for i in range(3)]
print(matrix, [row[i] for i, row in enumerate(matrix)], [[row[i] for row in matrix] for i in range(3)])
print([(a, b) for a in range(4) if a % 2 for b in range(a) if b])
funcs = [lambda n=i: n * 10 for i in range(3)]
print([fn() for fn in funcs])
words = ["apple", "Banana", "cherry", "date"]
index = {w[0].lower(): w for w in words}
print(index, sorted(index.items())[0])
print({n: [d for d in range(1, n + 1) if n % d == 0] for n in range(1, 7)})

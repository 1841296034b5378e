def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    return [[dot(a[i], [b[k][j] for k in range(m)]) for j in range(p)] for i in range(n)]
def dot(u, v):
    total = 0
    for x, y in zip(u, v):
        total += x * y
    return total
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
a = [[1, 2], [3, 4]]
b = [[5, 6], [7, 8]]
print(matmul(a, b), matmul(a, identity(2)) == a)
m = identity(3)
for _ in range(3):
    m = matmul(m, [[2, 0, 0], [0, 3, 0], [0, 0, 1]])
print(m)
print([[round(v / 7, 3) for v in row] for row in matmul(a, b)])

# The @ and @= operators (PEP 465): __matmul__, __rmatmul__, __imatmul__
# and the fallback from @= to @, with CPython's TypeError messages.
class M:
    def __init__(self, rows):
        self.rows = rows
    def __matmul__(self, other):
        if not isinstance(other, M):
            return NotImplemented
        cols = list(zip(*other.rows))
        return M([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
    def __rmatmul__(self, other):
        return ("rmatmul", other)
    def __repr__(self):
        return f"M({self.rows})"
a = M([[1, 2], [3, 4]])
print(a @ a, 5 @ a)
b = a
b @= a
print(b, a)
class I(M):
    def __imatmul__(self, other):
        self.rows = [[0]]
        return self
c = I([[1]])
d = c
c @= a
print(c is d, c)
print(2 * 3 @ a if False else 1)
try:
    a @ 1
except TypeError as e:
    print(e)
try:
    x = [1]
    x @= 2
except TypeError as e:
    print(e)

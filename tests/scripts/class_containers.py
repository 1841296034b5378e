class Matrix:
    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols
        self.data = [[0] * cols for _ in range(rows)]
    def __getitem__(self, idx):
        r, c = idx
        return self.data[r][c]
    def __setitem__(self, idx, value):
        r, c = idx
        self.data[r][c] = value
    def __len__(self):
        return self.rows * self.cols
    def __iter__(self):
        for row in self.data:
            for v in row:
                yield v
    def __contains__(self, v):
        return any(v in row for row in self.data)
    def __repr__(self):
        return "\n".join(" ".join(f"{v:3}" for v in row) for row in self.data)
m = Matrix(2, 3)
m[0, 1] = 5
m[1, 2] = 7
print(m)
print(m[0, 1], len(m), list(m), 7 in m, 9 in m, sum(m), max(m))
class Registry:
    def __init__(self):
        self._items = {}
    def __setitem__(self, k, v):
        self._items[k] = v
    def __getitem__(self, k):
        return self._items[k]
    def __delitem__(self, k):
        del self._items[k]
    def __len__(self):
        return len(self._items)
    def __bool__(self):
        return bool(self._items)
r = Registry()
print(bool(r), len(r))
r["a"] = 1
r["b"] = 2
del r["a"]
print(bool(r), len(r), r["b"])
try:
    r["zzz"]
except KeyError as e:
    print("missing", e)

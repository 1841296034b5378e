records = [("bob", 3), ("amy", 1), ("cat", 3), ("dan", 2), ("eve", 1)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))
print(sorted(records))
print(sorted([3.5, 1, 2.25, -1]), sorted(["b", "a", "C"]), sorted([[2, 1], [1, 2], [1]]))
data = list(range(20, 0, -1))
data.sort(key=lambda v: v % 5)
print(data)
print(sorted("hello world"), max("hello"), min([4, 2, 8], key=lambda v: -v))

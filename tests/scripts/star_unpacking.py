first, *middle, last = range(10)
print(first, middle, last)
*init, tail = "hello"
print(init, tail)
a, (b, *c), d = 1, (2, 3, 4), 5
print(a, b, c, d)
[x, y], z = "ab", "c"
print(x, y, z)
for head, *rest in [(1, 2, 3), (4,), "xyz"]:
    print(head, rest)
def spread(*args, **kw):
    return args, kw
print(spread(*range(3), *"ab", **{"k": 1}, **{"j": 2}))
merged = {**{"a": 1, "b": 2}, **{"b": 3}, "c": 4}
print(merged, [*"ab", *[1, 2]], (*range(2),))
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1]
except ValueError as e:
    print(e)
try:
    first, *rest = []
except ValueError as e:
    print(e)
try:
    a, b = 5
except TypeError as e:
    print(e)

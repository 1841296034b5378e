a, b = 1, 2
a, b = b, a
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
first, *rest = [1, 2, 3, 4]
*init, last = "abcd"
head, *mid, tail = range(6)
print(first, rest, init, last, head, mid, tail)
a, *b = [1]
print(a, b)
for i, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(i, k, v)
print([*range(3), *"ab"], (*[1, 2], 3), {*[1, 2], 3}, {**{"a": 1}, "b": 2})
def f(*args):
    return args
print(f(*[1, 2], 3, *(4,)))
p = q = r = 5
print(p, q, r)
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 9
print(i, lst)

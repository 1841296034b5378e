s = "abcdefghij"
print(s[2:5], s[:3], s[7:], s[-3:], s[:-3], s[::3], s[1::2], s[::-2], s[8:2:-2], s[100:], s[-100:2])
xs = list(range(10))
print(xs[slice(2, 8, 2)], xs[slice(3)], slice(1, 5), slice(1, 5, 2).step)
xs[2:5] = []
print(xs)
xs[:0] = [-1, -2]
print(xs)
xs[::-1] = list(range(len(xs)))
print(xs)
t = tuple(range(6))
print(t[1:-1], t[::-1], t[4:1:-1])

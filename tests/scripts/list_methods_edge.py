xs = [5, 3, 8, 1]
xs.insert(100, 9); xs.insert(-100, 0); xs.insert(2, 7)
print(xs, xs.index(8), xs.index(1, 3), xs.count(3))
xs.remove(7)
print(xs.pop(), xs.pop(-2), xs.pop(0), xs)
ys = xs.copy(); ys.append(99)
print(xs, ys, xs == ys[:-1], xs is ys)
xs.extend(range(3)); xs.extend("ab"); xs += (1,)
print(xs)
xs.clear(); print(xs, len(xs))
for bad in [lambda: [].pop(), lambda: [1].remove(2), lambda: [1].index(5), lambda: [1][1]]:
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
a = [1, 2, 3, 4, 5, 6]
a[1:3] = "xyz"; print(a)
a[::2] = [0, 0, 0, 0][:len(a[::2])]; print(a)
del a[1::2]; print(a)
a[len(a):] = [7, 8]; print(a, a[-1:-4:-1], a[100:], a[-100:1])
b = [[0]] * 3; b[0].append(1); print(b)
c = [[0] for _ in range(3)]; c[0].append(1); print(c)
print(sorted([[3, "c"], [1, "a"], [2, "b"]]), [1, 2] * 0, [] + [], list(range(3)) == [0, 1, 2])

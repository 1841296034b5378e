xs = [3, 1, 4, 1, 5, 9, 2, 6]
print(xs, len(xs), xs[0], xs[-1], xs[2:5], xs[::2], xs[::-1], xs[-3:])
xs.append(7); xs.extend([8, 9]); xs.insert(0, 0)
print(xs, xs.pop(), xs.pop(0), xs.index(4), xs.count(1))
xs.remove(1)
print(xs, 9 in xs, 42 in xs)
xs.sort()
print(xs)
xs.sort(reverse=True)
print(xs)
words = ["banana", "Apple", "cherry", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
ys = [1, 2, 3]
ys[1] = 20; ys[0:1] = [10, 11]; del ys[-1]
print(ys, ys + [4], ys * 2, [0] * 5, [[]] * 2)
zs = list(range(10))
del zs[::3]
print(zs, zs[1:8:2], list("abc"), [1, 2] == [1, 2], [1, 2] < [1, 3], [] < [1])
zs[1:8:2] = ["a", "b", "c"]
print(zs)
zs.reverse(); print(zs)
c = zs.copy(); c.clear(); print(c, len(zs))
a = [1]; a += [2, 3]; print(a)
m = [[1, 2], [3, 4]]; m[1][0] = 30; print(m)

def point(x, y):
    return (x, y)
pts = [point(3, 4), point(-1, 2), point(0, 0)]
print(sorted(pts), max(pts), [x * x + y * y for x, y in pts], dict(pts if False else [("a", 1)]))
rec = ("ann", 31, ("paris", "fr"))
name, age, (city, country) = rec
print(name, age, city, country, rec[2][1], rec[-1][0][:3], len(rec), rec.index(31), rec.count("ann"))
print((1, 2) + (3,), (0,) * 3, tuple(reversed((1, 2, 3))), (1, 2, 3)[::-1], hash((1, "a")) == hash((1, "a")))
table = [("b", 2), ("a", 2), ("c", 1)]
print(sorted(table, key=lambda t: (t[1], t[0])), sorted(table, key=lambda t: t[1], reverse=True))
print(min(table, key=lambda t: t[1]), list(zip(*table)), ((1, 2), (3, 4))[1][0], () == tuple())

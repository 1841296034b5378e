d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"], "a" in d, "z" in d, d.get("z"), d.get("z", 0))
print(list(d.keys()), list(d.values()), list(d.items()))
del d["b"]
print(d, d.pop("a"), d.pop("zz", "dflt"), d)
d.update({"x": 10}, y=20)
print(d, d.setdefault("x", 0), d.setdefault("new", []), d)
print(dict(a=1, b=2), dict([("k", "v")]), dict({"m": 1}), {}, dict(zip("ab", [1, 2])))
e = {i: i * i for i in range(5)}
print(e, e == {0: 0, 1: 1, 2: 4, 3: 9, 4: 16}, e != {})
for k in e:
    print(k, end=",")
print()
for k, v in e.items():
    print(k, v, end=";")
print()
f = {1: "int", 1.0: "float", True: "bool"}
print(f, {(1, 2): "tuple"}[(1, 2)])
print(e.popitem(), e, d.copy() == d, {**d, "z": 0})
d.clear(); print(d)
print({"a": 1} | {"b": 2}, sorted({"b": 1, "a": 2}))

it = iter([10, 20, 30])
print(next(it), list(it), list(it))
e = enumerate(["x", "y"])
print(next(e), next(e), next(e, None))
z = zip(range(3), "abc", [True, False, None])
print(list(z))
m = map(abs, [-1, -2])
print(next(m), list(m))
d = {"a": 1, "b": 2}
print(list(iter(d)), list(d.items()), list(d.values()), len(d.keys()), "a" in d.keys(), ("a", 1) in d.items())
print(d.keys(), d.values(), d.items())
try:
    for k in d:
        d["c"] = 3
except RuntimeError as err:
    print(err)
total = 0
for ch in "hello":
    total += ord(ch)
print(total, sorted(set("mississippi")), list(reversed({"p": 1, "q": 2})))
print(list(zip(*[(1, "a"), (2, "b")])), dict(enumerate("ab")))

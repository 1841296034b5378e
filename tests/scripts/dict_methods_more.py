d = dict.fromkeys if False else {}
d = {k: i for i, k in enumerate("abcde")}
print(d, list(d.keys())[::2], sum(d.values()), max(d, key=d.get))
d.update([("f", 5)], g=6)
print(d.pop("a"), d.pop("zz", None), d.popitem(), len(d))
print(d.setdefault("b", 100), d.setdefault("new", []), d.get("missing", "dflt"))
inverted = {v: k for k, v in d.items() if isinstance(v, int)}
print(inverted)
nested = {}
for word in "apple avocado banana blueberry cherry".split():
    nested.setdefault(word[0], []).append(word)
print(nested, {k: len(v) for k, v in nested.items()})
a = {"x": 1, "y": 2}
b = {"y": 3, "z": 4}
print({**a, **b}, a | b, b | a, {k: a.get(k, 0) + b.get(k, 0) for k in sorted(a.keys() | b.keys() if False else set(a) | set(b))})
print(list(reversed(a)), list(zip(a, a.values())), dict(sorted(b.items(), reverse=True)))
counts = {}
for ch in "abracadabra":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts, key=counts.get, reverse=True)[:2], "a" in counts, "z" not in counts)
del counts["a"]
print(counts, len(counts), counts == {"b": 2, "r": 2, "c": 1, "d": 1})

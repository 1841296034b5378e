print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(False), hash("x") == hash("x"))
print(hash((1, "a")) == hash((1, "a")), hash(()) == hash(()), hash(-1), hash(-2))
print({1: "a", 1.0: "b"}, {True: 1, 1: 2}, len({0, 0.0, False}), {(1, 2), (1, 2)})
print(1 in {1.0}, "a" in {"a": 0}, [1] == [1.0], (1, 2) == [1, 2], {1: 2} == {1.0: 2.0})
for bad in [[], {}, set()]:
    try:
        hash(bad)
    except TypeError as e:
        print(e)
print(hash(frozenset()) == hash(frozenset()), {frozenset([1]): "fs"})

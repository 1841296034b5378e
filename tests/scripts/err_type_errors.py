cases = [
    lambda: "a" * "b", lambda: [1] + (2,), lambda: {} + {}, lambda: len(42), lambda: int([1]),
    lambda: sum(["a", "b"]), lambda: sorted([1, "a"]), lambda: "abc"[float(1)], lambda: (1, 2)[print()],
    lambda: iter(5), lambda: next([1]), lambda: abs("x"), lambda: ord("ab"), lambda: chr("a"),
    lambda: "x".join([1, 2]), lambda: max(), lambda: divmod("a", 1), lambda: round("1"),
]
for i, case in enumerate(cases):
    try:
        case()
        print(i, "no error")
    except TypeError as e:
        print(i, e)

cases = [
    lambda: int("12x"), lambda: int("1.5"), lambda: float("abc"), lambda: [1, 2].index(3),
    lambda: "abc".index("z"), lambda: list(range(3)).remove(7), lambda: int("", 10),
    lambda: chr(-1), lambda: "a,b".split(""), lambda: max([]), lambda: int("z", 99),
    lambda: (1).to_bytes if False else range(1, 2, 0), lambda: "{0} {1}".format(1) if False else "%d" % "x",
]
for i, case in enumerate(cases):
    try:
        case()
        print(i, "no error")
    except (ValueError, TypeError, IndexError) as e:
        print(i, type(e).__name__, e)

# Allocations far beyond the machine's memory raise MemoryError at once (no
# hang, no crash), and the program goes on; an uncaught one ends it with a
# traceback and status 1.
attempts = [
    ("list repeat", lambda: [0] * 10**12),
    ("str repeat", lambda: "a" * 10**12),
    ("tuple repeat", lambda: (1,) * 10**12),
    ("list of a huge range", lambda: list(range(10**12))),
    ("tuple of a huge range", lambda: tuple(range(10**12))),
    ("sorted huge range", lambda: sorted(range(10**12))),
    # join sizes its result first: nothing is copied before the MemoryError
    ("join of huge parts", lambda: "".join(["x" * 10**6] * 10**6)),
    ("join with a huge separator", lambda: ("a" * 2**20).join(["b"] * 2**20)),
]
for name, make in attempts:
    try:
        make()
        print(name, "allocated?")
    except MemoryError:
        print(name, "-> MemoryError")

small = [0] * 10
print("still working:", len(small), sum(range(10)))
x = "b" * 10**12
print("not reached")

# The match statement (PEP 634): literal, capture, wildcard, value, group,
# sequence (with star), mapping (with **rest), class (positional through
# __match_args__ and keyword) and or/as patterns, guards, soft keywords.
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y

def describe(v):
    match v:
        case 0:
            return "zero"
        case -1 | 1:
            return "unit"
        case None:
            return "none"
        case True:
            return "true"
        case "hello" | "hi" as greeting:
            return f"greeting {greeting}"
        case [] | ():
            return "empty seq"
        case [x]:
            return f"one {x}"
        case [x, y] if x == y:
            return f"pair same {x}"
        case [first, *rest]:
            return f"first {first} rest {rest}"
        case {"type": "circle", "r": r}:
            return f"circle {r}"
        case {"type": t, **others}:
            return f"typed {t} {sorted(others.items())}"
        case Point(x=0, y=0):
            return "origin"
        case Point(0, y):
            return f"on y axis {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point(x=px):
            return f"point x={px}"
        case int(n) | float(n):
            return f"number {n}"
        case str() as s:
            return f"string {s!r}"
        case {}:
            return "mapping"
        case _:
            return "other"

for v in [0, 1, -1, None, True, "hello", "hi", [], (), [5], [2, 2], [1, 2, 3], (4, 5), {"type": "circle", "r": 3},
          {"type": "sq", "side": 2, "c": 1}, Point(0, 0), Point(0, 7), Point(3, 3), Point(4, 5), 42, 2.5, "str",
          {"a": 1}, {1, 2}, range(3), b"ab"]:
    print(repr(v) if not isinstance(v, Point) else f"Point({v.x},{v.y})", "->", describe(v))

def nested(cmd):
    match cmd.split():
        case ["go", ("north" | "south") as d]:
            return "go " + d
        case ["drop", *objs] if objs:
            return "drop " + ",".join(objs)
        case ["quit" | "exit"]:
            return "bye"
        case [_, _, *_]:
            return "long"
        case _:
            return "?"
print([nested(c) for c in ["go north", "go west", "drop a b", "drop", "exit", "a b c", "x"]])
match 5:
    case x:
        print("captured", x)
match (1, (2, 3)):
    case (a, (b, c)):
        print(a, b, c)
match {"k": [1, {"z": 2}]}:
    case {"k": [_, {"z": z}]}:
        print("deep", z)
match = 3
print(match)
def match(x): return x
print(match(4))
x = [1, 2, 3, 4, 5]
match x:
    case [a, *_, b]:
        print(a, b)

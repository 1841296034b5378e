# Or-patterns whose alternatives bind names in different orders, guards
# across alternatives, nested or/as patterns, class patterns on exceptions
# and matches in a class body.
def f(v):
    match v:
        case (1, a, b) | (2, b, a):
            return ("ab", a, b)
        case {"x": x, "y": y} | [x, y, "pt"] if x < y:
            return ("xy", x, y)
        case [[p, q] | (p, q, _), r] as whole:
            return ("nest", p, q, r, whole)
        case Exception(args=(msg,)):
            return ("exc", msg)
        case _:
            return "none"
for v in [(1, 'A', 'B'), (2, 'A', 'B'), {"x": 1, "y": 2}, {"x": 3, "y": 2}, [1, 2, "pt"], [[1, 2], 3], [(1, 2, 9), 3], ValueError("boom"), 7]:
    print(f(v))
class C:
    match [1, 2]:
        case [a, b]:
            total = a + b
print(C.a, C.b, C.total)
match [1, 2, 3]:
    case [1, *mid, 3] if mid:
        print("mid", mid)

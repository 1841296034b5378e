# repr, str and comparison of structures nested far past the recursion
# limit raise RecursionError at once (they count against the limit as
# Python calls do), and self-containing containers print as [...] / {...}.
def nest(kind, n):
    x = kind()
    for _ in range(n):
        x = {1: x} if kind is dict else kind([x])
    return x


for kind in (list, tuple, dict):
    a = nest(kind, 300000)
    b = nest(kind, 300000)
    for name, op in (("repr", repr), ("str", str), ("eq", lambda v: v == b)):
        try:
            op(a)
            print(kind.__name__, name, "ok")
        except RecursionError as e:
            print(kind.__name__, name, "RecursionError:", e)
    try:
        a < b
    except RecursionError as e:
        print(kind.__name__, "lt RecursionError:", e)
    except TypeError as e:
        print(kind.__name__, "lt TypeError:", e)

# Just under the limit works.
print(len(repr(nest(list, 300))), len(str(nest(tuple, 300))))

x = [1]
x.append(x)
d = {}
d["self"] = d
t = (x, d)
print(repr(x), repr(d), str(t))


class Loop:
    def __repr__(self):
        return "Loop(" + repr(self.inner) + ")"


a = Loop()
a.inner = [a]
try:
    repr(a)
except RecursionError as e:
    print("RecursionError:", e)
print("alive")

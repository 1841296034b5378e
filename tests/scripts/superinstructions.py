# The fused loads (src/compiler/superinstructions.cc): each pattern with the
# operands its fast path takes, and with operands that send it back to the
# plain instructions (other types, overflow, errors, aliases that forbid an
# in-place update).


def binary(a, b):
    return [a + b, a - b, a * b, a / b if b else None, a + 1, a - 1, a * 3, a / 2]


for a, b in [(7, 3), (-7, 2), (2**62, 2**62), (2**63 - 1, 1), (1.5, 2), (3, 0.25), (2**53 + 1, 3),
             (10**30, 7), (-(10**30), 3), (True, 2), (1.0, float("inf"))]:
    print(a, b, binary(a, b))


def concat(a, b):
    return a + b


print(concat("ab", "cd"), concat([1], [2]), concat((1,), (2,)))
try:
    binary(1.5, None)
except TypeError as e:
    print("TypeError", e)


def divide(a, b):
    return a / b


for a, b in [(1, 0), (1.0, 0), (1, 0.0), (0.0, 0.0), (10**30, 0)]:
    try:
        divide(a, b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
print(divide(0, -5), divide(1, 2**1075), divide(3, 2**1075), divide(2**1100, 7**300), divide(-(2**70) - 1, 3))
try:
    divide(2**1100, 3)
except OverflowError as e:
    print("OverflowError", e)


def compare(a, b):
    out = [a < b, a <= b, a == b, a != b, a > b, a >= b]
    out.append("lt" if a < b else "not lt")
    out.append("ge" if a >= b else "not ge")
    if a == 1:
        out.append("one")
    return out


nan = float("nan")
for a, b in [(1, 2), (2, 2), (2.5, 2), (2, 2.5), (2**53 + 1, float(2**53)), (2**63, 1.0), (nan, nan),
             (nan, 1), (1, True), ("a", "b"), ((1, 2), (1, 3))]:
    print(a, b, compare(a, b))
try:
    compare(1, "x")
except TypeError as e:
    print("TypeError", e)


def inplace(n):
    total = 1000
    step = 7
    alias = total
    for i in range(n):
        total += step
        total -= 1
        step *= 1
    f = 0.5
    g = f
    f += 1
    f *= 2.0
    f -= step
    x = 10**6
    x += x
    y = 1000
    y += 2**63
    big = 2**62
    big += big
    s = "s"
    s += "t"
    return total, alias, f, g, x, y, big, s


print(inplace(10), inplace(0))


def subscripts(seq, i):
    return [seq[0], seq[i], seq[-1], seq[i - 1]]


for seq, i in [([10, 20, 30], 1), ((10, 20, 30), 2), ("abc", 1), ([[1], [2]], 1), ((5,), 0), (range(3), 1)]:
    print(subscripts(seq, i))
print(subscripts({0: "a", 1: "b", -1: "c"}, 1))
for seq, i in [([1, 2], 5), ((1, 2), -7), ([], 0)]:
    try:
        subscripts(seq, i)
    except IndexError as e:
        print("IndexError", e)
try:
    subscripts([1, 2], "x")
except TypeError as e:
    print("TypeError", e)
items = [1, 2, 3]
first = items[0]
items[0] = 99
print(first, items[0], items[True], (7, 8)[False])


def unbound_first(flag):
    if flag:
        a = 1
    return a + 1


def unbound_second(flag):
    if flag:
        b = 1
    return 1 < 2 and 5 < b


def unbound_inplace(flag):
    if flag:
        c = 1
    d = 5
    d += c
    return d


for fn in (unbound_first, unbound_second, unbound_inplace):
    print(fn(True))
    try:
        fn(False)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


def countdown(n):
    steps = 0
    while n > 0:
        n -= 1
        steps += 1
    return n, steps


print(countdown(100000), countdown(-3))


# `local.name = value` (FAST_STORE_ATTR): plain instances, __slots__-less
# classes with properties, a __setattr__ hook, builtins that refuse, an
# unbound local, and the traceback's line.
class Plain:
    pass


class Guarded:
    def __init__(self):
        self.log = []

    def __setattr__(self, name, value):
        if name == "forbidden":
            raise AttributeError("no " + name)
        object.__setattr__(self, name, value)


class WithProperty:
    def __init__(self):
        self._v = 0

    @property
    def v(self):
        return self._v

    @v.setter
    def v(self, value):
        self._v = value * 2


def store_attrs(n):
    p = Plain()
    g = Guarded()
    w = WithProperty()
    for i in range(n):
        p.count = i
        g.count = i
        w.v = i
    return p.count, g.count, w.v, sorted(p.__dict__)


print(store_attrs(1000))


def store_errors():
    g = Guarded()
    try:
        g.forbidden = 1
    except AttributeError as e:
        print("AttributeError", e)
    n = 5
    try:
        n.real = 3
    except AttributeError as e:
        print("AttributeError", type(e).__name__)
    if False:
        late = Plain()
    try:
        late.x = 1
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


store_errors()


# `local[index] = value` (FAST_STORE_SUBSCR): lists, dicts, a __setitem__
# hook, negative and out-of-range indexes, immutable targets, unbound names.
class Recorder:
    def __init__(self):
        self.calls = []

    def __setitem__(self, key, value):
        self.calls.append((key, value))


def store_items(n):
    xs = [0] * 4
    d = {}
    r = Recorder()
    for i in range(n):
        k = i % 4
        xs[k] = i
        d[k] = i
        r[k] = i
        xs[-1] = -i
    return xs, d, r.calls[-2:]


print(store_items(10))


def store_item_errors(flag):
    xs = [1, 2]
    t = (1, 2)
    for bad in (5, -3):
        try:
            xs[bad] = 0
        except IndexError as e:
            print("IndexError", e)
    try:
        t[0] = 9
    except TypeError as e:
        print("TypeError", e)
    try:
        xs["a"] = 1
    except TypeError as e:
        print("TypeError", e)
    if flag:
        late = []
        idx = 0
    try:
        late[0] = 1
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    late = [0]
    try:
        late[idx] = 1
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


store_item_errors(False)

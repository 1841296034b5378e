# `local[k] op= v` and `local.name op= v` inside functions: ftpy reads the
# local again for the store instead of keeping it on the stack
# (design/bytecode.md). Everything CPython shows must stay the same: the
# order of __getitem__/__setitem__/__getattr__/__setattr__ and the operator,
# a walrus in the value that rebinds the target's local, errors and their
# lines, lists of every kind.
import sys
import traceback

log = []


class Box:
    def __init__(self, name):
        self.name = name
        self.data = {}

    def __getitem__(self, k):
        log.append(f"{self.name}.get[{k!r}]")
        return self.data.get(k, 0)

    def __setitem__(self, k, v):
        log.append(f"{self.name}.set[{k!r}]={v!r}")
        self.data[k] = v


class Num:
    def __init__(self, v):
        self.v = v

    def __iadd__(self, other):
        log.append(f"iadd {self.v}+{other}")
        return Num(self.v + other)

    def __repr__(self):
        return f"Num({self.v})"


class Attrs:
    def __getattr__(self, name):
        log.append(f"getattr {name}")
        return 100

    def __setattr__(self, name, value):
        log.append(f"setattr {name}={value!r}")
        object.__setattr__(self, name, value)


def order(box, key):
    def value():
        log.append("value")
        return 5
    box[key] += value()
    box["c"] *= value()
    box[0] -= 1
    return box.data


print(order(Box("b"), "k"))
print(log)
log.clear()


def attr_order(obj):
    def value():
        log.append("value")
        return 1
    obj.x += value()
    obj.x += value()
    return obj.x


print(attr_order(Attrs()), log)
log.clear()


def walrus_rebinds(a, b):
    # The walrus rebinds `a` while the value is computed: the store goes to
    # the list that was read first, as in CPython.
    a[0] += (a := b)[0]
    return a


first, second = [1, 2], [10, 20]
print(walrus_rebinds(first, second), first, second)


def walrus_in_comprehension(a, b):
    # (the comprehension's walrus makes `a` a cell of this function)
    a[1] += sum([(a := b)[0] for _ in range(2)])
    return a


first, second = [1, 2], [10, 20]
print(walrus_in_comprehension(first, second), first, second)


def walrus_attr(o, p):
    o.v += (o := p).v
    return o


o1, o2 = Num(1), Num(7)
print(walrus_attr(o1, o2) is o2, o1.v, o2.v)


def lists(a, i, j):
    a[i] += 1
    a[j] *= 2
    a[-1] += 10          # negative: the generic path
    a[True] += 100       # bool index: the generic path
    a[0] += 0.5
    a[1] += "x" if isinstance(a[1], str) else 1
    return a


print(lists([1, 2, 3], 0, 2))
print(lists([1, 2, 3.0], 2, 0))


class MyList(list):
    def __setitem__(self, k, v):
        log.append(f"MyList.set[{k}]={v}")
        super().__setitem__(k, v)


def subclass(a):
    a[0] += 1
    a[1] = 7
    return a


print(subclass(MyList([1, 2])), log)
log.clear()


def obj_iadd(a, n):
    a[0] += n      # __iadd__ result stored back
    a.append(0)
    return a


print(obj_iadd([Num(1)], 4), log)
log.clear()


def counters(n):
    counts = [0] * 3
    total = [0.0]
    for i in range(n):
        k = i % 3
        counts[k] += 1
        total[0] += i * 0.5
    return counts, total


print(counters(1000))


def errors():
    cases = [
        lambda: (lambda a: a.__setitem__(0, 0) or a)([]),
    ]

    def out_of_range(a):
        a[3] += 1

    def store_out_of_range(a, i):
        a[i] = 1

    def bad_index(a):
        a["x"] += 1

    def unbound():
        a[0] += 1
        a = [1]

    def no_attr(o):
        o.missing += 1

    def tuple_item(t):
        t[0] += 1

    for f, args in [(out_of_range, ([1],)), (store_out_of_range, ([1], 5)),
                    (store_out_of_range, ([1], -3)), (bad_index, ([1],)),
                    (unbound, ()), (no_attr, (Num(1),)), (tuple_item, ((1,),))]:
        try:
            f(*args)
        except Exception as e:
            tb = traceback.extract_tb(e.__traceback__)[-1]
            print(type(e).__name__, e, tb.name, tb.lineno - f.__code__.co_firstlineno)


errors()


def multiline(a, f):
    a[
        0
    ] += f(
        1)
    return a


def fails(x):
    raise ValueError(x)


try:
    multiline([1], fails)
except ValueError as e:
    lines = [fr.lineno - multiline.__code__.co_firstlineno for fr in traceback.extract_tb(e.__traceback__)]
    print("multiline", lines)

try:
    multiline((1,), lambda x: x)
except TypeError as e:
    lines = [fr.lineno - multiline.__code__.co_firstlineno for fr in traceback.extract_tb(e.__traceback__)]
    print("multiline store", e, lines)


class Slots:
    __slots__ = ("a",)


def slots(o):
    o.a = 1
    o.a += 2
    o.a *= 3
    return o.a


print(slots(Slots()))


def floats(n):
    # Many short-lived floats (the free list) and float subclasses beside.
    class F(float):
        pass
    acc = [0.0, F(0.0)]
    for i in range(n):
        acc[0] += i / 7
        acc[1] = F(acc[1] + 0.25)
    return round(acc[0], 6), acc[1], type(acc[1]).__name__


print(floats(2000))

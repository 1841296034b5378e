# The dunders a builtin type's slots answer to are in its __dict__, as
# CPython's slot wrappers are: collections.abc recognizes every builtin
# iterator, sized and container type structurally (not only the ones it
# registers), and a class derived from a builtin reaches the builtin's
# behaviour through super() without calling its own override again.
import array
import collections
import collections.abc as abc
import itertools
import re
import struct

objects = [
    itertools.count(), itertools.cycle("ab"), itertools.repeat(1), itertools.chain(), itertools.islice("a", 1),
    map(int, ""), filter(None, ""), zip(), enumerate(""), reversed([]), iter([]), iter(()), iter(""), iter({}),
    iter(set()), iter(range(3)), iter(collections.deque()), iter(array.array("b")), re.finditer("a", "a"),
    struct.Struct("b").iter_unpack(b""), (x for x in ()), iter(bytearray()), iter(b""),
    collections.deque(), array.array("b"), "ab", b"ab", bytearray(), range(3), {}.keys(), frozenset(),
]
for o in objects:
    print(type(o).__name__, isinstance(o, abc.Iterator), isinstance(o, abc.Iterable), isinstance(o, abc.Sized),
          isinstance(o, abc.Container))

for t in (type(iter([])), type(map(int, "")), itertools.count, type(iter(collections.deque()))):
    print(t.__name__, sorted(k for k in ("__iter__", "__next__", "__len__") if k in t.__dict__))
it = type(iter([]))
print(it.__next__(iter([7])), it.__iter__(iter([])).__class__.__name__)
try:
    it.__next__(iter(()))
except TypeError as e:
    print("TypeError", e.__class__.__name__)
try:
    it.__next__(iter([]))
except StopIteration as e:
    print("StopIteration", e.args)


class A(array.array):
    def __len__(self):
        return super().__len__() + 100

    def __iter__(self):
        return iter([x * 2 for x in super().__iter__()])

    def __contains__(self, x):
        return super().__contains__(x // 2)


a = A("b", [1, 2, 3])
print(len(a), list(a), 4 in a, 5 in a)


class D(collections.deque):
    def __len__(self):
        return super().__len__() * 2


print(len(D([1, 2])))

# Unbound builtin methods name themselves and their class.
for m in (list.__add__, str.upper, type(iter([])).__next__, int.__hash__):
    print(m.__name__, m.__qualname__, m.__objclass__.__name__ if hasattr(m, "__objclass__") else None, m.__doc__ is None or isinstance(m.__doc__, str))

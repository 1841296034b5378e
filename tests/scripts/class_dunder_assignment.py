# Special methods stored on a class after it was made (what dataclasses,
# functools.total_ordering and mixin helpers do) take effect at once, on
# the class and on subclasses made before the assignment; deleting one
# falls back to the inherited behaviour.
import functools


class A:
    def __init__(self, x):
        self.x = x


class B(A):
    pass


A.__lt__ = lambda self, other: self.x < other.x
A.__add__ = lambda self, other: A(self.x + other.x)
A.__len__ = lambda self: self.x
A.__getitem__ = lambda self, i: self.x * i
A.__neg__ = lambda self: A(-self.x)
A.__repr__ = lambda self: f"A({self.x})"
A.__bool__ = lambda self: self.x != 0
A.__contains__ = lambda self, v: v == self.x
A.__iter__ = lambda self: iter(range(self.x))
print(A(1) < A(2), A(3) < A(2), A(2) > A(1))
print((A(1) + A(2)).x, len(A(4)), A(3)[5], (-A(2)).x, repr(A(7)), bool(A(0)), 3 in A(3), list(A(3)))
print(B(1) < B(2), len(B(6)), repr(B(1)), (B(1) + B(1)).x)

del A.__lt__
try:
    A(1) < A(2)
except TypeError as e:
    print("TypeError", e)
try:
    B(1) < B(2)
except TypeError as e:
    print("TypeError", e)
del A.__repr__
print(repr(A(1)).startswith("<__main__.A object at"))


class H:
    pass


h = H()
print(hash(h) == hash(h))
H.__hash__ = None
try:
    hash(H())
except TypeError as e:
    print("TypeError", e)
H.__hash__ = lambda self: 42
print(hash(H()))
H.__eq__ = lambda self, other: True
print(H() == H(), H() != H(), hash(H()))


class Child(H):
    pass


print(hash(Child()), Child() == 5)


@functools.total_ordering
class V:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v

    def __lt__(self, other):
        return self.v < other.v


print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2), sorted([V(3), V(1), V(2)])[0].v)


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


Meta.__len__ = lambda cls: 99
print(len(WithMeta))
WithMeta.__call__ = lambda self: "called"
print(WithMeta()())

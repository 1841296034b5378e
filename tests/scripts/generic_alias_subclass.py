# types.GenericAlias is constructible and subclassable, as
# _collections_abc's _CallableGenericAlias needs.
from types import GenericAlias

g = GenericAlias(list, int)
print(g, g.__origin__, g.__args__, g == list[int], hash(g) == hash(list[int]))
print(GenericAlias(dict, (str, int)), type(g).__name__, g.__class__ is GenericAlias)


class MyAlias(GenericAlias):
    __slots__ = ()

    def __new__(cls, origin, args):
        if not isinstance(args, tuple):
            raise TypeError("want a tuple")
        return super().__new__(cls, origin, args)

    def __repr__(self):
        return "MyAlias<" + super().__repr__() + ">"


m = MyAlias(list, (int,))
print(m, type(m).__name__, isinstance(m, GenericAlias), m.__origin__, m.__args__, m.__class__ is MyAlias)
print(m.__mro_entries__(()), m == list[int])
try:
    MyAlias(list, int)
except TypeError as e:
    print(e)
for bad in (lambda: GenericAlias(list), lambda: GenericAlias(list, int, str), lambda: GenericAlias(list, int, x=1)):
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__)

import _collections_abc
from _collections_abc import Callable, Iterable, Mapping, Sequence

print(Callable[[int, str], float], Callable[..., int], Iterable[int], isinstance([], Iterable))
print(isinstance({}, Mapping), issubclass(tuple, Sequence), issubclass(dict, Sequence), isinstance(range(3), Sequence))
print(type(Callable[[int], str]).__name__, Callable[[int], str].__args__)


class Vec(Sequence):
    def __init__(self, *items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


v = Vec(3, 1, 2)
print(list(reversed(v)), v.index(1), v.count(2), 2 in v, isinstance(v, Sequence), issubclass(Vec, Iterable))

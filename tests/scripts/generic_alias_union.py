# types.GenericAlias (list[int], PEP 585) and types.UnionType (int | str,
# PEP 604): reprs, __origin__/__args__, equality and hashing, calling an
# alias, isinstance with unions (in order) and with aliases (an error), the
# __mro_entries__ of an alias, and annotations that use both.
print(list[int], dict[str, list[int]], tuple[int, ...], tuple[()], type[int], set[str], frozenset[bytes])
a = list[int]
print(a.__origin__, a.__args__, a.__parameters__, a == list[int], a != list[str], hash(a) == hash(list[int]))
print(a([1, 2]), type(a([1])).__name__, a.append is list.append if False else "skip")
class Local: pass
print(list[Local], dict["Local", 3])
print(int | None, None | int, int | str | None, (int | str) | bytes, int | int)
u = int | str
print(u.__args__, u == (str | int), u == (int | bytes), hash(u) == hash(str | int))
print(isinstance(3, int | str), isinstance(3.0, int | str), issubclass(bool, int | None), isinstance(None, int | None))
print(list[int] | None, (list[int] | int).__args__)
for bad in ["isinstance([], list[int])", "isinstance(1, int | list[int])", "int | 3", "list[int] | 'x'"]:
    try:
        eval(bad)
    except TypeError as e:
        print("TypeError:", e)
def f(x: list[int] | None = None, *, y: dict[str, int | float]) -> tuple[int, ...]: pass
print(f.__annotations__)
class G:
    def __class_getitem__(cls, item): return "custom"
print(G[int], type(list[int]).__name__ if False else "")
class Base(list[int] if False else object): pass
print(list[int].__mro_entries__((list[int],)))
class Meta(type): pass
class WithMeta(metaclass=Meta): pass
print(WithMeta | None)
try:
    Meta[int]
except TypeError as e:
    print("TypeError:", e)
print(type(list[int]).__name__, type(list[int]).__module__, type(int | str).__name__)

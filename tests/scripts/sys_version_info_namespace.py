# sys.version_info and sys.flags as struct sequences, sys.implementation as a
# types.SimpleNamespace (whose type types.py takes from it), dict.fromkeys,
# and a module found in CPython's standard-library folder on sys.path.
import sys

vi = sys.version_info
print(vi[:2], vi.major, vi.minor, vi.releaselevel, vi.serial, len(vi), vi >= (3, 8), vi < (3, 12))
print(type(vi).__name__, type(vi).__module__, isinstance(vi, tuple), vi.count(3), vi.index(11))
print(repr(vi).startswith("sys.version_info(major=3, minor=11, micro="))
print(tuple(vi)[:2], vi == tuple(vi), hash(vi) == hash(tuple(vi)))
print(sys.hexversion >> 16 == 0x030B, sys.implementation.version == vi)
try:
    vi.major = 4
except AttributeError as e:
    print("AttributeError", e)

print(sys.flags)
print(sys.flags[:5], sys.flags.dev_mode, type(sys.flags).__name__, type(sys.flags).n_fields)

NS = type(sys.implementation)
print(NS.__name__, NS.__module__, NS)
n = NS(a=1, b="x")
n.c = [n]
print(n, n.a, vars(n))
print(n == NS(a=1, b="x", c=[n]), NS() == NS(), NS() != NS(z=1), NS(a=1) == {"a": 1})
del n.a
print(n, sorted(vars(n)))
try:
    NS(1)
except TypeError as e:
    print("TypeError", e)


class Sub(NS):
    pass


print(Sub(q=2), Sub(q=2) == NS(q=2), isinstance(Sub(), NS))
for name in ("name", "cache_tag", "version", "hexversion"):
    print(name, hasattr(sys.implementation, name))

print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), {}.fromkeys("xy", []))


class D(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)


print(D.fromkeys([1], 3), type(D.fromkeys([])).__name__, "fromkeys" in dict.__dict__)
for bad in (lambda: dict.fromkeys(), lambda: dict.fromkeys(1), lambda: dict.fromkeys([], 1, 2),
            lambda: dict.fromkeys([[1]])):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

import keyword  # a pure-Python module of the standard library

print(keyword.iskeyword("if"), keyword.iskeyword("match"), keyword.issoftkeyword("match"))
print(keyword.__file__.endswith("/keyword.py"), keyword.__name__)

# An unknown keyword passed to a builtin function or method is reported in
# CPython's words for C functions ("'x' is an invalid keyword argument for
# f()"), not in the words it uses for Python functions.
import itertools
import zlib

calls = [
    lambda: round(1, x=2),
    lambda: pow(2, 3, x=1),
    lambda: sorted([], x=1),
    lambda: min([1], x=1),
    lambda: max(1, 2, x=3),
    lambda: sum([], x=1),
    lambda: int(x=1),
    lambda: str(x=1),
    lambda: [].sort(x=1),
    lambda: enumerate([], x=1),
    lambda: open("/dev/null", x=1),
    lambda: itertools.product(x=1),
    lambda: itertools.zip_longest(x=1),
    lambda: zlib.compressobj(x=1),
    lambda: zlib.decompress(b"", x=1),
    lambda: "a,b".split(x=1),
    lambda: b"a".decode(x=1),
    lambda: "{}".format_map({}, x=1),
    lambda: print(x=1),
]
for call in calls:
    try:
        call()
    except TypeError as e:
        print(e)
    else:
        print("no error")
for call in (lambda: sorted([], iterable=[]), lambda: itertools.product(repeat=1, x=2), lambda: int(x=1, base=2),
             lambda: int("10", base=2)):
    try:
        print(call())
    except TypeError as e:
        print(e)

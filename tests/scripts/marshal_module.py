# marshal (src/modules/marshal.cc): every value kind round-trips under each
# format version; bytes CPython 3.11 wrote (with back-references) load as
# in CPython; dump/load on a file, one object at a time; CPython's errors for
# truncated or bad data and for values marshal cannot write.
import marshal, io
values = [None, True, False, ..., StopIteration, 0, 1, -1, 2**31 - 1, -2**31, 2**31, -2**31 - 1, 2**100, -(3**90), 10**400,
          1.5, -0.0, float("inf"), 1e308, 3 + 4j, complex(-0.0, 1e-300), "", "abc", "x" * 300, "héllo wörld ☃", "\U0001f600",
          b"", b"bytes\x00\xff", bytearray(b"ba"), (), (1, "a", (2.5, None)), tuple(range(300)), [], [1, [2, [3]]],
          {}, {"a": 1, 2: [3], (4, 5): {"n": None}}, set(), {1, 2, 3}, frozenset({"x", "y"}), frozenset()]
for v in values:
    for version in range(5):
        data = marshal.dumps(v, version)
        back = marshal.loads(data)
        if isinstance(v, bytearray):
            ok = back == bytes(v) and type(back) is bytes
        else:
            ok = back == v and type(back) is type(v) or (v is StopIteration and back is StopIteration)
        if not ok:
            print("MISMATCH", repr(v)[:40], version, repr(back)[:40])
print("round trips done")
# Bytes that CPython 3.11 wrote (version 4, with its back-references):
cpython_written = {
    "shared": b'\xdb\x02\x00\x00\x00\xdb\x01\x00\x00\x00\xe9\x01\x00\x00\x00r\x01\x00\x00\x00',
    "dict": b'\xfb\xda\x01a\xe9\x01\x00\x00\x00\xda\x01b)\x02r\x02\x00\x00\x00\xe9\x02\x00\x00\x000',
    "long": b'\xec\x03\x00\x00\x00\x00\x00\x00\x00\x01\x00',
    "utf8": b'\xf5\x03\x00\x00\x00\xe2\x98\x83',
    "float": b'\xe7\x00\x00\x00\x00\x00\x00\xf8?',
}
for name, data in cpython_written.items():
    print(name, repr(marshal.loads(data)))
shared = marshal.loads(cpython_written["shared"])
print("shared inner list is the same object:", shared[0] is shared[1] if len(shared) > 1 else None)
buf = io.BytesIO()
marshal.dump([1, 2], buf)
marshal.dump("second", buf)
buf.seek(0)
print(marshal.load(buf), marshal.load(buf))
try:
    marshal.load(buf)
except EOFError as e:
    print("EOFError", e)
for bad in [b"", b"i\x01", b"?", b"0", b"[\x01\x00\x00\x000", b"r\x05\x00\x00\x00", b"l\x01\x00\x00\x00\xff\xff",
            b"(\x00\x00\x10\x00", b"[\x00\x00\x10\x00", b"<\x00\x00\x10\x00", b"l\x00\x00\x10\x00", b"s\xff\xff\xff\xff"]:
    try:
        marshal.loads(bad)
    except (EOFError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
for bad in [object(), [object()], {1: type}, lambda: 0]:
    try:
        marshal.dumps(bad)
    except ValueError as e:
        print("ValueError", e)
deep = []
for _ in range(3000):
    deep = [deep]
try:
    marshal.dumps(deep)
except ValueError as e:
    print("ValueError", e)
class MyInt(int):
    pass
try:
    marshal.dumps(MyInt(3))
except ValueError as e:
    print("ValueError", e)
try:
    marshal.loads("text")
except TypeError as e:
    print("TypeError", e)
print(marshal.version)

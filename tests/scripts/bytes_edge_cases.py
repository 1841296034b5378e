# bytes/bytearray constructor forms, escapes in literals, comparisons across
# the two types, slicing with steps, and the errors CPython raises.
print(b"\x41\102\n\\", rb"\x41\n", b"\u0041", b"\N{DASH}", len(b"\777"))
print(bytes(), bytes(b"abc"), bytes(bytearray(b"xy")), bytes(range(5)), bytes((1, 2)), bytearray(2))
class WithBytes:
    def __bytes__(self):
        return b"custom"
print(bytes(WithBytes()))
data = bytes(range(10))
print(data[2:8:2], data[::-3], data[-3:], data[100:], data[-100:2])
print(b"abc" != b"abd", b"b" > b"abc", b"" < b"a", bytearray(b"a") < b"b", b"x" == "x")
ba = bytearray(b"0123456789")
del ba[::2]
print(ba)
ba[::2] = b"ab"[:1] * 2 + b"z"
print(ba)
ba[1:1] = [120, 121]
print(ba, ba.count(b"z"), ba.index(b"z"), ba.rfind(b"z"), ba.find(121), 120 in ba)
ba.insert(0, 33); ba.insert(-1, 34); ba.insert(100, 35); ba.remove(120); ba.reverse()
print(ba)
print(b"%" in b"100%", b"".join([]), b"ab".join([b"1"]), b"x".join((b"a", b"b", b"c")))
print(b"a b\tc\nd".split(None, 2), b"a b c".rsplit(None, 1), b"a::b::c".rsplit(b"::", 1), b"  ".split())
print(b"xxhixx".strip(b"x"), b"xxhixx".lstrip(b"x"), b"xxhixx".rstrip(b"x"), b"hi".ljust(5, b"-"), b"hi".rjust(5))
print(b"abcabc".removeprefix(b"ab"), b"abcabc".removesuffix(b"bc"), b"ABC".lower(), b"abc".isalpha(), b"a1".isalnum())
print(b"123".isdigit(), b" \t".isspace(), b"".isspace(), b"abc".islower(), b"ABC".isupper(), b"\x80".isascii())
print(b"a\tb".expandtabs(4), b"hello".capitalize(), bytearray(b"abc").upper(), bytearray(b"a,b").split(b","))
print(b"abc".hex(), bytearray(b"\x01\x02").hex(), b"\x01\x02\x03\x04".hex("-", 2), b"\x01\x02\x03".hex(" ", -2))
print(bytearray(b"abc") + b"d", b"d" + bytearray(b"abc"), bytearray(b"ab") * 2, 2 * b"xy")
errors = [
    lambda: b"abc"[3], lambda: b"abc"[str(1)], lambda: bytes(-1), lambda: bytes([256]), lambda: bytes("abc"),
    lambda: bytes(1.5), lambda: b"a" + "b", lambda: b"abc".index(b"z"), lambda: bytearray(b"a").pop(5),
    lambda: bytearray().pop(), lambda: bytearray(b"a").remove(9), lambda: bytearray(b"a").append(300),
    lambda: hash(bytearray()), lambda: bytes.fromhex("zz"), lambda: b"a".split(b""), lambda: "x" in b"abc",
    lambda: b"abc".decode("klingon"), lambda: "abc".encode("utf-8", "bogus"), lambda: bytes(b"x", "utf-8"),
    lambda: str(b"x", "utf-8", 5), lambda: bytearray(b"ab").extend(5), lambda: b"a".startswith("a"),
]
for f in errors:
    try:
        f()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(str(b"caf\xc3\xa9", "utf-8"), str(bytearray(b"x"), "ascii"), str(b"a\xffb", errors="replace"))

# bytes and bytearray: literals, repr, indexing, the shared methods, the
# codecs (utf-8, ascii, latin-1 and their error handlers) and mutation.
b = b"hello world"
print(b, len(b), b[0], b[-1], b[1:5], b[::-1], b[::2])
print(b.upper(), b.split(), b.split(b"o"), b.replace(b"l", b"L", 2), b.find(b"wor"), b.count(b"l"))
print(b"a,b,,c".split(b","), b"  x y  ".strip(), b"abc".startswith((b"x", b"ab")), b"-".join([b"a", b"b", bytearray(b"c")]))
print(bytes(3), bytes([65, 66, 67]), bytes("héllo", "utf-8"), "héllo".encode(), "héllo".encode("latin-1"))
print(b"\xff\xfe", b"it's", b'say "hi"', b"both ' and \"", b"\t\n\r\x00\x7f")
print(b"h\xc3\xa9llo".decode(), b"h\xe9llo".decode("latin-1"), b"abc".decode("ascii"))
print(b"\xff".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"), b"a\xffb".decode("utf-8", "backslashreplace"))
s = b"a\xffb".decode("utf-8", "surrogateescape")
print(repr(s), len(s), s.encode("utf-8", "surrogateescape"))
print("é€".encode("ascii", "replace"), "é€".encode("ascii", "backslashreplace"), "é€".encode("ascii", "xmlcharrefreplace"), "é€".encode("ascii", "ignore"))
for args in [(b"\xff", "utf-8"), (b"\xe9", "ascii"), (b"a\xc3", "utf-8"), (b"\xe2\x82x", "utf-8")]:
    try:
        args[0].decode(args[1])
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
for text, enc in [("é", "ascii"), ("aé€b", "latin-1"), ("ab€€c", "ascii"), ("x", "nope")]:
    try:
        text.encode(enc)
    except (UnicodeEncodeError, LookupError) as e:
        print(type(e).__name__ + ":", e)
print(b"abc" == b"abc", b"abc" < b"abd", b"abc" == bytearray(b"abc"), hash(b"abc") == hash(b"abc"), b"b" in b"abc", 98 in b"abc")
print(b"ab" * 3, b"ab" + b"cd", list(b"hi"), bytes.fromhex("de ad be ef"), b"\xde\xad".hex(), b"\xde\xad\xbe".hex(":"))
ba = bytearray(b"abc")
ba.append(100); ba.extend(b"ef"); ba += b"gh"; ba[0] = 65; del ba[1]
print(ba, len(ba), ba.pop(), ba, ba[1:3], bytes(ba))
ba[1:3] = b"XYZ"; print(ba)
ba2 = ba; ba2 += b"!"; print(ba is ba2, ba)
print(bytearray(b"x y").split(), bytearray.fromhex("4142"), b"abc".center(9, b"*"), b"12".zfill(5))
print({b"a": 1}[b"a"], sorted([b"b", b"a", b"ab"]), b"Hello World".swapcase(), b"hello world".title())
print(b"a\nb\r\nc".splitlines(), b"a\nb\r\nc".splitlines(True), b"abc".partition(b"b"), b"abc".rpartition(b"x"))
print(bytes.maketrans(b"ab", b"xy")[97:99], b"abc".translate(bytes.maketrans(b"ab", b"xy")), b"abc".translate(None, b"b"))

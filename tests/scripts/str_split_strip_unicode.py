# str.split() and strip() over Unicode whitespace and multi-byte characters,
# against python3.
tests = ["a\xa0b\u3000c", "\u2028x y\u2029", " \t\u00a0 ", "x\u200by", "\x85a\x85", "é ë", "\u1680a\u1680"]
for s in tests:
    print(repr(s.split()), repr(s.rsplit()), repr(s.split(maxsplit=1)), repr(s.rsplit(maxsplit=1)), repr(s.strip()),
          repr(s.lstrip()), repr(s.rstrip()))
print(repr("ëéxé".strip("é")), repr("ëx".strip("é")), repr("ééaëé".lstrip("é")), repr("ab€€".rstrip("€")),
      repr("€ab".strip("€b")), repr("xyzzyx".strip("xy")), repr("  x  ".strip(None)))
print(repr("\u3000 a \u3000".split(" ")), repr("a b".split()), repr("".split()), repr("   ".split()))
print(repr("a b  ".split(maxsplit=1)), repr("  a b".rsplit(maxsplit=1)), repr(" a b c ".split(None, 1)), repr(" a b c ".rsplit(None, 1)))

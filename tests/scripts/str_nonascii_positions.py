# Positions in non-ASCII strings: indexing, slicing, find/rfind/index, re
# spans and str subclasses, on strings long enough for the side index of
# every 64th code point (str_index.cc), with 2-, 3- and 4-byte characters
# on both sides of the checkpoints.
import re

s = "".join(chr(0x41 + i % 26) if i % 7 else chr(0xE9 + i % 50) for i in range(5000))
s += "\u20ac" * 63 + "\U0001F600" * 100 + "end"
print(len(s))
picks = []
for i in list(range(0, 200)) + list(range(200, len(s), 37)) + [len(s) - 1, -1, -64, -65]:
    picks.append(s[i])
    picks.append(s[i:i + 5])
print("".join(picks)[:300])
print(sum(map(ord, "".join(picks))))
finds = []
for i in range(0, len(s), 53):
    finds.append((s.find("A", i), s.rfind("\u00e9", 0, i + 1), s.index(s[i], i), s.count("\u20ac", i)))
print(finds[:10], sum(sum(f) for f in finds))
print(s.find("\U0001F600"), s.rfind("\U0001F600"), s.find("end"), s.index("\u20ac\U0001F600"))
print(s[5063:5066], s[5060:5070:3], s[::-500])

pattern = re.compile(r"[a-z\u00e9-\u0120]+|\U0001F600+|\u20ac{2,}")
spans = []
pos = 0
while True:
    m = pattern.search(s, pos)
    if not m:
        break
    spans.append((m.start(), m.end(), m.group()[:2]))
    pos = m.end()
print(len(spans), spans[:5], spans[-3:])
print([m.span() for m in re.finditer(r"\u00e9.", s)][:8])
print(re.compile(r"E").match(s, 4), re.compile(r"\U0001F600").match(s, 5063).span())


class S(str):
    pass


t = S(s)
print(t[4000:4010], t[5100], t.find("end"), t[5163:])
u = s + "x"
print(u[5164:], u.find("x"), len(u))

# Scans that move the owner's cursor (str_index.cc): forward, backward,
# jumps inside one 64-character stride and across strides, and a slice or
# find started where the last index left off.
text = "".join(("é" if i % 7 == 0 else "\U0001F600" if i % 31 == 0 else chr(97 + i % 26)) for i in range(1000))
fwd = "".join(text[i] for i in range(len(text)))
bwd = "".join(text[i] for i in range(len(text) - 1, -1, -1))
print("scan", fwd == "".join(list(text)), bwd == "".join(reversed(list(text))))
jumps = [130, 131, 129, 190, 64, 63, 127, 128, 999, 0, 500, 501, 448, 511]
print("jumps", [text[i] for i in jumps])
print("after cursor", text[500:510], text.find("\U0001F600", 501), text.startswith("é", 497), text.index("é", 502))

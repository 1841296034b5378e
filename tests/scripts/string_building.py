parts = []
for i in range(5):
    parts.append(f"<{i}>")
print("".join(parts), "-".join(str(i) for i in range(5)), ", ".join(map(repr, ["a", 1])))
s = ""
for ch in "abc":
    s += ch * 2
print(s, s[::2], s.upper().center(10, "*"))
lines = ["header"] + [f"row {i:>3}" for i in range(3)] + ["footer"]
print("\n".join(lines))
csv = "name,age\nann,30\nbob,25"
rows = [line.split(",") for line in csv.splitlines()]
header, data = rows[0], rows[1:]
print([dict(zip(header, r)) for r in data])
print("%s=%d" % ("x", 1), "%-6s|" % "ab", "%06.2f" % 3.14159, "%x" % 255, "%5.1f%%" % 12.345)
table = [[1, 22, 333], [4444, 5, 66]]
widths = [max(len(str(row[c])) for row in table) for c in range(3)]
for row in table:
    print(" | ".join(str(v).rjust(w) for v, w in zip(row, widths)))

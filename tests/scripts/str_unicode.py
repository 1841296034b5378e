s = "héllo wörld ✓ 日本"
print(s, len(s), s[1], s[-1], s[6:11], s[::-1], s.upper())
print([ord(c) for c in "aé✓"], chr(233), chr(0x2713), chr(0x1F600), "ok")
print(repr("é"), repr("\x00\x1f\x7f"), repr("tab\t"), ascii("é✓"), "é".encode if False else "")
print("✓" in s, s.find("w"), s.index("日"), s.count("l"), s.split(" "))
print(sorted("bÄaä"), "ÅÄÖ".lower(), max("aé"), min("zé"))
for ch in "ab✓":
    print(ch, ord(ch), end="; ")
print()
print(f"{'✓':>3}|{'é':^5}|", "{:<4}|".format("日本"), len("👍🏽"))

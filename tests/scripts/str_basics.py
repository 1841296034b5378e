s = "Hello, World"
print(s, len(s), s[0], s[-1], s[1:5], s[::-1], s[::2], s[7:], s[:-7])
print("abc" + "def", "ab" * 3, 3 * "x", "" * 5, "a" in "cat", "z" not in "cat")
print("abc" < "abd", "a" < "B", "Z" < "a", "abc" == "abc", "" < "a")
print('single "quoted"', "double 'quoted'", 'esc\'aped', "tab\tend", "back\\slash")
print("""triple
quoted""", '''also
triple''')
print("\x41\u00e9\U0001F600", "\101\60", r"raw\nstring", len("\u00e9"), len("😀"))
print("héllo"[1], "héllo"[1:3], "naïve".upper(), len("naïve"))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("\n\t\x00"), repr("é"))
print(str(123), str(1.5), str(None), str(True), str([1, "a"]))
print("a" "b" "c", ord("A"), chr(97), chr(8364), ord("€"))
for ch in "héé":
    print(ch, end=" ")
print()

text = """Python is a programming language that lets you work quickly and integrate systems more effectively.
Python is powerful and fast; plays well with others; runs everywhere; is friendly and easy to learn; is Open."""
words = [w.strip(".,;").lower() for w in text.split()]
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(len(words), len(freq), sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6])
lengths = {}
for w in words:
    lengths.setdefault(len(w), []).append(w)
for n in sorted(lengths):
    print(n, sorted(set(lengths[n]))[:4])
letters = {}
for ch in text.lower():
    if ch.isalpha():
        letters[ch] = letters.get(ch, 0) + 1
top = sorted(letters.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(top, sum(letters.values()))
sentences = [s.strip() for s in text.replace("\n", " ").split(";") if s.strip()]
print(len(sentences), max(sentences, key=len)[:30], min(map(len, sentences)))
print(text.count("is"), text.find("fast"), text.title()[:20], text.swapcase()[:12])

counts = {}
for key in [(1, 2), "a", [3, 4]]:
    counts[key] = counts.get(key, 0) + 1
print(counts)

def binary_search(xs, target):
    lo, hi = 0, len(xs) - 1
    steps = 0
    while lo <= hi:
        steps += 1
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid, steps
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1, steps
xs = list(range(0, 1000, 3))
for t in (0, 3, 501, 999, 996, -5):
    print(t, binary_search(xs, t))
def bisect_left(xs, x):
    lo, hi = 0, len(xs)
    while lo < hi:
        mid = (lo + hi) // 2
        if xs[mid] < x: lo = mid + 1
        else: hi = mid
    return lo
print([bisect_left([1, 2, 2, 2, 5], v) for v in (0, 2, 3, 6)])
def kmp_table(p):
    table, k = [0] * len(p), 0
    for i in range(1, len(p)):
        while k and p[i] != p[k]:
            k = table[k - 1]
        if p[i] == p[k]:
            k += 1
        table[i] = k
    return table
def kmp_search(text, p):
    t, k, found = kmp_table(p), 0, []
    for i, ch in enumerate(text):
        while k and ch != p[k]:
            k = t[k - 1]
        if ch == p[k]:
            k += 1
        if k == len(p):
            found.append(i - k + 1)
            k = t[k - 1]
    return found
print(kmp_table("abacabab"), kmp_search("abababcabababab", "abab"), kmp_search("aaaa", "aa"))

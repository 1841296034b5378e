def count(start=0, step=1):
    while True:
        yield start
        start += step
def islice(it, n):
    it = iter(it)
    for _ in range(n):
        try:
            yield next(it)
        except StopIteration:
            return
def cycle(items):
    saved = list(items)
    while saved:
        yield from saved
def accumulate(it):
    total = 0
    for v in it:
        total += v
        yield total
def pairwise(it):
    it = iter(it)
    prev = next(it, None)
    for v in it:
        yield prev, v
        prev = v
def groupby(items, key):
    group, current = [], object()
    for item in items:
        k = key(item)
        if group and k != current:
            yield current, group
            group = []
        current = k
        group.append(item)
    if group:
        yield current, group
print(list(islice(count(10, 5), 4)), list(islice(cycle("ab"), 5)), list(accumulate(range(6))))
print(list(pairwise([1, 4, 9, 16])), list(groupby("aaabccdd", key=lambda c: c)))
print([(k, len(g)) for k, g in groupby(sorted("mississippi"), key=lambda c: c)])
def product(a, b):
    for x in a:
        for y in b:
            yield x, y
print(list(product("ab", range(2))), sum(1 for _ in product(range(10), range(10))))

class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.data = {}
        self.hits = self.misses = 0
    def get(self, key):
        if key in self.data:
            value = self.data.pop(key)
            self.data[key] = value
            self.hits += 1
            return value
        self.misses += 1
        return None
    def put(self, key, value):
        if key in self.data:
            self.data.pop(key)
        elif len(self.data) >= self.capacity:
            oldest = next(iter(self.data))
            del self.data[oldest]
        self.data[key] = value
    def __repr__(self):
        return f"LRU{list(self.data.items())}"
c = LRUCache(3)
for k in "abcab":
    if c.get(k) is None:
        c.put(k, k.upper())
c.put("d", "D")
print(c, c.hits, c.misses)
c.get("a")
c.put("e", "E")
print(c, list(c.data))
def cached(fn):
    cache = LRUCache(100)
    def wrapper(n):
        v = cache.get(n)
        if v is None:
            v = fn(n)
            cache.put(n, v)
        return v
    wrapper.cache = cache
    return wrapper
@cached
def collatz_len(n):
    return 1 if n == 1 else 1 + collatz_len(n // 2 if n % 2 == 0 else 3 * n + 1)
best = max(range(1, 300), key=collatz_len)
print(best, collatz_len(best), collatz_len.cache.hits > 0)

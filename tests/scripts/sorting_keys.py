people = [("Zoe", 28, "NY"), ("adam", 35, "LA"), ("Bob", 28, "SF"), ("eve", 22, "NY")]
print(sorted(people))
print(sorted(people, key=lambda p: p[0].lower()))
print(sorted(people, key=lambda p: (p[1], p[0])))
print(sorted(people, key=lambda p: (-p[1], p[2])))
by_city = {}
for name, age, city in people:
    by_city.setdefault(city, []).append(name)
print(sorted(by_city.items()), sorted(by_city, key=lambda c: len(by_city[c]), reverse=True))
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words, key=len), sorted(set(words), key=lambda w: (len(w), w)), sorted(words, key=lambda w: w[-1]))
nums = [10, -3, 7, -12, 0, 5]
print(sorted(nums, key=abs), sorted(nums, reverse=True), max(nums, key=abs), min(nums, key=lambda v: (v % 3, v)))
data = [3, 1, 2]
data.sort(key=lambda v: -v)
print(data, sorted("Hello World", key=str.lower))

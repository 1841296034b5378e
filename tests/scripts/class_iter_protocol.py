class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1
print(list(Countdown(5)), sum(Countdown(10)))
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 2
r = Range2(9)
print(list(r), list(r), [x * x for x in r], 4 in r, 5 in r)
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * 10
print(list(Seq()), 20 in Seq(), list(zip(Seq(), "abcd")))
it = iter(Countdown(2))
print(next(it), next(it), next(it, "end"))
class Pairs:
    def __init__(self, d):
        self.d = d
    def __iter__(self):
        return iter(sorted(self.d.items()))
for k, v in Pairs({"b": 2, "a": 1}):
    print(k, v)
print(dict(Pairs({"x": 1})), enumerate(Countdown(1)).__next__())

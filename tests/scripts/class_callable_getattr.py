class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, *, offset=0):
        return x * self.k + offset
double = Multiplier(2)
print(double(21), double(5, offset=1), list(map(Multiplier(3), [1, 2, 3])), callable(double))
class Proxy:
    def __init__(self, target):
        self._target = target
        self.calls = []
    def __getattr__(self, name):
        self.calls.append(name)
        return getattr(self._target, name)
p = Proxy([3, 1, 2])
p.append(0)
p.sort()
print(p._target, p.calls)
class Frozen:
    def __init__(self):
        object.__setattr__(self, "x", 1)
    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name}")
f = Frozen()
print(f.x)
try:
    f.y = 2
except AttributeError as e:
    print(e)
class Tracker:
    def __init__(self):
        self.__dict__["log"] = []
    def __setattr__(self, name, value):
        self.log.append(name)
        object.__setattr__(self, name, value)
t = Tracker()
t.a = 1
t.b = 2
print(t.log, t.a + t.b)

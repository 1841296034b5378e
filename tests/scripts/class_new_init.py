class Singleton:
    _instance = None
    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.created = 0
        return cls._instance
    def __init__(self, value):
        self.created += 1
        self.value = value
a = Singleton(1)
b = Singleton(2)
print(a is b, a.value, a.created)
class Positive(int if False else object):
    def __new__(cls, v):
        if v < 0:
            raise ValueError("negative")
        obj = object.__new__(cls)
        obj.v = v
        return obj
print(Positive(5).v)
try:
    Positive(-1)
except ValueError as e:
    print("error", e)
class BadInit:
    def __init__(self):
        return 5
try:
    BadInit()
except TypeError as e:
    print(e)
class Defaults:
    def __init__(self, a, b=2, *rest, c=3, **kw):
        self.vals = (a, b, rest, c, sorted(kw.items()))
print(Defaults(1).vals, Defaults(1, 5, 6, 7, c=8, z=9).vals)
try:
    Defaults()
except TypeError as e:
    print(e)

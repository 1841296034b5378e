# Descriptors written in Python: __get__ (non-data), __set__/__delete__
# (data), their priority against the instance dict, access on the class,
# and descriptors found through inheritance.


class Data:
    def __init__(self, label):
        self.label = label

    def __get__(self, obj, owner):
        return ("get", self.label, obj is None, owner.__name__)

    def __set__(self, obj, value):
        obj.__dict__["_" + self.label] = value * 10

    def __delete__(self, obj):
        del obj.__dict__["_" + self.label]


class NonData:
    def __get__(self, obj, owner):
        return "computed"


class SetOnly:
    def __set__(self, obj, value):
        obj.__dict__["set_only_log"] = value


class C:
    d = Data("d")
    nd = NonData()
    so = SetOnly()


c = C()
print(c.d, C.d)
c.d = 4
print(c.__dict__)
del c.d
print(c.__dict__)
print(c.nd)
c.__dict__["nd"] = "instance wins over a non-data descriptor"
print(c.nd)
c.__dict__["d"] = "ignored: a data descriptor wins"
print(c.d)
# A descriptor with only __set__ is a data descriptor without __get__:
# reading it returns the descriptor object itself (unless the instance dict
# has the name).
print(type(c.so).__name__)
c.so = 7
print(c.__dict__["set_only_log"])
try:
    del c.so
except AttributeError as e:
    print("AttributeError:", e)


class D(C):
    pass


d = D()
print(d.d, D.nd)
d.d = 1
print(d.__dict__)


# cached_property's pattern: a non-data descriptor that stores its result
# in the instance dict, so the second read never calls it.
class cached:
    def __init__(self, fn):
        self.fn = fn
        self.calls = 0

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner):
        if obj is None:
            return self
        self.calls += 1
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


class Circle:
    def __init__(self, r):
        self.r = r

    @cached
    def area(self):
        return 3 * self.r * self.r


k = Circle(2)
print(k.area, k.area, Circle.area.calls, Circle.area.name)


# __get__ raising AttributeError falls back to __getattr__, as in CPython.
class Failing:
    def __get__(self, obj, owner):
        raise AttributeError("from __get__")


class WithFallback:
    f = Failing()

    def __getattr__(self, name):
        return "fallback for " + name


print(WithFallback().f)
try:
    WithFallback.f
except AttributeError as e:
    print("AttributeError:", e)


# A descriptor class changed after use: assigning __get__ later takes effect
# for classes created afterwards.
class Late:
    pass


Late.__get__ = lambda self, obj, owner: "late get"


class UsesLate:
    x = Late()


print(UsesLate().x)

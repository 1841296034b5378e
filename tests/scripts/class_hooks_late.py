# Hooks and descriptors stored on a base class after its subclasses (and
# their instances) exist reach those subclasses, as CPython's
# update_slot/PyType_Modified make them; and other class-protocol edges.


class A:
    pass


class B(A):
    pass


class C(A):
    pass


class D(B, C):
    pass


d = D()
d.__dict__["x"] = "instance"
A.x = property(lambda self: "property")
print(d.x)
A.__getattr__ = lambda self, name: "getattr " + name
print(d.missing)
del A.__getattr__
try:
    d.missing
except AttributeError as e:
    print("AttributeError:", e)
A.__getattribute__ = lambda self, name: "getattribute " + name
print(d.y)
del A.__getattribute__
log = []
A.__setattr__ = lambda self, name, value: log.append((name, value))
d.z = 1
print(log, "z" in d.__dict__)
del A.__setattr__

# __hash__ set, shadowed, unhashable and deleted along the MRO.
orig = hash(d)
for cls, value in [(A, 42), (C, 314), (B, 144), (D, 100)]:
    setattr(cls, "__hash__", lambda self, v=value: v)
    print(cls.__name__, hash(d))
D.__hash__ = None
try:
    hash(d)
except TypeError as e:
    print("TypeError:", e)
for cls in (D, B, C):
    delattr(cls, "__hash__")
    print("del", cls.__name__, hash(d))
del A.__hash__
print(hash(d) == orig)


# __new__ returning an instance of a subclass: the subclass's __init__ runs.
class N:
    def __new__(cls, arg):
        if isinstance(arg, str):
            return [1, 2, 3]
        if isinstance(arg, int):
            return object.__new__(M)
        return object.__new__(cls)


class M(N):
    def __init__(self, arg):
        self.foo = arg


print(N("1"), M("1"), type(N(1)).__name__, N(1).foo, M(None).foo)

# type(name, bases, ns) takes __module__ from the calling code.
print(type("Q", (), {}), type("Q", (), {"__module__": "elsewhere"}))


# A def or class declared global inside a function is named as at module level.
def make():
    global Made, made

    class Made:
        def m(self):
            pass

    def made():
        pass

    class Local:
        pass

    return Local


print(Made.__qualname__ if "Made" in globals() else "-", make().__qualname__, Made.__qualname__,
      Made.m.__qualname__, made.__qualname__)

# A class's __dict__ cannot be replaced.
for attempt in ("set", "del"):
    try:
        if attempt == "set":
            D.__dict__ = {}
        else:
            del D.__dict__
    except AttributeError as e:
        print("AttributeError:", e)

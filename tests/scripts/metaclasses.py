# Metaclasses: subclasses of type with __prepare__, __new__, __init__ and
# __call__; attribute lookup through the metaclass (methods, properties,
# dunders used by len/[]/iter/repr); __instancecheck__/__subclasscheck__;
# the most derived metaclass of the bases; __setattr__ on a metaclass.


class Registry(type):
    classes = []

    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", mcls.__name__, name, kw)
        return {"defined_by_prepare": True}

    def __new__(mcls, name, bases, ns, **kw):
        print("new", mcls.__name__, name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")))
        cls = super().__new__(mcls, name, bases, ns)
        Registry.classes.append(name)
        return cls

    def __init__(cls, name, bases, ns, **kw):
        print("init", name, kw)
        super().__init__(name, bases, ns)
        cls.options = kw

    def __call__(cls, *args, **kwargs):
        print("call", cls.__name__, args, kwargs)
        instance = super().__call__(*args, **kwargs)
        instance.made_by_meta = True
        return instance

    def describe(cls):
        return f"{cls.__name__} with {sorted(cls.options)}"

    @property
    def upper_name(cls):
        return cls.__name__.upper()

    def __repr__(cls):
        return f"<registered {cls.__name__}>"

    def __len__(cls):
        return len(Registry.classes)

    def __getitem__(cls, key):
        return (cls.__name__, key)

    def __iter__(cls):
        return iter(Registry.classes)


class Point(metaclass=Registry, frozen=True):
    def __init__(self, x, y):
        self.x, self.y = x, y


p = Point(1, y=2)
print(p.x, p.y, p.made_by_meta, Point.defined_by_prepare, Point.options)
print(type(Point).__name__, Point.__class__.__name__, isinstance(Point, Registry), isinstance(Point, type))
print(Point.describe(), Point.upper_name, repr(Point), len(Point), Point["k"], list(Point))
print(issubclass(Registry, type), Registry.__mro__ == (Registry, type, object), Point.mro()[0] is Point)


class Point3(Point):
    z = 0


print(type(Point3).__name__, Point3.options, Point3.describe())
# A class attribute shadows the metaclass's method of the same name.
Point3.describe = lambda: "shadowed"
print(Point3.describe(), Point.describe())

# type(name, bases, ns) with a base whose metaclass is Registry builds with
# Registry, and runs its __init__ too.
Dyn = type("Dyn", (Point,), {"w": 1})
print(type(Dyn).__name__, Dyn.w, Registry.classes)


class Magic(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"

    def __subclasscheck__(cls, sub):
        return sub is int


class Duck(metaclass=Magic):
    pass


print(isinstance("magic", Duck), isinstance(3, Duck), isinstance(Duck(), Duck))
print(issubclass(int, Duck), issubclass(str, Duck), isinstance("magic", (int, Duck)))


# The metaclass of a class is the most derived of its bases' metaclasses.
class MA(type):
    pass


class MB(MA):
    pass


class A(metaclass=MA):
    pass


class B(metaclass=MB):
    pass


class AB(A, B):
    pass


print(type(AB).__name__)


class MC(type):
    pass


class C(metaclass=MC):
    pass


for bases in [(A, C), (C, A)]:
    try:
        type("X", bases, {})
    except TypeError as e:
        print("TypeError:", e)


class MAC(MA, MC):
    pass


class AC(A, C, metaclass=MAC):
    pass


print(type(AC).__name__)


class Frozen(type):
    def __setattr__(cls, name, value):
        if name.isupper():
            raise AttributeError(f"constant {name} is read-only")
        super().__setattr__(name, value)

    def __delattr__(cls, name):
        raise AttributeError(f"cannot delete {name}")


class Config(metaclass=Frozen):
    LIMIT = 10


Config.debug = True
print(Config.debug, Config.LIMIT)
for action in (lambda: setattr(Config, "LIMIT", 1), lambda: delattr(Config, "debug")):
    try:
        action()
    except AttributeError as e:
        print("AttributeError:", e)


# A function works as a metaclass: it receives name, bases and namespace.
def as_record(name, bases, ns):
    return {"name": name, "fields": sorted(k for k in ns if not k.startswith("__"))}


class Record(metaclass=as_record):
    a = 1
    b = 2


print(Record)


# super() inside a metaclass's classmethod and a class method.
class Counting(type):
    count = 0

    def __call__(cls, *args):
        Counting.count += 1
        return super().__call__(*args)


class Widget(metaclass=Counting):
    def __init__(self, n):
        self.n = n

    @classmethod
    def make(cls):
        return cls(5)


ws = [Widget(i) for i in range(3)] + [Widget.make()]
print([w.n for w in ws], Counting.count)
print(type.__prepare__("any", ()), type(type.__new__(Counting, "N", (), {})).__name__)

# The hooks that run while a class statement builds its class:
# __set_name__ (in definition order), __init_subclass__ with class keywords
# (PEP 487), __class_getitem__ and __mro_entries__ (PEP 560).


class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.owner = owner
        self.name = name


class Plugin:
    registry = []

    def __init_subclass__(cls, /, kind="plain", **kwargs):
        print("init_subclass", cls.__name__, kind, sorted(kwargs))
        super().__init_subclass__(**kwargs)
        Plugin.registry.append((cls.__name__, kind))


class Audio(Plugin, kind="audio"):
    a = Field()
    b = Field()


class Video(Audio):
    c = Field()


print(Plugin.registry, Audio.a.name, Audio.b.owner.__name__, Video.c.owner.__name__)
print(type(Plugin.__dict__["__init_subclass__"]).__name__)
try:

    class Broken(Plugin, unknown=1):
        pass

except TypeError as e:
    print("TypeError:", e)
try:

    class NoHook(keyword=1):
        pass

except TypeError as e:
    print("TypeError:", e)


# __init_subclass__ sees attributes already named, and runs after them.
class Checked:
    def __init_subclass__(cls):
        print("checked", cls.__name__, sorted(k for k in vars(cls) if not k.startswith("__")))


class Model(Checked):
    x = Field()


# A __set_name__ that raises becomes RuntimeError in 3.11, with the cause.
class Bad:
    def __set_name__(self, owner, name):
        raise ValueError("no " + name)


try:

    class HasBad:
        ok = Field()
        bad = Bad()

except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))

# type() with keywords passes them to __init_subclass__ as well.
T = type("T", (Plugin,), {}, kind="dynamic")
print(T.__name__, Plugin.registry[-1])


# __class_getitem__: an implicit classmethod.
class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"


class SubBox(Box):
    pass


print(Box[int], SubBox["x"], Box[1, 2])
print(type(Box.__dict__["__class_getitem__"]).__name__)
for target in (Field, 5):
    try:
        target[0]
    except TypeError as e:
        print("TypeError:", e)


# __mro_entries__: a base that is not a class names the classes to use.
class Real:
    def hello(self):
        return "hello from Real"


class Alias:
    def __init__(self, *targets):
        self.targets = targets

    def __mro_entries__(self, bases):
        print("mro_entries", len(bases))
        return self.targets


alias = Alias(Real)


class Derived(alias, Field):
    pass


print([k.__name__ for k in Derived.__mro__], Derived().hello())
print(Derived.__orig_bases__[0] is alias, "__orig_bases__" in Real.__dict__)


class Empty(Alias()):
    pass


print([k.__name__ for k in Empty.__mro__])


class BadEntries:
    def __mro_entries__(self, bases):
        return [Real]


try:

    class Nope(BadEntries()):
        pass

except TypeError as e:
    print("TypeError:", e)

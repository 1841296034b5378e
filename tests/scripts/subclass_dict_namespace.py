# A class derived from dict as a class-body namespace (the pattern of
# enum's _EnumDict) and as exec's locals: LOAD_NAME, STORE_NAME and
# DELETE_NAME go through its __getitem__, __setitem__ and __delitem__.

class MemberDict(dict):
    def __init__(self):
        super().__init__()
        self.members = []
    def __setitem__(self, key, value):
        if not key.startswith("_") and not callable(value):
            if key in self.members:
                raise TypeError("%r already defined" % key)
            self.members.append(key)
        super().__setitem__(key, value)
    def __delitem__(self, key):
        print("forget", key)
        if key in self.members:
            self.members.remove(key)
        super().__delitem__(key)


class MiniEnumMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return MemberDict()

    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls._order = list(ns.members)
        for i, key in enumerate(cls._order):
            member = int.__new__(cls, ns[key]) if int in cls.__mro__ else object.__new__(cls)
            member._name = key
            setattr(cls, key, member)
        return cls

    def __iter__(cls):
        return (getattr(cls, k) for k in cls._order)


class IntMember(int, metaclass=MiniEnumMeta):
    def __repr__(self):
        return "<%s.%s: %d>" % (type(self).__name__, self._name, self)


class Color(IntMember):
    RED = 1
    GREEN = 2
    TEMP = 9
    del TEMP
    BLUE = RED + GREEN
    def mix(self, other):
        return self | other


print(list(Color), Color.BLUE, Color.RED + 1, Color.GREEN.mix(Color.RED), isinstance(Color.RED, int))
print(Color.RED == 1, sorted(Color, reverse=True), [c._name for c in Color], {Color.RED: "r"}[1])

try:
    class Twice(IntMember):
        A = 1
        A = 2
except TypeError as e:
    print("TypeError", e)


class Lookups(dict):
    def __getitem__(self, key):
        if key.startswith("auto_"):
            return key[5:].upper()
        return super().__getitem__(key)


ns = Lookups(base=10)
exec("x = base + 1\ny = auto_name\nz = len('abc')", {}, ns)
print(sorted(ns.items()))

try:
    exec("del missing_name", {}, Lookups())
except NameError as e:
    print("NameError", e)

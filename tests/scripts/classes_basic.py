class Animal:
    """An animal."""
    kingdom = "animalia"
    count = 0
    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
        Animal.count += 1
    def speak(self):
        return f"{self.name} says {self.sound}"
    def __repr__(self):
        return f"Animal({self.name!r})"
    @staticmethod
    def create(name):
        return Animal(name)
    @classmethod
    def kind(cls):
        return cls.__name__
    @property
    def upper_name(self):
        return self.name.upper()
class Dog(Animal):
    def __init__(self, name):
        super().__init__(name, "woof")
    def speak(self):
        return super().speak() + "!"
    @classmethod
    def kind(cls):
        return "dog:" + super().kind()
a = Animal("cat", "meow")
d = Dog("rex")
print(a.speak(), d.speak(), repr(d), a, [a, d], Animal.count, Dog.kingdom)
print(Animal.create("x"), Dog.kind(), a.kind(), d.upper_name, isinstance(d, Animal), issubclass(Dog, Animal))
print(type(d).__name__, Dog.__mro__, Animal.__doc__, Dog.__bases__, d.__class__ is Dog)
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        yield self.x
        yield self.y
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __bool__(self):
        return bool(self.x or self.y)
    def __call__(self, k):
        return self.x * k
    def __contains__(self, v):
        return v in (self.x, self.y)
v = Vec(1, 2) + Vec(3, 4)
print(v, v * 2, 3 * v, v == Vec(4, 6), v != Vec(0, 0), len(v), v[1], list(v), sorted([Vec(2, 1), Vec(1, 5)]))
print({Vec(1, 1): "a"}[Vec(1, 1)], bool(Vec(0, 0)), v(10), 6 in v, 7 in v, max(Vec(1, 2), Vec(1, 3)))
class MyError(ValueError):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
try:
    raise MyError(42, "bad thing")
except ValueError as e:
    print(type(e).__name__, e, e.code, e.args, repr(e))
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None, v)
        return True
with Ctx() as c:
    print("inside", type(c).__name__)
    raise KeyError("suppressed")
print("after with")
class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B" + super().who()
class C(A):
    def who(self): return "C" + super().who()
class D(B, C):
    def who(self): return "D" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
class Counter:
    def __init__(self):
        self._n = 0
    @property
    def n(self):
        return self._n
    @n.setter
    def n(self, v):
        if v < 0:
            raise ValueError("negative")
        self._n = v
c = Counter()
c.n = 5
print(c.n, c.__dict__)
try:
    c.n = -1
except ValueError as e:
    print("error", e)
class Dyn:
    def __getattr__(self, name):
        return name * 2
print(Dyn().abc, getattr(Dyn(), "xy"), hasattr(Dyn(), "q"))
class Plain: pass
p = Plain()
p.x = 1
print(p.x, vars if False else 0, p.__dict__)
try:
    p.missing
except AttributeError as e:
    print(e)
try:
    Plain(1)
except TypeError as e:
    print(e)
class It:
    def __init__(self, n): self.i, self.n = 0, n
    def __iter__(self): return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
print(list(It(3)), sum(It(4)))

# obj.__class__ = C: the object keeps its attributes and takes the new
# class's methods, properties, hooks and finalizer; CPython's errors for
# incompatible assignments.
class Animal:
    sound = "..."

    def speak(self):
        return f"{self.name} says {self.sound}"


class Dog(Animal):
    sound = "woof"

    @property
    def loud(self):
        return self.speak().upper()


class Cat(Animal):
    sound = "meow"

    def __getattr__(self, name):
        return f"<cat has no {name}>"

    def __del__(self):
        print("cat finalized:", self.name)


a = Animal()
a.name = "rex"
print(type(a).__name__, a.speak(), isinstance(a, Dog))
a.__class__ = Dog
print(type(a).__name__, a.speak(), a.loud, isinstance(a, Dog), isinstance(a, Animal))
object.__setattr__(a, "__class__", Cat)
print(type(a).__name__, a.speak(), a.whiskers, a.__dict__)
a.__class__ = Animal
print(type(a).__name__, a.speak())
a.__class__ = Cat
del a


class Base(Exception):
    pass


class Other(Exception):
    pass


e = Base("payload")
e.__class__ = Other
print(type(e).__name__, e.args, isinstance(e, Other))
try:
    raise e
except Other as caught:
    print("caught as Other:", caught)


class Hooked:
    def __setattr__(self, name, value):
        print("hook sees", name)
        object.__setattr__(self, name, value)


h = Hooked()
h.__class__ = Dog
print(type(h).__name__)


def attempt(stmt, obj):
    try:
        exec_target = obj
        if stmt == "del":
            del exec_target.__class__
        else:
            exec_target.__class__ = stmt
        print("assigned", type(exec_target).__name__)
    except TypeError as err:
        print("TypeError:", err)


d = Dog()
attempt(5, d)
attempt(int, d)
attempt(ValueError, d)
attempt(Dog, 5)
attempt(Dog, [1])
attempt("del", d)
attempt(Cat, Base("x"))
attempt(Base, Other("y"))

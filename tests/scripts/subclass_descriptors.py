# Classes derived from classmethod, staticmethod and property (abc's
# abstractclassmethod and abstractproperty): binding, __init__ through super(),
# the copy made by .setter, __func__/fget read on derived instances, errors.
class acm(classmethod):
    __isabstractmethod__ = True
    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)

class asm(staticmethod):
    pass

class aprop(property):
    __isabstractmethod__ = True

class C:
    @acm
    def make(cls, x):
        return (cls.__name__, x)
    @asm
    def s(x):
        return x * 2
    @aprop
    def p(self):
        return "p!"
    @p.setter
    def p(self, v):
        self._p = v

class D(C):
    pass

print(C.make(1), D.make(2), D().make(3), C.s(4), C().s(5), C().p, type(C.__dict__["p"]).__name__)
d = D(); d.p = 9; print(d._p, d.__dict__)
print(C.__dict__["make"].__func__.__name__, C.__dict__["make"].__isabstractmethod__, C.__dict__["s"].__func__.__name__)
print(C.__dict__["p"].fget.__name__, C.__dict__["p"].fdel, isinstance(C.__dict__["make"], classmethod))
def documented():
    "doc of f"


m = asm(documented)
print(m.__func__.__name__, vars(m))
try:
    acm()
except TypeError as e:
    print("TypeError", e)
class cached(property):
    def __init__(self, f):
        super().__init__(f, doc="docs")
        self.extra = 1
class E:
    @cached
    def v(self): return 42
print(E().v, E.__dict__["v"].extra, E.__dict__["v"].__doc__)
try:
    E().v = 1
except AttributeError as e:
    print("AttributeError", e)
print(classmethod(len).__func__, staticmethod(len).__func__, property(len).fget)
try:
    classmethod()
except TypeError as e: print(e)

# One-argument (unbound) super: a class attribute that binds when read
# through an instance (the autosuper recipe), its __get__, __thisclass__,
# __self__ and __self_class__, and super(type, obj) accepting a proxy whose
# __class__ names a subclass (CPython's supercheck).
class A:
    def meth(self, a): return "A(%r)" % a
class B(A):
    def __init__(self): self.__super = super(B, self)
    def meth(self, a): return "B(%r)" % a + self.__super.meth(a)
print(B().meth(3))
class autosuper(type):
    def __init__(cls, name, bases, dict):
        super(autosuper, cls).__init__(name, bases, dict)
        setattr(cls, "_%s__super" % name.lstrip("_"), super(cls))
class C(metaclass=autosuper):
    def meth(self): return "C"
class D(C):
    def meth(self): return "D" + self.__super.meth()
class E(C):
    def meth(self): return "E" + self.__super.meth()
class F(D, E):
    def meth(self): return "F" + self.__super.meth()
print(F().meth(), D().meth())
s = super(C); print(repr(s), s.__thisclass__, s.__self__, s.__self_class__)
b = s.__get__(F()); print(type(b).__name__, b.__self_class__, b.__thisclass__, b.meth() if False else '', s.__get__(None, C) is s)
print(repr(super(D, F())).startswith("<super: <class 'D'>, <F object>>"))
class Proxy:
    def __init__(self, obj): self.__obj = obj
    def __getattribute__(self, name):
        if name.startswith("_Proxy__"): return object.__getattribute__(self, name)
        return getattr(self.__obj, name)
class P(A):
    def f(self): return "P.f"
class Q(P):
    def f(self): return super(Q, self).f() + "->Q.f"
p = Proxy(Q())
print(Q.__dict__["f"](p))
try: super(int, 'x')
except TypeError as e: print(e)
try: super(1)
except TypeError as e: print(e)

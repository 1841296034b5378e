# Classes derived from super (CPython's super_init as super.__init__, and
# super_descr_get calling the derived class to bind).


class A:
    def meth(self, a):
        return "A(%r)" % a


class B(A):
    def meth(self, a):
        return "B(%r)" % a + super(B, self).meth(a)


class C(A):
    def meth(self, a):
        return "C(%r)" % a + super(C, self).meth(a)


class D(C, B):
    def meth(self, a):
        return "D(%r)" % a + super().meth(a)


class mysuper(super):
    def __init__(self, *args):
        self.made_with = len(args)
        return super(mysuper, self).__init__(*args)


class E(D):
    def meth(self, a):
        return "E(%r)" % a + mysuper(E, self).meth(a)


print(E().meth(5))


class F(E):
    def meth(self, a):
        s = self.__super  # bound by calling mysuper(F, self)
        return "F(%r)[%s %d]" % (a, type(s).__name__, s.made_with) + s.meth(a)


F._F__super = mysuper(F)
print(F().meth(6))

s = mysuper(F, F())
print(s.__thisclass__.__name__, type(s.__self__).__name__, s.__self_class__.__name__, s.made_with)
print(repr(mysuper(F)).startswith("<super: <class 'F'>, NULL>"))
s.extra = 1
print(s.extra, sorted(s.__dict__))


class Lazy(super):
    def __init__(self):
        pass  # never fills the super object


z = Lazy()
print(repr(z))
for name in ("meth", "__thisclass__"):
    try:
        print(name, getattr(z, name))
    except AttributeError as e:
        print("AttributeError:", e)

# Filled again later, as CPython allows.
super.__init__(z, F, F())
print(z.meth(7))
for args in [(1,), (F, 1), (F, A())]:
    try:
        super.__init__(z, *args)
    except TypeError as e:
        print("TypeError:", e)
try:
    super(1)
except TypeError as e:
    print("TypeError:", e)

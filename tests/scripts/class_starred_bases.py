# class statements with starred bases: the body function and the name lead the
# positional arguments (this compiled to a stack leak before).
class A: pass
class B: pass
bases = (A, B)
class W(*bases):
    pass
print(W.__mro__)
for b in [(A,), (B,)]:
    class Z(*b): pass
    print(Z.__mro__[1].__name__)
class K(A, *[B]):
    y = 2
print([c.__name__ for c in K.__mro__], K.y)

# A frame object outlives its call: after the function returns, f_locals,
# f_lineno and f_back answer from what the frame held when it left, as
# CPython copies the frame into its object (design/classes.md).
import sys


def f(a, b=2):
    c = a + b
    return sys._getframe()


fr = f(1)
print(sorted(fr.f_locals.items()))
print(fr.f_lineno, fr.f_code.co_name)
print(fr.f_back.f_code.co_name, fr.f_back is sys._getframe())
print(sys._getframe() is sys._getframe(), f(2) is f(2))


# The object's f_locals dict is updated in place when the frame leaves.
def g():
    x = 1
    me = sys._getframe()
    seen = me.f_locals
    x = 2
    y = 3
    del x
    return me, seen


me, seen = g()
print(sorted(me.f_locals), me.f_locals is seen)


# A caller's frame object, taken by the callee, keeps the caller's state.
def callee():
    return sys._getframe(1)


def caller():
    q = "kept"
    back = callee()
    q = "changed"
    return back


b = caller()
print(b.f_code.co_name, b.f_locals["q"], b.f_lineno, b.f_back.f_code.co_name)


# A frame left by an exception keeps its locals too.
def raiser():
    z = 42
    holder.append(sys._getframe())
    raise KeyError(z)


holder = []
try:
    raiser()
except KeyError:
    pass
print(holder[0].f_locals, holder[0].f_back.f_code.co_name)


# Class bodies: the namespace.
class C:
    k = 1
    frame = sys._getframe()
    j = 2


print(sorted(n for n in C.frame.f_locals if not n.startswith("__")))
del C.frame


# A suspended generator's frame keeps what it had when it yielded.
def gen():
    y = 5
    yield sys._getframe()


it = gen()
gf = next(it)
print(sorted(gf.f_locals.items()), gf.f_back)


# Many frames taken and dropped in a loop leave nothing registered behind.
def deep(n):
    if n == 0:
        return sys._getframe()
    return deep(n - 1)


frames = [deep(20) for _ in range(100)]
print(len({id(x) for x in frames}), frames[0].f_back.f_back.f_code.co_name, frames[0].f_back.f_locals)

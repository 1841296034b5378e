# Python 3.11's "Did you mean" in the default exception display, and the
# fields it reads: AttributeError.name/.obj set where a lookup fails,
# NameError.name set where a name is missing. The display goes to
# sys.stderr, captured here; CPython's ^^^ marker lines are left out
# (ftpy does not print them, design/testing.md).
import contextlib
import io
import sys


def show(f):
    try:
        f()
    except Exception as e:
        obj = getattr(e, 'obj', None)
        print(type(e).__name__, getattr(e, 'name', '-'), type(obj).__name__)
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            sys.__excepthook__(*sys.exc_info())
        lines = err.getvalue().splitlines()
        print(lines[-1])


class A:
    blech = None

    def __init__(self):
        self.alpha = 1

    def method(self):
        return self.alpah


show(lambda: A().bluch)
show(lambda: A().bluch())
show(lambda: getattr(A(), 'alpah'))
show(lambda: object.__getattribute__(A(), 'alpah'))
show(lambda: A().BLECH)
show(lambda: A().zzzzzzzzz)
show(lambda: A().method())
show(lambda: getattr(A(), 'missing', 'default') and A().nope)
blech_global = 1


def f():
    somelocal = 2
    return somelcal


show(f)
show(lambda: blech_globl)
show(lambda: ZeroDivisionErrrrr)
show(lambda: [].apend)
show(lambda: 'abc'.uper())
show(lambda: len.__nmae__)


class B:
    blech = 1

    def __getattr__(self, n):
        raise AttributeError()


show(lambda: B().bluch)


class C:
    def __getattribute__(self, n):
        return A().blich


show(lambda: C().something)

# Long names and long candidate lists get no suggestion.
Big = type('Big', (), {f'attr{i}': i for i in range(800)})
show(lambda: Big().attr1x)
Long = type('Long', (), {'a' * 45: 1})
show(lambda: getattr(Long(), 'a' * 44 + 'b'))

# The fields themselves, given and reset.
e = AttributeError('x', name='n', obj=5)
print(e.name, e.obj)
e.__init__('y')
print(e.args, e.name, e.obj)
n = NameError('m', name='y')
print(n.name)
try:
    undefined_name_here
except NameError as err:
    print(err.name, repr(str(err)))
try:
    A().missing_attr
except AttributeError as err:
    print(err.name, type(err.obj).__name__)
    err.__init__()
    print(err.name, err.obj)

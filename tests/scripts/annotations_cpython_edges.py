# Annotations where CPython's test_grammar found ftpy different: a class's
# __annotations__ is its own (made empty on first use, never a base's), a
# module's too, a parenthesized name is annotated without becoming local
# or recorded, and 'yield' in each kind of comprehension names it.
import sys
import types


class A:
    attr: int


class B(A):
    pass


print(A.__annotations__, B.__annotations__, B.__annotations__ is B.__dict__['__annotations__'])
B.__annotations__['x'] = str
print(B.__annotations__, A.__annotations__)


class C:
    pass


ann = C.__annotations__
print(ann, C.__annotations__ is ann, '__annotations__' in C.__dict__)
try:
    int.__annotations__
except AttributeError as e:
    print('AttributeError', e)

m = types.ModuleType('m')
print(m.__annotations__, m.__annotations__ is m.__dict__['__annotations__'])
exec('x: int = 1\n(y): str = "s"\n(z): float', m.__dict__)
print(m.__annotations__, m.y, 'z' in m.__dict__)


def f():
    (no_such_global): int
    return no_such_global


no_such_global = 'global'
print(f())


def g():
    (local_one): int = 5
    return local_one


print(g())


class D:
    (w): complex = 1j
    v: int


print(D.__annotations__, D.w)

for src in ['def g(): [(yield x) for x in ()]', 'def g(): {(yield x) for x in ()}',
            'def g(): {(yield x): x for x in ()}', 'def g(): ((yield x) for x in ())',
            'def g(): [x for x in () if (yield)]']:
    try:
        compile(src, '<test>', 'exec')
        print('compiled')
    except SyntaxError as e:
        print('SyntaxError', e.msg)

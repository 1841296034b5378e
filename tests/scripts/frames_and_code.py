# sys._getframe and frame objects (f_code, f_globals, f_locals, f_back,
# f_lineno of a caller), and code-object attributes (co_name, co_varnames,
# co_flags with CPython's bits...).
import sys
def inner():
    f = sys._getframe()
    print(f.f_code.co_name, type(f).__name__)
    caller = sys._getframe(1)
    print(caller.f_code.co_name, caller.f_lineno, sorted(caller.f_locals), caller.f_globals is globals())
    print(f.f_back.f_code.co_name, f.f_back.f_back.f_code.co_name, f.f_back.f_back.f_back)
    return f
def outer(a, b=2):
    c = a + b
    return inner()
fr = outer(1)
print(fr.f_code.co_name)
print(sys._getframe().f_code.co_name, sys._getframe().f_locals is globals())
try:
    sys._getframe(50)
except ValueError as e:
    print("ValueError:", e)
try:
    sys._getframe("x")
except TypeError as e:
    print("TypeError:", e)
def g(x, *args, y, **kw):
    z = 1
    def h(): return z
    return h
code = g.__code__
print(code.co_name, code.co_argcount, code.co_kwonlyargcount, code.co_varnames, code.co_cellvars, code.co_flags & 0xf)
h = g(1, y=2)
print(h.__code__.co_freevars, h.__code__.co_flags & 0x40, h.__code__.co_qualname)
def gen(): yield 1
async def co(): pass
async def agen(): yield 1
print(gen.__code__.co_flags & 0x20, co.__code__.co_flags & 0x80, agen.__code__.co_flags & 0x200)
print(inner.__code__.co_filename.endswith("fr.py"), inner.__code__.co_firstlineno)
def module_name_of_caller():
    return sys._getframe(1).f_globals.get("__name__")
print(module_name_of_caller())

# Annotations (PEP 3107, PEP 526): parameter and return annotations in
# __annotations__ (lazily {} when absent; assignable; None resets it),
# module and class __annotations__ built by SETUP_ANNOTATIONS, targets that
# are not simple names, annotations of locals never evaluated, and
# PEP 646's starred *args annotation.
def f(a: int, b: "str" = "x", *args: float, c: list = None, d, **kw: dict) -> bool:
    local: int = 5
    unused: undefined_name_is_fine_in_functions
    return local
print(f.__annotations__)
def g(x, y=1): pass
print(g.__annotations__, g.__kwdefaults__, f.__kwdefaults__)
g.__annotations__["x"] = int
print(g.__annotations__)
g.__annotations__ = None
print(g.__annotations__)
try:
    g.__annotations__ = 5
except TypeError as e: print("TypeError:", e)
lam = lambda q: q
print(lam.__annotations__)
x: int = 3
y: "later"
print(__annotations__, x)
class C:
    """doc"""
    a: int
    b: str = "s"
    if True:
        c: float = 1.0
    def m(self) -> "C": pass
print(C.__annotations__, C.b, C.c, C.m.__annotations__)
class D:
    pass
print("__annotations__" in D.__dict__)
class E:
    self_ref: "E"
    obj = type("O", (), {})()
    obj.attr: int = 4
    lst = [0]
    lst[0]: str = "v"
print(E.__annotations__, E.obj.attr, E.lst)
k = 10
def outer():
    def inner(p: k) -> k * 2: pass
    return inner
print(outer().__annotations__)
try:
    class F:
        z: missing_name = 1
except NameError as e: print("NameError:", e)
import sys
class G:
    def __init__(self): self.v: int = 3
print(G().v, G.__dict__.get("__annotations__"))
print(sorted(vars(sys.modules[__name__])["__annotations__"]))
async def co(a: int) -> None: pass
print(co.__annotations__)
class T:
    def __iter__(self): return iter(["U"])
Ts = T()
def f(*args: *Ts): pass
print(f.__annotations__)

# __call__ on every kind of function: Python functions, bound methods,
# builtin functions and methods, method descriptors (CPython's test_socket
# checks hasattr(test_func, '__call__') on bound methods). Output compared
# with CPython 3.11.


def f(x=1):
    return x


class C:
    def m(self, a, k=0):
        return a + k


print(hasattr(f, "__call__"), hasattr(C().m, "__call__"), hasattr(len, "__call__"), hasattr(C, "__call__"),
      hasattr([].append, "__call__"), hasattr(C(), "__call__"), hasattr(str.upper, "__call__"))
print(f.__call__(), f.__call__(x=5), C().m.__call__(1, k=2), len.__call__([1, 2]), str.upper.__call__("a"))
print(type(f).__call__(f, 3), callable(f.__call__), "__call__" in dir(f))
try:
    f.__call__(1, 2)
except TypeError as e:
    print(e)

# staticmethod objects are callable (3.10+); classmethod objects are not.
s = staticmethod(len)
print(s([1, 2]), s.__call__("abc"), callable(s), callable(classmethod(len)))
try:
    classmethod(len)([1])
except TypeError as e:
    print("TypeError", e)

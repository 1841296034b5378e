# list, tuple and dict where CPython's test_list, test_tuple and test_dict
# found ftpy different: keywords in derived classes, index() bounds,
# t*1 is t, comparisons whose __eq__ shrinks a list, __itemsize__, dict
# merges (order, mutation), keys changed during iteration, setdefault's
# single hash, and keys()/items() compared as sets.
import sys
for t in (list, tuple):
    class sub(t): pass
    try: sub(sequence=())
    except TypeError as e: print(e)
    class with_init(t):
        def __init__(self, seq, newarg=None):
            if t is list: super().__init__(seq)
            self.newarg = newarg
    u = with_init([1, 2], newarg=3); print(type(u).__name__, list(u), u.newarg)
    class with_new(t):
        def __new__(cls, seq, newarg=None):
            self = super().__new__(cls, seq)
            self.newarg = newarg
            return self
    u = with_new([1, 2], newarg=3); print(list(u), u.newarg)
    a = t([-2, -1, 0, 0, 1, 2])
    print(a.index(0, -4*sys.maxsize, 4*sys.maxsize), a.index(0, 3, sys.maxsize+10))
    try: a.index(0, 'x')
    except TypeError as e: print(e)
s = (1, 2); print(s * 1 is s, [1] * 1 is [1])
list1 = []; list2 = []
class X:
    def __eq__(self, other): list2.clear(); return NotImplemented
class Y:
    def __eq__(self, other): list1.clear(); return NotImplemented
list1.append(X()); list2.append(Y()); print(list1 == list2)
print(tuple.__itemsize__, list.__itemsize__, int.__itemsize__, bytes.__itemsize__, object.__itemsize__)
class A: pass
print(A.__itemsize__, object.__flags__ & (1 << 9) != 0, bool.__itemsize__)
lst = [0] * 65
del lst[1:]
size = ((2 ** (tuple.__itemsize__ * 8) - 1) // 2)
for f in (lambda: lst * size, ):
    try: f()
    except (MemoryError, OverflowError) as e: print(type(e).__name__)
try:
    lst *= size
except (MemoryError, OverflowError) as e: print(type(e).__name__)
print(len(lst))
import collections
od = collections.OrderedDict([('a', 1), ('b', 2)]); od.move_to_end('a')
print(list(dict(od).items()))
class CustomDict(dict): pass
print(list(dict(CustomDict([('a', 1), ('b', 2)])).items()))
class CRD(dict):
    def keys(self): return reversed(list(dict.keys(self)))
    __iter__ = keys
print(list(dict(CRD([('a', 1), ('b', 2)])).items()))
d = {}; d.update(CRD(x=1, y=2)); print(d)
class X:
    def __hash__(self): return 0
    def __eq__(self, o):
        other.clear(); return False
other = dict((i, 0) for i in range(1, 100)); other[X()] = 0
d = {X(): 0, 1: 1}
try: d.update(other)
except RuntimeError as e: print('RuntimeError', e)
for view in (lambda d: d, lambda d: d.values(), lambda d: d.items()):
    d = {0: 0}
    try:
        for i in view(d):
            del d[0]; d[0] = 0
    except RuntimeError as e: print('RuntimeError', e)
class Hashed:
    def __init__(self): self.hash_count = 0; self.eq_count = 0
    def __hash__(self): self.hash_count += 1; return 42
    def __eq__(self, other): self.eq_count += 1; return id(self) == id(other)
h1 = Hashed(); y = {h1: 5}; h2 = Hashed(); y.setdefault(h2, [])
print(h1.hash_count, h2.hash_count, h1.eq_count + h2.eq_count, y.setdefault(h1), y.setdefault(h2))
try: {}.setdefault([])
except TypeError as e: print(e)
print({1:1}.keys() == {1}, {1} == {1:1}.keys(), {1:1}.items() == {(1,1)}, {(1,1)} == {1:1}.items())
print({1:1}.keys() | {2}, {2} | {1:1}.keys(), {1:1}.items() | {2} == {(1,1), 2})
a, b = {1: 1, 2: 2}.keys(), {1: 1}.keys()
print(a > b, a >= b, b < a, b <= a, a == a, a != b, a < a, a <= a, {1:1}.keys() == {1:1}.keys(), {1:1}.keys() == [1])
print({1:1}.values() == {1:1}.values(), {1:1}.keys() == frozenset([1]), {1:2}.items() <= {1:2, 3:4}.items())
class C:
    def __eq__(self, other): raise RuntimeError
d1 = {1: C()}; d2 = {1: C()}
for f in (lambda: d1.items() == d2.items(), lambda: d1.items() != d2.items(), lambda: d1.items() <= d2.items()):
    try: print(f())
    except RuntimeError: print('RuntimeError')
try: {1:1}.keys() < [1]
except TypeError as e: print(e)

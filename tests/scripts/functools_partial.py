# functools.partial natively (_functools): calls, flattening, the read-only
# attributes, __dict__, repr (recursive too), pickling and __setstate__,
# subclasses, weak references, __class_getitem__.
import functools, pickle, copy, weakref
from functools import partial
def capture(*a, **k): return a, k
p = partial(capture, 1, 2, a=10)
print(type(p), p(3, b=4), p.func is capture, p.args, p.keywords, repr(p).replace(hex(id(capture)), 'X'))
q = partial(p, 5, c=6); print(q.args, q.keywords, q.func is capture)
p.attr = 1; print(p.__dict__, partial(p, 0).func is p)
for f in (lambda: setattr(p, 'func', map), lambda: setattr(p, 'args', ()), lambda: delattr(p, '__dict__'), lambda: partial(1), lambda: partial(), lambda: p.__setstate__((capture, (), {})), lambda: p.__setstate__([capture, (), {}, None]), lambda: p.__setstate__((None, (), {}, None))):
    try: f(); print('no error')
    except Exception as e: print(type(e).__name__, e)
r = pickle.loads(pickle.dumps(p)); print(r(9), r.attr, copy.copy(p).args is p.args, copy.deepcopy(p)(1))
p.__setstate__((capture, (1,), None, None)); print(p(2, b=20), p.__dict__)
f = partial(capture); f.__setstate__((f, (), {}, {})); print(repr(f)); f.__setstate__((capture, (), {}, {}))
class Sub(partial): pass
s = Sub(capture, 7); print(type(s).__name__, s(8), repr(s).startswith('Sub('))
try: s.func = 1
except AttributeError as e: print('AttributeError', e)
s.x = 3; print(s.x, s.__dict__)
w = weakref.ref(p); print(w() is p)
print(partial[int], functools.partial is partial, type(partial).__name__)
p2 = partial(capture); p2.keywords[1234] = 'v'; print('1234' in repr(p2))
try: p2()
except TypeError as e: print('TypeError')
print(sorted([3, 1, 2], key=partial(lambda k, x: -x, 0)))

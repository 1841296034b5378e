# _operator natively: every operator function with CPython's argument errors,
# length_hint's protocol, and itemgetter/attrgetter/methodcaller with their
# reprs, pickling and errors (CPython's Modules/_operator.c).
import operator, pickle, copy, sys
from operator import itemgetter, attrgetter, methodcaller
print(type(operator.add), operator.add.__module__ if hasattr(operator.add, '__module__') else '')
print(operator.add(1, 2), operator.sub(5, 3), operator.mul('a', 3), operator.truediv(7, 2), operator.floordiv(7, 2),
      operator.mod(7, 3), operator.pow(2, 10), operator.lshift(1, 3), operator.rshift(8, 2), operator.and_(6, 3),
      operator.or_(4, 1), operator.xor(5, 1), operator.neg(3), operator.pos(-3), operator.abs(-2.5), operator.inv(5),
      operator.invert(0), operator.truth([]), operator.not_(0), operator.is_(None, None), operator.is_not(1, None))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq(1, 1.0), operator.ne('a', 'b'), operator.gt(3, 2), operator.ge(1, 2))
l = [1, 2]; print(operator.iadd(l, [3]) is l, l, operator.imul([1], 2), operator.iconcat([1], (2,)), operator.concat('ab', 'cd'))
d = {}; operator.setitem(d, 'k', 1); print(d, operator.getitem(d, 'k'), operator.delitem(d, 'k'), d, operator.contains([1], 1))
print(operator.countOf([1, 2, 1, 1.0], 1), operator.indexOf('abc', 'c'), operator.index(5), operator.call(max, 1, 5, key=None))
print(operator.length_hint([1, 2]), operator.length_hint(iter([1, 2, 3])), operator.length_hint(5, 7))
for f in (lambda: operator.add(1), lambda: operator.neg(), lambda: operator.lt(1), lambda: operator.truth(1,2), lambda: operator.add(a=1,b=2),
          lambda: operator.setitem(1,2), lambda: operator.length_hint(), lambda: operator.countOf(1), lambda: operator.concat(1, 2),
          lambda: operator.concat({}, {}), lambda: operator.indexOf([1], 2), lambda: operator.length_hint([], 'x'), lambda: operator.index(1.5),
          lambda: itemgetter(), lambda: attrgetter(), lambda: attrgetter(1), lambda: methodcaller(), lambda: methodcaller(1),
          lambda: itemgetter(1)(), lambda: itemgetter(1)([1, 2], [3]), lambda: itemgetter(5)([1]), lambda: attrgetter('x')(1),
          lambda: operator.call()):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
class LH:
    def __length_hint__(self): return -1
class LH2:
    def __length_hint__(self): return 'x'
class LH3:
    def __length_hint__(self): return NotImplemented
for o in (LH(), LH2(), LH3()):
    try: print(operator.length_hint(o, 3))
    except Exception as e: print(type(e).__name__, e)
g = itemgetter(1); print(g([5, 6]), g('ab'), itemgetter(0, 2)('abc'), itemgetter('k')({'k': 9}), repr(itemgetter(1, 'a')))
class N: pass
n = N(); n.a = N(); n.a.b = 7; n.c = 3
print(attrgetter('c')(n), attrgetter('a.b', 'c')(n), repr(attrgetter('a.b', 'c')))
m = methodcaller('split', ',', maxsplit=1); print(m('a,b,c'), repr(m), repr(methodcaller('upper')), methodcaller('upper')('x'))
for obj in (itemgetter(1, 2), attrgetter('a.b', 'c'), methodcaller('upper'), methodcaller('split', ',', maxsplit=1)):
    for p in range(pickle.HIGHEST_PROTOCOL + 1):
        c = pickle.loads(pickle.dumps(obj, p))
        assert repr(c) == repr(obj), (c, obj)
    print(repr(copy.copy(obj)), repr(copy.deepcopy(obj)), type(obj.__reduce__()[0]).__name__)
print(sorted([(1, 'b'), (0, 'c'), (2, 'a')], key=itemgetter(1)), type(itemgetter(1)).__module__, type(itemgetter(1)).__name__)
print(list(map(operator.mul, [1, 2], [3, 4])))
import hmac; print(hmac.compare_digest(b'a', b'a'))

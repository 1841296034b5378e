# collections.namedtuple on the native _collections._tuplegetter: field
# reads, the descriptor protocol, its errors, __doc__, repr and pickling.
import collections, pickle, copy
P = collections.namedtuple('P', 'x y')
p = P(1, 2)
print(p.x, p.y, P.x, type(P.__dict__['x']).__name__, P.x.__doc__, P.__dict__['y'].__get__(p), P.__dict__['y'].__get__(None, P) is P.__dict__['y'])
for f in (lambda: setattr(p, 'x', 3), lambda: delattr(p, 'x'), lambda: P.__dict__['x'].__get__(5), lambda: P.__dict__['y'].__get__(()), lambda: P.__dict__['x'].__set__(p, 1)):
    try: f()
    except Exception as e: print(type(e).__name__, e)
g = collections._tuplegetter(1, 'doc')
print(g.__doc__, g.__reduce__(), pickle.loads(pickle.dumps(g)).__get__((5, 6)), copy.deepcopy(p), pickle.loads(pickle.dumps(p)))
g.__doc__ = 'new'; print(g.__doc__)
class Q(P):
    @property
    def s(self): return self.x + self.y
print(Q(3, 4).s, Q(3, 4)._replace(x=5), P._make([7, 8]), p._asdict())

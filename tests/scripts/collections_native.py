from collections import deque, defaultdict, Counter, OrderedDict
import copy, weakref
d = deque()
for i in range(20): d.append(i); d.appendleft(-i)
print(d, len(d), d[0], d[-1], d[5])
d.rotate(3); print(d); d.rotate(-5); print(d)
d.reverse(); print(list(d)[:5])
print(d.pop(), d.popleft(), d.count(3), 3 in d, 100 in d, d.index(3))
d.remove(3); print(3 in d, len(d))
del d[0]; d[0] = 'x'; print(d[0], d[1])
d.insert(2, 'ins'); d.insert(-1, 'neg'); d.insert(100, 'end'); print(list(d)[:4], d[-2:] if False else list(d)[-3:])
b = deque(range(10), maxlen=4); print(b); b.append(10); b.appendleft(-1); print(b, b.maxlen)
b.extend(range(3)); print(b); b.extendleft('ab'); print(b)
print(deque('abc') + deque('de'), deque([1,2]) * 3, 3 * deque([0]))
e = deque([1, 2]); e += [3]; e *= 2; print(e)
print(deque([1,2]) == deque([1,2]), deque([1]) != deque([2]), deque([1,2]) < deque([1,3]), deque([1]) == [1])
print(list(reversed(deque([1,2,3]))), list(iter(deque('xy'))))
print(copy.copy(b), copy.deepcopy(deque([[1]], maxlen=3)))
class MyDeque(deque):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.extra = 1
m = MyDeque([1, 2], 5); m.tag = 'T'; print(m, m.maxlen, m.extra, type(copy.copy(m)).__name__, copy.copy(m))
class SlotDeque(deque):
    __slots__ = ('s',)
sd = SlotDeque([1]); sd.s = 9; print(sd.s, sd)
r = weakref.ref(d); print(r() is d); rm = weakref.ref(m); print(rm() is m)
x = deque([1]); x.append(x); print(x)
x.clear(); print(x, bool(x), bool(deque([0])))
z = deque(range(5)); z.extend(z); print(z)
z.__init__([7], 2); print(z)
dd = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]: dd[k].append(v)
print(dd, dd['zz'], len(dd), dd.default_factory, dict(dd))
c = dd.copy(); print(type(c).__name__, c == dd, c is not dd)
dd.default_factory = int; dd['n'] += 5; print(dd['n'])
del dd.default_factory; print(dd.default_factory)
try: dd['missing']
except KeyError as e: print('KeyError', e)
print(copy.deepcopy(defaultdict(set, {1: {2}})))
class DD(defaultdict):
    def __missing__(self, key): return key * 2
print(DD(int)[4], DD(None, a=1))
class DD2(defaultdict): pass
dd2 = DD2(str, {1: 2}); dd2.attr = 3; print(dd2[5], dd2, dd2.attr)
print(isinstance(dd, dict), defaultdict.__mro__)
print(Counter('abracadabra').most_common(3), Counter([1,1,2]) + Counter([2]))
od = OrderedDict(a=1, b=2); od.move_to_end('a'); print(od, list(od))
print(deque.__module__, defaultdict.__module__, deque.__name__)
print(defaultdict(int, {1: 2}) | {3: 4}, {0: 1} | defaultdict(list))

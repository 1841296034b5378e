from collections import deque, defaultdict
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
d = deque([1,2,3], maxlen=5)
t(lambda: d.__reduce__()[:2])
t(lambda: deque().__reduce__()[:3]); t(lambda: list(deque([1, 2]).__reduce__()[3]))
t(lambda: deque().pop()); t(lambda: deque().popleft())
t(lambda: d.index(9)); t(lambda: d.remove(9)); t(lambda: d[9]); t(lambda: d['a']); t(lambda: d[1:2])
t(lambda: deque(maxlen=-1)); t(lambda: deque(maxlen='a')); t(lambda: d + [1]); t(lambda: deque([1],2).insert(0,5) or deque([1,2],2).insert(0,5))
t(lambda: deque(maxlen=3)); t(lambda: deque([1,2], maxlen=None)); 
class MyD(deque): pass
t(lambda: MyD([1]))
t(lambda: hash(d))
t(lambda: d.index(2, 0, 1))
t(lambda: d * 2); t(lambda: 2 * d)
def mut():
    x = deque([1,2,3])
    for i in x: x.append(1)
t(mut)
t(lambda: defaultdict(1)); t(lambda: defaultdict()); t(lambda: defaultdict(list, a=1)); t(lambda: defaultdict(list).__reduce__()[:4]); t(lambda: list(defaultdict(list, a=1).__reduce__()[4]))
class DD(defaultdict): pass
t(lambda: DD(int)); t(lambda: defaultdict(int)[5]); t(lambda: defaultdict()[5])
t(lambda: defaultdict(int) | {1: 2}); t(lambda: {1: 2} | defaultdict(int)); t(lambda: defaultdict(int) | 3)
t(lambda: deque.__init__(deque([1]), 'ab')); t(lambda: deque([1]).rotate('a'))
t(lambda: deque([1], maxlen=2).maxlen); t(lambda: deque([1]).__copy__())
t(lambda: d.__class_getitem__(int))
t(lambda: deque([1]) == [1]); t(lambda: deque([1]) < deque([2]))
t(lambda: deque.__dict__['maxlen'])
t(lambda: defaultdict.__dict__['default_factory'])
t(lambda: deque([1,2]).__iter__().__length_hint__())
t(lambda: type(iter(deque())).__name__); t(lambda: type(reversed(deque())).__name__)

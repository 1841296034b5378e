# CPython's own collections module (from /usr/lib/python3.11) running on
# ftpy, before _collections exists (deque and defaultdict come later).
import collections
P = collections.namedtuple('P', 'x y')
p = P(1, 2)
print(p, p.x + p.y, p._replace(x=5), p._asdict(), P._fields)
c = collections.Counter('abracadabra')
print(c.most_common(2), sorted(c.items()))
o = collections.OrderedDict(a=1, b=2); o.move_to_end('a'); print(list(o), o)
cm = collections.ChainMap({'a': 1}, {'b': 2}); print(cm['b'], len(cm))
u = collections.UserDict(a=1); print(u, collections.UserString('xy').upper(), collections.UserList([3, 1]))

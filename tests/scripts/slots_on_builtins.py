# Non-empty __slots__ on classes derived from list, dict, set, frozenset and
# bytearray (functools' _HashedSeq is one), against CPython 3.11.
class HS(list):
    __slots__ = 'hashvalue'
    def __init__(self, tup):
        self[:] = tup
        self.hashvalue = hash(tup)
h = HS((1, 2))
print(h, h.hashvalue == hash((1, 2)), len(h), hasattr(h, '__dict__'))
try: h.other = 1
except AttributeError as e: print(e)
class D(dict):
    __slots__ = ('a', 'b')
d = D(x=1); d.a = 5; print(d, d.a, D.a)
try: d.b
except AttributeError as e: print(e)
class S(set):
    __slots__ = ('tag',)
s = S([1, 2]); s.tag = 't'; print(sorted(s), s.tag)
class FS(frozenset):
    __slots__ = ('tag',)
f = FS([3]); f.tag = 9; print(f, f.tag)
class BA(bytearray):
    __slots__ = ('n',)
b = BA(b'ab'); b.n = 2; b.extend(b'cd'); print(b, b.n)
class HS2(HS):
    __slots__ = ('more',)
h2 = HS2((5,)); h2.more = 'm'; print(h2, h2.more, h2.hashvalue == hash((5,)))
del h, d, s, f, b, h2
class T(tuple):
    __slots__ = ('x',)

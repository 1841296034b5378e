# Ranges past int64 (range_long.cc), range hashing and reversal, and
# reversed()'s __reversed__ protocol, against CPython 3.11.
B = 1 << 1000
r = range(B)
print(type(iter(r)).__name__, type(iter(range(3))).__name__, type(reversed(range(3))).__name__)
it = iter(range(B, B + 3)); print(next(it) - B, next(it) - B, list(it) == [B + 2])
print(repr(range(-B, B, 7))[:20], range(5, B).start, range(5, B).stop == B, range(0, B, B // 3).step == B // 3)
print(bool(range(B)), bool(range(B, B)), range(B, 0) == range(0), range(B) == range(0, B, 1), range(B) != range(B+1))
try: len(r)
except OverflowError as e: print(e)
print(r[5], r[-1] == B - 1, (B - 1) in r, B in r, -1 in r, 5.0 in range(B), r.index(77), r.count(B-2))
try: r[B]
except IndexError as e: print(e)
print(list(reversed(range(B, B + 3)))[0] - B, hash(range(B)) == hash(range(0, B)), hash(range(0)) == hash(range(5, 5)))
print(len(range(-2**63, 2**63 - 1)) if False else 'x')
try: len(range(-2**63, 2**63))
except OverflowError as e: print(e)
print(range(2**63 - 5, 2**63 + 5)[-1] == 2**63 + 4, list(range(2**63 - 2, 2**63 + 1)))
print(list(reversed(range(0, -10, -3))), list(reversed(range(10, 0, -2**63))), list(reversed(range(0))))
class Ix:
    def __index__(self): return 3
print(list(range(Ix())), range(True, 3).start, type(range(True, 3).start).__name__)
try: range(1.5)
except TypeError as e: print(e)
try: range(0, B, 0)
except ValueError as e: print(e)
try: r['a']
except TypeError as e: print(e)
class A:
    def __reversed__(self): return iter([1, 2])
print(list(reversed(A())))
class N:
    __reversed__ = None
    def __len__(self): return 1
    def __getitem__(self, i): return i
try: reversed(N())
except TypeError as e: print(e)
print(list(reversed(range(2**62, 2**63 - 1, 2**61))))
print(range(3)[1:], range(0, 10, 3)[::-1], 2 in range(0, 10, 2), range(5).index(3))
print(hash(range(3)) == hash(range(0, 3)), hash(range(0, 10, 3)) == hash(range(0, 11, 3)), {range(4): 1}[range(0, 4)])
shared = iter(range(B, B + 5))
print(next(shared) == B, [x - B for x in shared])
print(list(reversed(range(-5, 5, 3))), list(reversed(range(5, -5, -3))), type(reversed(range(B))).__name__)

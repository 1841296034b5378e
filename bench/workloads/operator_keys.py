# Sorting and mapping with operator's callables: itemgetter and attrgetter
# as sort keys, methodcaller and operator.mul through map(), 20 rounds over
# 20,000 records. The native _operator (src/modules/operator.cc,
# operator_getters.cc) against CPython's C one. `operator_keys.py py`
# blocks _operator, timing operator.py's pure-Python classes instead.
import sys
import time

if sys.argv[1:] == ["py"]:
    sys.modules["_operator"] = None
import operator
from operator import attrgetter, itemgetter, methodcaller


class Rec:
    __slots__ = ("id", "name")

    def __init__(self, i):
        self.id = i
        self.name = "n%05d" % (i * 7919 % 20000)


rows = [(i, "k%05d" % (i * 104729 % 20000), i % 97) for i in range(20000)]
recs = [Rec(i) for i in range(20000)]
words = ["w%d" % i for i in range(20000)]
start = time.perf_counter()
total = 0
for _ in range(20):
    total += sorted(rows, key=itemgetter(1))[0][0]
    total += sorted(rows, key=itemgetter(2, 0))[-1][0]
    total += sorted(recs, key=attrgetter("name"))[0].id
    total += len(list(map(methodcaller("upper"), words)))
    total += sum(map(operator.mul, range(20000), range(20000))) % 1000
print(time.perf_counter() - start)
assert total > 0

# itemgetter, attrgetter and methodcaller objects shared by threads (they
# are immutable once made: design/stdlib.md): four threads sort, map and
# group with the same getters while a fifth pickles and copies them; every
# result is exact.
import copy
import operator
import pickle
import threading

THREADS = 4
ROUNDS = 200


class Rec:
    def __init__(self, i):
        self.i = i
        self.inner = self
        self.name = 'r%03d' % (i * 7 % 101)


recs = [Rec(i) for i in range(101)]
rows = [(i, 'x%03d' % (100 - i), i % 7) for i in range(101)]
by_name = operator.attrgetter('inner.name')
by_col = operator.itemgetter(1)
pair = operator.itemgetter(2, 0)
upper = operator.methodcaller('upper')
split = operator.methodcaller('split', '%', maxsplit=1)
want_names = sorted(r.name for r in recs)
want_cols = sorted(r[1] for r in rows)
failures = []


def use(k):
    try:
        for _ in range(ROUNDS):
            assert [by_name(r) for r in sorted(recs, key=by_name)] == want_names
            assert [by_col(r) for r in sorted(rows, key=by_col)] == want_cols
            assert list(map(pair, rows[:3])) == [(0, 0), (1, 1), (2, 2)]
            assert list(map(upper, ['a', 'b'])) == ['A', 'B']
            assert split('a%b%c') == ['a', 'b%c']
            assert sum(map(operator.mul, range(10), range(10))) == 285
    except Exception as e:  # noqa: BLE001 - reported below
        failures.append(e)


def copier():
    try:
        for _ in range(ROUNDS):
            for g in (by_name, by_col, pair, upper, split):
                assert repr(pickle.loads(pickle.dumps(g))) == repr(g)
                assert repr(copy.deepcopy(g)) == repr(g)
    except Exception as e:  # noqa: BLE001
        failures.append(e)


ts = [threading.Thread(target=use, args=(k,)) for k in range(THREADS)] + [threading.Thread(target=copier)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert not failures, failures
print("operator_getters_shared ok")

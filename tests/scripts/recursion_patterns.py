def power_set(items):
    if not items:
        return [[]]
    rest = power_set(items[1:])
    return rest + [[items[0]] + r for r in rest]
print(power_set([1, 2, 3]), len(power_set(list(range(10)))))
def combinations(items, k):
    if k == 0:
        return [[]]
    if not items:
        return []
    return [[items[0]] + c for c in combinations(items[1:], k - 1)] + combinations(items[1:], k)
print(combinations("abcd", 2), len(combinations(list(range(10)), 3)))
def partitions(n, max_part=None):
    if max_part is None:
        max_part = n
    if n == 0:
        return 1
    return sum(partitions(n - k, k) for k in range(1, min(n, max_part) + 1))
print([partitions(n) for n in range(1, 15)])
def hanoi(n, a="A", b="B", c="C"):
    return [] if n == 0 else hanoi(n - 1, a, c, b) + [(a, c)] + hanoi(n - 1, b, a, c)
print(len(hanoi(10)), hanoi(3))
def depth(obj):
    if isinstance(obj, (list, tuple)):
        return 1 + max((depth(o) for o in obj), default=0)
    if isinstance(obj, dict):
        return 1 + max((depth(v) for v in obj.values()), default=0)
    return 0
print(depth([1, [2, (3, {"a": [4]})]]), depth({}), depth(5))
def ackermann(m, n):
    while m:
        n = 1 if n == 0 else ackermann(m, n - 1)
        m -= 1
    return n + 1
print([ackermann(2, n) for n in range(5)], ackermann(3, 3))


# A class whose __call__ is an instance of itself calls itself without end
# (CPython's SF bug 532646): RecursionError, not a crash.
class SelfCalling:
    pass


SelfCalling.__call__ = SelfCalling()
try:
    SelfCalling()()
except RecursionError as e:
    print("RecursionError", e)

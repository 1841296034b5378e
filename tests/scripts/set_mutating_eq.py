# Set operations whose elements' __eq__ empties the sets being combined
# (CPython's bpo-46615 test): each operation either finishes or raises
# "changed size during iteration", and never reads an element or a table
# that the comparison freed. Keys taken from a table are held across every
# call that can run Python code.
from random import randrange, seed

seed(5)


def make_sets_of_bad_objects():
    class Bad:
        def __eq__(self, other):
            if not enabled:
                return False
            if randrange(20) == 0:
                set1.clear()
            if randrange(20) == 0:
                set2.clear()
            return bool(randrange(2))

        def __hash__(self):
            return randrange(2)

        def __repr__(self):
            set1.clear()
            return "Bad"

    enabled = False
    set1 = set(Bad() for _ in range(randrange(50)))
    set2 = set(Bad() for _ in range(randrange(50)))
    enabled = True
    return set1, set2


def iadd(a, b):
    a &= b


def ior(a, b):
    a |= b


def isub(a, b):
    a -= b


def ixor(a, b):
    a ^= b


ops = [lambda a, b: a == b, lambda a, b: a != b, lambda a, b: a < b, lambda a, b: a <= b,
       lambda a, b: a > b, lambda a, b: a >= b, lambda a, b: a & b, lambda a, b: a | b,
       lambda a, b: a - b, lambda a, b: a ^ b, iadd, ior, isub, ixor,
       lambda a, b: a.issubset(b), lambda a, b: a.isdisjoint(b), lambda a, b: a.update(b),
       lambda a, b: a.intersection_update(b), lambda a, b: a.symmetric_difference_update(b),
       lambda a, b: repr(a)]
survived = 0
for op in ops:
    for _ in range(150):
        set1, set2 = make_sets_of_bad_objects()
        try:
            op(set1, set2)
        except RuntimeError as e:
            assert "changed size during iteration" in str(e), e
        survived += 1
print("operations survived:", survived)

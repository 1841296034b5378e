print(True, False, None, True + True, True * 3, False - 1, True == 1, False == 0, True is True)
print(not True, not 0, not None, not [], not [0], True and 5, 0 and 5, 0 or "x", None or 0, 1 or 2)
print(True & False, True | False, True ^ True, ~True, -True, bool(None), None is None, None == 0)
print(1 < 2 < 3, 1 < 2 > 3, 3 > 2 == 2, 1 == 1.0 == True, "a" < "b" < "c", 1 < 3 < 2 < 5)
x = None
print(x is None, x is not None, type(x).__name__, repr(None), str(None))
def check(v):
    if v:
        return "truthy"
    return "falsy"
print([check(v) for v in [0, 1, "", "a", [], [0], {}, {0: 0}, 0.0, 0.1, None, range(0), range(1)]])

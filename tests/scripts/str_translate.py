# str.maketrans and str.translate against CPython 3.11.
t = str.maketrans('abc', 'xyz')
print(sorted(t.items()), 'aabbcc-d'.translate(t))
t3 = str.maketrans('ab', 'AB', 'cé')
print(sorted(t3.items()), 'abcé!'.translate(t3))
print(str.maketrans({'a': 'A', 98: None, 'é': 'E'}), 'abé'.translate({97: 'ZZ', 98: None, 233: 0x263A}))
print(''.translate({}), 'hello'.translate({}), 'hello'.translate([]), 'abc'.translate('xyz' * 40))


class Table:
    def __getitem__(self, k):
        if k == ord('x'):
            raise KeyError(k)
        return k + 1


print('abx'.translate(Table()), 'ünï'.translate({ord('ü'): 'u', ord('ï'): 'i'}))
for bad in (lambda: str.maketrans('ab', 'a'), lambda: str.maketrans({'ab': 1}), lambda: str.maketrans([1]),
            lambda: str.maketrans({1.5: 2}), lambda: str.maketrans('a', 1), lambda: str.maketrans('a', 'b', 3),
            lambda: 'a'.translate({97: 1.5}), lambda: 'a'.translate({97: -1}), lambda: 'a'.translate({97: 0x110000}),
            lambda: 'a'.translate(5), lambda: str.maketrans(), lambda: 'a'.translate()):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


class S(str):
    pass


print(S('abc').translate(t), type(S('abc').translate(t)).__name__, S.maketrans('a', 'b'))

# itertools' filtering, grouping and combinatoric iterators against
# CPython: results, edge cases (empty pools, r of 0 or past the pool),
# laziness, and the argument errors.
from itertools import (accumulate, combinations, combinations_with_replacement, compress, count, cycle, dropwhile,
                       filterfalse, groupby, islice, pairwise, permutations, product, takewhile, zip_longest)
import operator

print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(compress('AB', [1, 1, 1, 1])), list(compress('ABCD', [0, 1])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a', None, []])))
print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([3, 4, 6, 2, 1, 9, 0, 7], max)),
      list(accumulate([1, 2, 3], operator.mul, initial=10)), list(accumulate([], initial=5)), list(accumulate([])))
print(list(accumulate(['a', 'b', 'c'])), list(accumulate(range(5), func=lambda a, b: a - b)))
print(list(pairwise('ABCDE')), list(pairwise('A')), list(pairwise([])))
print(list(islice(cycle('ABC'), 8)), list(cycle([])), list(islice(cycle(iter([1, 2])), 5)))
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest()), list(zip_longest('ab', [], [1, 2, 3])))
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')], [k for k, g in groupby([])])
print([(k, len(list(g))) for k, g in groupby(sorted('mississippi'))], [(k, list(g)) for k, g in groupby(range(7), key=lambda x: x // 3)])
groups = list(groupby('aabbc'))
print([(k, list(g)) for k, g in groups])  # groupers are spent once the next group starts
it = groupby('aaabb')
k1, g1 = next(it)
print(k1, next(g1), next(it)[0], list(g1))
print(list(product('ab', range(2))), list(product(range(2), repeat=3))[:4], list(product()), list(product('ab', [])))
print(list(product('ab', repeat=0)), len(list(product(range(3), range(4), range(5)))))
print(list(permutations('ABC', 2)), list(permutations(range(3))), list(permutations('AB', 3)), list(permutations('AB', 0)))
print(list(permutations([])), len(list(permutations(range(6)))), list(permutations('abcd', 4))[-3:])
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)), list(combinations('AB', 3)), list(combinations('AB', 0)))
print(list(combinations_with_replacement('ABC', 2)), list(combinations_with_replacement('', 2)),
      list(combinations_with_replacement('', 0)), list(combinations_with_replacement('A', 3)))
print(sorted(set(combinations(range(6), 3))) == sorted(combinations(range(6), 3)), len(list(combinations(range(20), 5))))
print(list(islice(dropwhile(lambda x: x < 3, count()), 3)), list(islice(accumulate(count()), 5)))
print(type(groupby('a')).__name__, type(next(groupby('a'))[1]).__name__, type(product()).__name__)

for bad in [lambda: compress('a'), lambda: permutations('ab', -1), lambda: permutations('ab', 'x'),
            lambda: combinations('ab', -1), lambda: combinations('ab', 'x'), lambda: combinations('ab'),
            lambda: product('a', repeat=-1), lambda: product(1), lambda: zip_longest([], 5),
            lambda: dropwhile(len), lambda: accumulate(5), lambda: pairwise(), lambda: cycle(3),
            lambda: list(groupby([1, 2], key=len)), lambda: list(accumulate([1, 'a'])),
            lambda: type(next(groupby('a'))[1])(), lambda: type(next(groupby('a'))[1])(1, 2),
            lambda: list(type(next(groupby('a'))[1])(groupby('ab'), 'b')), lambda: pairwise(1, 2)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

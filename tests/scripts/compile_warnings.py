# CPython 3.11's compile-time warnings: SyntaxWarning for code that is
# certain to fail or to mean something else ("is" with a literal, an assert
# of a tuple, calling or indexing a literal), DeprecationWarning for a
# number run into a keyword; with the warning made an error, a SyntaxError
# at its line. Also the tokenizer's messages for bad numeric literals.
import warnings


def compile_with_warnings(src, action='always'):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter(action)
        try:
            compile(src, '<case>', 'exec')
        except SyntaxError as e:
            return f'SyntaxError: {e.msg} (line {e.lineno})'
    return [f'{w.category.__name__}: {w.message} (line {w.lineno})' for w in caught]


cases = [
    'x = 1\nx is 1', 'x is not "a"', 'x is ()', 'x is (1, 2)', 'x is None', 'x is True', 'x is ...',
    '1 is x', 'x is y is 1', 'x == 1', 'x is -1', 'x is not b"b"',
    'assert(x, "msg")', 'assert (x,)', 'assert ()', 'assert x, "msg"',
    '[(1, 2) (3, 4)]', '[[1, 2] [3, 4]]', '[{1, 2} {3, 4}]', '[{1: 2} {3: 4}]', '["a" "b" (1)]', '[1 (2)]',
    '[f"x" (1)]', '[None ()]', '[(x for x in y) ()]', 'f(1)(2)', '[x (1)]',
    '[1 [2]]', '[1.5 [2]]', '[None [2]]', '[{1} [0]]', '["ab" [1, 2]]', '[(1, 2) ["x"]]', '["ab" [1]]',
    '["ab" [x]]', '[[1] [1:2]]', '[b"ab" [(1, 2)]]', '[lambda: 1 [0]]', 'x[1.5]',
    '0xfor x', '1if x else y', '0o7and x', '1jor x', '0b1is x', '1.5not in x', '0xfand x', '1in x',
]
for src in cases:
    print(repr(src), compile_with_warnings(src))
for src in ['x is 1', 'assert (x, 1)', '[(1, 2) (3, 4)]', '0xfor x']:
    print('error:', repr(src), compile_with_warnings(src, 'error'))

for lit in ['0b1_2', '0b12', '0b2', '0b', '0b_', '0b1_', '0o8', '0o1_8', '0o_', '0x', '0xg', '0x_', '0x1_',
            '0xfz', '1_', '1__2', '1.0_', '1e1_', '1_j', '1.e', '1e', '0_7', '09', '1_000', '0x_f', '0b_1',
            '1.5j', '1jx', '1.0e+5', '1.0e+', '12abc', '0o17', '0b101', '0xDEAD_beef', '1._4', '1._4j', '1.', '1.e5', '1_0.0_1', '1.j']:
    try:
        print(lit, repr(eval(lit)))
    except SyntaxError as e:
        print(lit, 'SyntaxError:', e.msg)

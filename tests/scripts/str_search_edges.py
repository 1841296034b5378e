# str's search methods at the edges CPython's ADJUST_INDICES defines (a
# start past the end finds nothing, even the empty string), their argument
# errors, results for str subclasses (never the subclass instance), s * 1,
# printf length modifiers, and zero padding in format specs.
class S(str):
    pass


for s in ['aaa', 'aé', '']:
    for args in [('', 3), ('', 4), ('', 10), ('', -1), ('', -10), ('a', 0, 1), ('', 2, 1), ('a', 5, 1)]:
        print(repr(s), args, s.count(*args), s.find(*args), s.rfind(*args), s.startswith(*args), s.endswith(*args),
              s.startswith(('x', args[0]), *args[1:]))
print(''.endswith('', 0, 1), ''.endswith('', 1, 0), 'ab'.endswith('ab', 0, 1), 'helloworld'.endswith('lowo', 3, 7))
for name in ['find', 'rfind', 'index', 'rindex', 'count', 'startswith', 'endswith']:
    for args in [('x', None, None, None), ()]:
        try:
            getattr('hello', name)(*args)
        except TypeError as e:
            print(e)
s = S('spam')
for r in [s.removeprefix('python'), s.removesuffix('x'), s.removeprefix('sp'), s * 1]:
    print(type(r).__name__, r, r is s)
a = '123abc1@'
print(a * 1 is a, 1 * a is a, a * 2 is a, a * 0 == '')
print('%3ld|%hd|%Lf|%-4li|' % (42, 5, 1.5, 7))
for spec in ['08s', '<08s', '^08s', 'x<05', '>08s']:
    print(spec, repr(format('result', spec)))
for value, spec in [(1234, '012,'), (-1234.5, '012,.1f'), (1234, '0=12_'), (255, '#012_x'), (1234, '06,'),
                    (1234, '*=12,'), (12, '05,'), (3, '<05'), (-3, '>05'), (-3.5, '^09'), (10 ** 10, '020,d')]:
    print(value, spec, repr(format(value, spec)))

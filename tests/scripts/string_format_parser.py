# str.format, str.format_map and the _string module share one PEP 3101
# parser (src/objects/format_markup.cc); every piece, error and message is
# checked against CPython 3.11.
for s, a in [('{1}', (1,)), ('{0:{1:{2}}}', ('abc','s','')), ('{a}', ()), ('{0]}', (1,)), ('{0[0]x}', ([1],)), ('{0!}', (1,)), ('{0!rr}', (1,)), ('{0!x}', (1,)), ('{', ()), ('{0', (1,)), ('{0:', (1,)), ('{0!r', (1,)), ('{0[0}', ([1],)),('{0.}', (1,)), ('{0[-1]}', ('ab',)), ('{0[a]}', ({'a':5},)), ('{0!é}', (1,)), ('a{{b}}c{}', (3,)), ('{}{0}', (1,)), ('{0}{}', (1,)), ('{0:{}}', (1, 2)), ('{:{}}{}', ('x', 4, 'y')), ('{0.real:>{1}}', (5, 4)), ('{x[1]}', ()), ('}', ()), ('a}b', ())]:
  try: print(repr(s), repr(s.format(*a)))
  except Exception as e: print(repr(s), type(e).__name__, e)
print('{x}{y}'.format_map({'x':1,'y':2}))
try: '{0}'.format_map({})
except Exception as e: print(type(e).__name__, e)
class D(dict):
  def __missing__(s,k): return k.upper()
print('{a}-{b}'.format_map(D(a=1)))
print('{x[1]}'.format(x={1: 'one'}), '{x[one]}'.format(x={'one': 1}))

import _string
for s in ['a{{b}}c', '{0!r:>{1}}', 'x{a.b[c]}y', '{}', '{!r}', 'a}}', '{:{:{}}}', '{0[}', '{a[}]}', '', 'plain', 'x{0!é}', '{0!', 'ab{', 'a}b']:
  try: print(repr(s), list(_string.formatter_parser(s)))
  except Exception as e: print(repr(s), type(e).__name__, e)
for s in ['a.b[0][x].c', '0.x', '', '[1]', 'a[', 'a]b', 'a.', 'a[]', '99999999999999999999999', 'x[0]y']:
  try: f, r = _string.formatter_field_name_split(s); print(repr(s), repr(f), list(r))
  except Exception as e: print(repr(s), type(e).__name__, e)
it = _string.formatter_parser('a{0}b{')
print(next(it))
try: next(it)
except ValueError as e: print('late', e)
for bad in (lambda: _string.formatter_parser(3), lambda: _string.formatter_field_name_split(b'x')):
  try: bad()
  except TypeError as e: print(e)

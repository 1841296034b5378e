# Formatting at CPython 3.11's edges: complex.__format__ (each part as a float,
# the imaginary one signed, parentheses without a type, fill/align/width,
# no zero padding or '='), str specs refusing a sign, a space or '#',
# printf-style %x/%o/%c of __index__ objects and %d of __int__ ones with
# CPython's errors, complex() of any script's digits and of __index__,
# and math functions taking __index__ objects.
vals = [3+2j, 1j, -1j, 0j, complex(-0.0, 1), 1.5-2.25j, complex(1e20, 1e-5), complex(float('inf'), float('nan')), 12345.678+9876.54321j, 3+0j, complex(-0.0, -0.0)]
specs = ['', '<12', '>12', '^15', '*^20', '.2f', '+.3e', ' g', '.3', '.0', '10.2f', ',', '_.2f', '#g', 'G', 'n', '.4G', '-', '+', '20.3E']
for v in vals:
    print(repr(v), [format(v, s) for s in specs])
for bad in ('x', '%', '=10', '010', 'd', '0<10'):
    try:
        print(bad, format(1+2j, bad))
    except ValueError as e:
        print(bad, "ValueError", e)
print('{0:\x00<12}'.format(3+2.0j) == '(3+2j)' + '\x00' * 6, f"{1+2j:.2f}", "%s" % (1+2j))
class PI:
    def __init__(s,v): s.v=v
    def __int__(s): return s.v
    def __index__(s): return s.v
class PF:
    def __int__(s): return 3
for f in ('%x','%X','%o','%c','%d','%i','%u'):
    for v in (PI(109), PF(), 3.7):
        try: print(f, type(v).__name__, repr(f % v))
        except Exception as e: print(f, type(v).__name__, type(e).__name__, e)
for spec in ('-', ' ', '+', '#', '=10', '-s', '#20'):
    try:
        print(repr(format('ab', spec)))
    except ValueError as e:
        print(spec, e)
import math


class I:
    def __index__(self):
        return 16


print(math.sqrt(I()), complex(I()), complex(1, I()), float(I()), complex('\N{EM SPACE}(\N{EN SPACE}1+1j ) '))
print((1.5+0.5j).__format__('.1f'), complex.__format__(2j, '>6'))

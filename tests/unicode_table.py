# Prints every code point's case mappings and str.is* results, one line
# each, so ftpy's Unicode tables can be compared with CPython's in full:
#   python3 tests/unicode_table.py > cpython.txt
#   build/ftpy tests/unicode_table.py > ftpy.txt
#   diff ftpy.txt cpython.txt
# Not run by ctest (it takes seconds); design/objects.md records the result.
import sys
out = []
for cp in list(range(0, 0xD800)) + list(range(0xE000, 0x110000)):
    c = chr(cp)
    row = (c.upper(), c.lower(), c.casefold(), c.title(), c.isdigit(), c.isdecimal(), c.isnumeric(), c.isalpha(),
           c.isspace(), c.isupper(), c.islower(), c.istitle(), c.isprintable(), c.isidentifier(), ("a" + c).isidentifier())
    out.append("%x %r" % (cp, row))
sys.stdout.write("\n".join(out) + "\n")

# -*- coding: latin-1 -*-
# PEP 263: the declaration names the file's encoding.
s = 'café µ'
print(s, len(s), [hex(ord(c)) for c in s])

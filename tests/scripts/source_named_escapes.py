# \N{...} escapes: names, aliases, algorithmic names, any case.
print('\N{LATIN SMALL LETTER E WITH ACUTE}', '\N{EM DASH}', '\N{em dash}')
print([hex(ord(c)) for c in '\N{NULL}\N{LINE FEED}\N{BYTE ORDER MARK}\N{LATIN CAPITAL LETTER GHA}'])
print(hex(ord('\N{CJK UNIFIED IDEOGRAPH-4E00}')), hex(ord('\N{HANGUL SYLLABLE GAG}')))
print(r'\N{EM DASH}', len(r'\N{EM DASH}'), f'<\N{BULLET}>')

# The unicode_escape and raw_unicode_escape codecs against CPython: every
# escape, error spans and messages under strict and replace, incremental
# decoding of a cut-off escape, and the encoders. (Escapes CPython warns
# about, \q or \777, are left out: ftpy decodes them alike without the
# DeprecationWarning; design/stdlib.md.)
import codecs

cases = [b'a\\', b'\\x4', b'\\xzz', b'\\u12', b'\\U00110000', b'\\N{LATIN SMALL LETTER A}', b'\\N{nope}', b'\\N{',
         b'\\Nx', b'\\N{}', b'\\101\\t\\\n', b'\xe9', b'\\x41\\u20ac\\U0001F600', b'\\\\\\\'\\"\\a\\b\\f\\v\\r\\n',
         b'\\N{EURO SIGN}x\\N{GREEK SMALL LETTER ALPHA}', b'x\\0y\\12z']
for b in cases:
    for err in ['strict', 'replace', 'ignore', 'backslashreplace']:
        try:
            print(repr(b), err, codecs.unicode_escape_decode(b, err))
        except UnicodeError as e:
            print(repr(b), err, type(e).__name__, e)
print(codecs.unicode_escape_decode(b'a\\x4', None, False), codecs.unicode_escape_decode(b'a\\', None, False),
      codecs.unicode_escape_decode('\\u00e9 é'), codecs.unicode_escape_decode(b'\\N{EURO', None, False))
print(codecs.unicode_escape_encode('a\té\u20ac\U0001F600\\\'"\x7f\x00'), codecs.raw_unicode_escape_encode('aé\u20ac\U0001F600\\'))
for b in [b'\\u20ac', b'\\\\u20ac', b'\\\\\\u20ac', b'\\u20', b'\\U00110000', b'\\x41', b'\xe9\\', b'\\U0001f600!', b'\\uzz']:
    for err in ['strict', 'replace']:
        try:
            print(repr(b), err, codecs.raw_unicode_escape_decode(b, err))
        except UnicodeError as e:
            print(repr(b), err, type(e).__name__, e)
print(b'caf\\xe9'.decode('unicode_escape'), 'tab\there'.encode('unicode_escape'), 'x€'.encode('raw_unicode_escape'),
      b'\\u20ac'.decode('raw_unicode_escape'))
dec = codecs.getincrementaldecoder('unicode_escape')()
data = b'a\\u20acb\\N{EURO SIGN}c\\x41'
print(''.join(dec.decode(data[i:i + 1]) for i in range(len(data))) + dec.decode(b'', final=True))

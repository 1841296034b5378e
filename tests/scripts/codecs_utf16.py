# The UTF-16 and UTF-32 codecs against CPython: byte orders and BOMs,
# surrogate pairs, incremental decoding, the error spans and messages, and
# the error handlers.
import codecs

for enc in ['utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-32-be']:
    for s in ['', 'a', 'é€', 'a\U0001F600b', '\uffff\U0010ffff']:
        b = s.encode(enc)
        assert b.decode(enc) == s
        print(enc, repr(s), b)
for s, enc in [('a\ud800b', 'utf-16'), ('a\ud800\udc00b', 'utf-16-le'), ('a\ud800b', 'utf-32'), ('\udfff', 'utf-32-be')]:
    for errors in ['strict', 'replace', 'ignore', 'surrogatepass', 'backslashreplace', 'xmlcharrefreplace']:
        try:
            print(enc, errors, s.encode(enc, errors))
        except UnicodeError as e:
            print(enc, errors, type(e).__name__, e)
bad = [(b'\x00\xd8', 'utf-16-le'), (b'\x00\xd8a\x00', 'utf-16-le'), (b'\x00\xdc\x00\x00', 'utf-16-le'),
       (b'a', 'utf-16-le'), (b'a\x00\x00', 'utf-16'), (b'\x00\x00\x11\x00', 'utf-32-le'),
       (b'\x00\xd8\x00\x00', 'utf-32-le'), (b'abc', 'utf-32'), (b'\xff\xfe\x00\x00a\x00\x00\x00', 'utf-32'),
       (b'\x00\xd8\x00', 'utf-16-le'), (b'\xfe\xff\xd8\x00\xdc\x00', 'utf-16')]
for b, enc in bad:
    for errors in ['strict', 'replace', 'ignore', 'backslashreplace', 'surrogatepass']:
        try:
            print(enc, errors, repr(b.decode(enc, errors)))
        except UnicodeError as e:
            print(enc, errors, type(e).__name__, e)
print(codecs.utf_16_ex_decode(b'\xfe\xff\x00a', 'strict', 0, True), codecs.utf_16_ex_decode(b'a\x00', 'strict', 0, True),
      codecs.utf_16_decode(b'\xff\xfea\x00\x00', None, False), codecs.utf_32_ex_decode(b'\x00\x00\xfe\xff', None, 0, False),
      codecs.utf_16_ex_decode(b'\x00a', 'strict', 1, True), codecs.utf_16_decode(b'\xff', None, False),
      codecs.utf_16_le_decode(b'a\x00\x00\xd8', None, False), codecs.utf_32_encode('a', None, 1), codecs.utf_16_encode('a', None, -1))
for enc in ['utf-16', 'utf-32', 'utf-16-be']:
    dec = codecs.getincrementaldecoder(enc)()
    data = 'héllo \U0001F600 wörld'.encode(enc)
    print(enc, ''.join(dec.decode(data[i:i + 1]) for i in range(len(data))) + dec.decode(b'', final=True))
    encoder = codecs.getincrementalencoder(enc)()
    print(enc, encoder.encode('ab') + encoder.encode('c'))
import json
print(json.loads('{"a": "é"}'.encode('utf-16')), json.loads('[1]'.encode('utf-32-be')), json.loads('"x"'.encode('utf-16-le')))

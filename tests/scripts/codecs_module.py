# _codecs under CPython's codecs.py and encodings package: the registry,
# the error handlers as callables, the codec functions, and str.encode/
# bytes.decode through the registry for encodings beyond utf-8/ascii/latin-1.
import codecs

info = codecs.lookup('UTF_8')
print(info.name, info is codecs.lookup('utf-8'), codecs.lookup('Latin-1').name, codecs.lookup('cp1252').name)
print(codecs.encode('é€', 'cp1252'), codecs.decode(b'\x80abc', 'cp1252'), codecs.encode('abc', 'rot13'))
print('aé€'.encode('cp1252'), b'\x80\x81'.decode('cp1252', 'replace'), 'Ωμέγα'.encode('iso8859-7'),
      'Ωμέγα'.encode('cp1253').decode('cp1253'), b'\xe9'.decode('mac_roman'), 'x€y'.encode('cp437', 'replace'))
print('x€y'.encode('cp437', 'xmlcharrefreplace'), 'x€y'.encode('cp437', 'backslashreplace'), 'x€y'.encode('cp437', 'ignore'))
print(b'a\x81b'.decode('cp1252', 'backslashreplace'), b'a\x81b'.decode('cp1252', 'ignore'))

# The codec functions and their (result, consumed) pairs.
print(codecs.utf_8_decode(b'a\xed', 'replace', False), codecs.utf_8_decode(b'a\xf0\x90', 'strict', False),
      codecs.utf_8_decode(b'a\xc3', None, False), codecs.utf_8_decode(b'a\xc3\xa9', None, True),
      codecs.utf_8_decode(b'\xe2\x82', 'strict', False), codecs.utf_8_decode(b'\xff', 'replace', False))
print(codecs.utf_8_encode('é'), codecs.ascii_encode('abc'), codecs.latin_1_decode(b'\xe9'), codecs.ascii_decode(b'ab'))
print(codecs.escape_decode(b'a\\x41\\n\\101\\\'z'), codecs.escape_encode(b'a\x00\'\\\t\xff'), codecs.readbuffer_encode('é'))
print(codecs.charmap_decode(b'\x00\x01', 'strict', 'ab'), codecs.charmap_decode(b'\x01', 'strict', {1: 'xy'}),
      codecs.charmap_encode('ba', 'strict', codecs.charmap_build('ab')), codecs.charmap_decode(b'\xe9'))

# Incremental decoding keeps a cut-off sequence for the next call.
dec = codecs.getincrementaldecoder('utf-8')()
print([dec.decode(bytes([b])) for b in 'a€é'.encode()], dec.decode(b'', final=True))

# The error handlers, called directly and registered.
enc_err = UnicodeEncodeError('ascii', 'aé\udc80', 1, 3, 'bad')
dec_err = UnicodeDecodeError('utf-8', b'a\xff\xfe', 1, 3, 'bad')
for name in ['ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace', 'namereplace', 'surrogateescape',
             'surrogatepass', 'strict']:
    handler = codecs.lookup_error(name)
    for err in (enc_err, dec_err):
        try:
            print(name, handler(err))
        except Exception as e:
            print(name, type(e).__name__, e)
print(codecs.lookup_error('surrogateescape')(UnicodeEncodeError('ascii', '\udc80\udcff', 0, 2, 'x')))
print(codecs.lookup_error('surrogatepass')(UnicodeDecodeError('utf-8', b'\xed\xa0\x80', 0, 3, 'x')))
codecs.register_error('mine', lambda e: ('<%d:%d>' % (e.start, e.end), e.end))
print(codecs.lookup_error('mine')(enc_err), b'a\x81'.decode('cp1252', 'mine'), 'a€'.encode('cp437', 'mine'))

# Registering a codec.
def search(name):
    if name == 'upper_x':
        return codecs.CodecInfo(lambda s, errors='strict': (s.upper().encode(), len(s)),
                                lambda b, errors='strict': (bytes(b).decode().lower(), len(b)), name='upper-x')
    return None
codecs.register(search)
print('abc'.encode('upper x'), b'ABC'.decode('Upper-X'), codecs.lookup(' Upper--X ').name)
codecs.unregister(search)

for bad in [lambda: codecs.lookup('no-such'), lambda: 'a'.encode('rot13'), lambda: b'a'.decode('rot13'),
            lambda: codecs.lookup_error('nope'), lambda: codecs.register_error('x', 5),
            lambda: codecs.lookup(5), lambda: codecs.escape_decode(b'\\x4'), lambda: 'a€'.encode('cp437'),
            lambda: b'\x81'.decode('cp1252'), lambda: codecs.register(5), lambda: codecs.lookup_error('strict')(5),
            lambda: codecs.lookup_error('xmlcharrefreplace')(dec_err)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

import json, decimal, fractions, calendar, locale
print(json.dumps({'a': [1, 2.5, None, 'é', True]}, sort_keys=True), json.loads('{"x": [1, "\\u00e9", {"y": null}]}'))
print(decimal.Decimal('1.1') + decimal.Decimal('2.2'), fractions.Fraction(3, 6) + fractions.Fraction('1/3'))
print(calendar.isleap(2024), calendar.monthrange(2026, 12), locale.normalize('en_US'))

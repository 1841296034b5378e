# unicodedata on ICU, answering as Unicode 14.0 (CPython 3.11): properties,
# names and aliases, named sequences, normalization, ucd_3_2_0 (stringprep
# and the idna codec run on it), and the argument errors.
import unicodedata as u
print(u.unidata_version, u.ucd_3_2_0.unidata_version, type(u.ucd_3_2_0).__name__)
chars = ['A', 'é', '\u0300', '٣', '½', '\u2460', '\u00a0', '\u0378', '\U0001F600', '\uac00', '\u4e00', '\ufb01', '\u2028', '(', '\U00011F00', '\u0600', '\U0001D7F6', '\x00', '\ud800', '\ue000', '\u2153', '\u0f33', '\u1fbe']
for c in chars:
    print(ascii(c), u.category(c), u.bidirectional(c), u.combining(c), u.mirrored(c), u.east_asian_width(c), repr(u.decomposition(c)),
          u.decimal(c, None), u.digit(c, None), u.numeric(c, None), u.name(c, None),
          u.ucd_3_2_0.category(c), u.ucd_3_2_0.name(c, None))
for n in ['LATIN SMALL LETTER A', 'latin small letter e with acute', 'CJK UNIFIED IDEOGRAPH-4E00', 'HANGUL SYLLABLE GA', 'BYTE ORDER MARK', 'LATIN CAPITAL LETTER A WITH MACRON AND GRAVE', 'NO SUCH', 'KEYCAP DIGIT ZERO']:
    for db in (u, u.ucd_3_2_0):
        try:
            print(ascii(db.lookup(n)))
        except KeyError as e:
            print('KeyError', e)
for f in ['NFC', 'NFD', 'NFKC', 'NFKD']:
    s = 'ﬁé\u0065\u0301Å\u212b가\uac00\u1100\u1161'
    print(f, ascii(u.normalize(f, s)), u.is_normalized(f, s), u.is_normalized(f, u.normalize(f, s)), ascii(u.ucd_3_2_0.normalize(f, s)))
for bad in [lambda: u.category('ab'), lambda: u.category(1), lambda: u.decimal('x'), lambda: u.digit(2), lambda: u.numeric('a'), lambda: u.name('\x00'), lambda: u.normalize('X', 'a'), lambda: u.normalize('NFC', 1), lambda: u.lookup('x' * 300)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
import stringprep, encodings.idna
print('bücher.example'.encode('idna'), b'xn--bcher-kva.example'.decode('idna'))

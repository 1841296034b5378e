# binascii's hex, base64 and CRC functions against CPython, and base64 on
# top of them: results, padding rules (lenient and strict), separators and
# the errors.
import binascii
import base64

samples = [b'', b'f', b'fo', b'foo', b'foob', b'fooba', b'foobar', bytes(range(256)), b'\xff\xfe\x00']
for s in samples:
    print(binascii.hexlify(s)[:40], binascii.b2a_base64(s)[:60], binascii.b2a_base64(s, newline=False)[-6:],
          binascii.crc32(s), binascii.crc_hqx(s, 0), binascii.crc_hqx(s, 0xFFFF))
    assert binascii.a2b_base64(binascii.b2a_base64(s)) == s and binascii.unhexlify(binascii.hexlify(s)) == s
print(binascii.hexlify(b'\x01\x02\x03\x04\x05', '-'), binascii.hexlify(b'\x01\x02\x03\x04\x05', b':', 2),
      binascii.hexlify(b'\x01\x02\x03\x04\x05', ' ', -2), binascii.b2a_hex(bytearray(b'ab')), binascii.hexlify(memoryview(b'z')))
print(binascii.unhexlify('DEADbeef'), binascii.a2b_hex(b'00ff'), binascii.crc32(b'hello', 12345), binascii.crc32(b'x', -1),
      binascii.crc32(b'abc', 2 ** 40 + 7))
for text in [b'Zm9v', b'Zm9vYg==', b'Zm9vYg', b'Zm9vYmE=', b'Z m9\nv', b'Zm9v====', b'Zm=9v', b'Z', b'Zm9vY', b'Zg=',
             b'Zg==Zm9v', b'=Zm9v', '  Zm9v\n', b'YWJj!ZGVm', b'', b'Zm9v=Zm9v', b'Zg=g=', b'Z===', b'Zg===', b'Zm8==']:
    out = []
    for strict in (False, True):
        try:
            out.append(binascii.a2b_base64(text, strict_mode=strict))
        except binascii.Error as e:
            out.append('Error: %s' % e)
    print(repr(text), out)
print(base64.b64encode(b'any carnal pleas'), base64.b64decode(b'YW55IGNhcm5hbCBwbGVhcw=='), base64.urlsafe_b64encode(b'\xfb\xff'),
      base64.b32encode(b'abc'), base64.b32decode(b'MFRGG==='), base64.b16encode(b'\x0f\xa0'), base64.b85encode(b'hello'),
      base64.a85encode(b'hello'), base64.standard_b64decode('aGk='), base64.encodebytes(b'x' * 60))
for bad in [lambda: binascii.unhexlify(b'abc'), lambda: binascii.unhexlify(b'zz'), lambda: binascii.a2b_base64('é'),
            lambda: binascii.hexlify('str'), lambda: binascii.hexlify(b'a', 'ab'), lambda: binascii.crc32('x'),
            lambda: base64.b64decode(b'a!==', validate=True), lambda: base64.b16decode(b'0g'),
            lambda: binascii.a2b_base64(5), lambda: issubclass(binascii.Error, ValueError)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

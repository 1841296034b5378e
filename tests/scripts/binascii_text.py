# binascii's uuencode and quoted-printable functions (src/modules/
# binascii.cc, after CPython's Modules/binascii.c), and quopri and email's
# quoted-printable on them. Output compared with CPython 3.11.
import binascii
import quopri


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


data = bytes(range(256)) * 2
for n in (0, 1, 2, 3, 10, 44, 45):
    line = binascii.b2a_uu(data[:n])
    print(n, line)
    print(binascii.a2b_uu(line) == data[:n], binascii.b2a_uu(data[:n], backtick=True))
show(lambda: binascii.b2a_uu(data[:46]))
show(lambda: binascii.b2a_uu("text"))
show(lambda: binascii.b2a_uu(b"x", True))
show(lambda: binascii.a2b_uu(b""))
show(lambda: binascii.a2b_uu("!80``\n"))
show(lambda: binascii.a2b_uu(b"#86)C\n"))
show(lambda: binascii.a2b_uu(b"#86)C"))
show(lambda: binascii.a2b_uu(b"#86)C  ``\r\n"))
show(lambda: binascii.a2b_uu(b"#86)C  xx\n"))
show(lambda: binascii.a2b_uu(b"#\x01\x02\x03"))
show(lambda: binascii.a2b_uu("é"))

texts = [
    b"",
    b"hello world",
    b"caf\xc3\xa9 = 1\n",
    b"trailing space \nand tab\t\nend ",
    b"crlf line\r\nsecond  \r\n",
    b".\nleading dot\n.",
    b"tabs\tand spaces  inside",
    b"under_score and = sign",
    b"x" * 200,
    b"y" * 74 + b"\n" + b"z" * 75 + b"\n" + b"w" * 76,
    bytes(range(0, 256, 7)),
]
for t in texts:
    for kw in ({}, {"quotetabs": True}, {"istext": False}, {"header": True}):
        enc = binascii.b2a_qp(t, **kw)
        print(kw, enc)
        dec = binascii.a2b_qp(enc, header=kw.get("header", False))
        print(dec == t or dec)
show(lambda: binascii.a2b_qp(b"a=3Db=3dc=\nd=\r\ne==f=4g=G1=_"))
show(lambda: binascii.a2b_qp("soft=  \nbreak"))
show(lambda: binascii.a2b_qp(b"h_e_a_d", header=True))
show(lambda: binascii.a2b_qp(b"ends with ="))
show(lambda: binascii.b2a_qp("str"))
show(lambda: binascii.b2a_qp(b"x", foo=1))
print(quopri.encodestring(b"quopri \xff=\n"), quopri.decodestring(b"quopri =FF=3D\n"))
import email.quoprimime
print(email.quoprimime.body_encode("caf\xe9 " * 20))

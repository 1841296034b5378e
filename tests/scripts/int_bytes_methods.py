# int.to_bytes/from_bytes in both byte orders, signed and unsigned, at the
# edges of each length; bit_count, as_integer_ratio, and the rounding
# dunders that round() and math reach.

for n in [0, 1, 127, 128, 255, 256, 65535, -1, -128, -129, 2**63, -2**63, 2**64 - 1, 10**30]:
    length = max(1, (n.bit_length() + 8) // 8)
    be = n.to_bytes(length, "big", signed=True)
    le = n.to_bytes(length, "little", signed=True)
    back = int.from_bytes(be, "big", signed=True), int.from_bytes(le, byteorder="little", signed=True)
    print(n, be.hex(), le.hex(), back, int.from_bytes(be, "big"))

print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (0).to_bytes(0, "big"), (5).to_bytes(), (255).to_bytes(1))
print(int.from_bytes(b""), int.from_bytes(b"\xff\xff", "little", signed=True), int.from_bytes([1, 2, 3], "big"))
print(int.from_bytes(bytearray(b"\x00\x10"), "big"), int.from_bytes(memoryview(b"\x01\x00"), "little"), int.from_bytes((x for x in [7])))
print((2**100).to_bytes(13, "big").hex(), int.from_bytes(b"\x80" + b"\x00" * 15, "big", signed=True) == -2**127)


class Small(int):
    pass


s = Small.from_bytes(b"\x00\x2a", "big")
print(s, type(s).__name__, Small(7).to_bytes(2, "big"), True.to_bytes(1, "big"), bool.from_bytes(b"\x01", "big"))

for n in [0, 1, 7, -7, 255, 2**64 - 1, -(2**100)]:
    print(n, n.bit_count(), n.bit_length(), n.as_integer_ratio(), n.conjugate(), n.numerator, n.denominator)

print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(5, 3), round(15, -1), round(25, -1))
print((1234).__round__(-2), (7).__trunc__(), (7).__floor__(), (7).__ceil__(), (7).__round__(), type(True.__round__()).__name__)
print((2.5).__round__(), (3.5).__round__(), (2.675).__round__(2), (-2.5).__trunc__(), (-2.5).__floor__(), (-2.5).__ceil__())
print(round(2.5), round(-0.5), round(1.25, 1), type(round(2.5)).__name__, type(round(2.5, 0)).__name__, (1.5).conjugate())


class Money:
    def __init__(self, cents):
        self.cents = cents
    def __round__(self, ndigits=None):
        return "rounded(%s, %r)" % (self.cents, ndigits)


print(round(Money(150)), round(Money(150), 1), round(Money(1), ndigits=None))


class Rounded(float):
    def __round__(self, ndigits=None):
        return "custom"


print(round(Rounded(2.5)), round(Small(1234), -2), type(round(Small(5))).__name__)

# complex: literals, repr (signed zeros, inf, nan), arithmetic (Smith division,
# exact small integer powers), mixed int/float operands, hash consistency,
# the constructor from strings and numbers, and CPython's error messages.
z = 3 + 4j
print(z, 1j, -1j, 0j, -0j, 2.5j, 1e300j, complex(1, -0.0), complex(-0.0, 1), complex(0.0, -0.0))
print(abs(z), z.real, z.imag, z.conjugate(), -z, +z, z * z, z / 2, z / (1 + 1j), z ** 2, z ** 0.5, z ** -1, 2 ** z)
print(z == 3 + 4j, z != z, complex(2, 0) == 2, complex(2, 0) == 2.0, complex(2, 1) == 2, 1 + 0j == True)
print(hash(complex(2, 0)) == hash(2), hash(complex(1.5, 0)) == hash(1.5), hash(1j), hash(2 - 3j))
print(complex(), complex(2), complex(2.5, 1), complex("1+2j"), complex(" (3-4J) "), complex("j"), complex("-j"), complex("1e3"), complex("inf+nanj"), complex("1_000j"))
print(complex(1j, 1j), complex(1 + 2j, 3), complex(True), (-8) ** (1 / 3), (-1) ** 0.5, 1j ** 2, 0j ** 0)
print([1j * 1j], {1j: "x"}[1j], sum([1j, 2, 3.5]), bool(0j), bool(1e-300j), repr(complex("nan")), complex(float("inf"), 1))
class Num:
    def __complex__(self):
        return 5 + 6j
print(complex(Num()), type(z).__name__, isinstance(z, complex))
for bad in [lambda: complex("1+"), lambda: complex("1 + 2j"), lambda: complex("x"), lambda: complex("1", 2), lambda: complex(1, "2"),
            lambda: complex([]), lambda: 1j / 0, lambda: 0j ** -1, lambda: 1j < 2j, lambda: int(1j), lambda: float(2j), lambda: 1j % 2,
            lambda: 1j // 2, lambda: (1e200 + 1e200j) ** 5, lambda: abs(complex(1e308, 1e308))]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__ + ":", e)

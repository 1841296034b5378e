# The errors of int.to_bytes, int.from_bytes and round(), as CPython words them.

def attempt(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", r)


attempt("(256).to_bytes(1, 'big')", lambda: (256).to_bytes(1, "big"))
attempt("(-1).to_bytes(1, 'big')", lambda: (-1).to_bytes(1, "big"))
attempt("(128).to_bytes(1, signed)", lambda: (128).to_bytes(1, "big", signed=True))
attempt("(-129).to_bytes(1, signed)", lambda: (-129).to_bytes(1, "big", signed=True))
attempt("(-128).to_bytes(1, signed)", lambda: (-128).to_bytes(1, "big", signed=True))
attempt("(1).to_bytes(0, 'big')", lambda: (1).to_bytes(0, "big"))
attempt("(0).to_bytes(0, signed)", lambda: (0).to_bytes(0, "big", signed=True))
attempt("(1).to_bytes(-1, 'big')", lambda: (1).to_bytes(-1, "big"))
attempt("(1).to_bytes(1, 'middle')", lambda: (1).to_bytes(1, "middle"))
attempt("(1).to_bytes(1, 5)", lambda: (1).to_bytes(1, 5))
attempt("(1).to_bytes('x')", lambda: (1).to_bytes("x"))
attempt("(1).to_bytes(1, 'big', True)", lambda: (1).to_bytes(1, "big", True))
attempt("int.from_bytes('ab', 'big')", lambda: int.from_bytes("ab", "big"))
attempt("int.from_bytes(5, 'big')", lambda: int.from_bytes(5, "big"))
attempt("int.from_bytes([256], 'big')", lambda: int.from_bytes([256], "big"))
attempt("int.from_bytes(b'', 'sideways')", lambda: int.from_bytes(b"", "sideways"))
attempt("int.from_bytes()", lambda: int.from_bytes())
attempt("round(object())", lambda: round(object()))
attempt("round('x')", lambda: round("x"))
attempt("round(1.5, 'x')", lambda: round(1.5, "x"))
attempt("round(float('nan'))", lambda: round(float("nan")))
attempt("round(float('inf'))", lambda: round(float("inf")))
attempt("(5).__round__(1, 2)", lambda: (5).__round__(1, 2))

# Integer overflow in sizes: repeat counts, indexes, slices, ranges and
# conversions whose sizes do not fit a machine word must raise a Python error
# (OverflowError, MemoryError, IndexError), never wrap around or crash.
import sys


def attempt(label, fn):
    try:
        r = fn()
    except (OverflowError, MemoryError, IndexError, ValueError, TypeError) as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "ok", r if not hasattr(r, "__len__") or len(r) < 20 else len(r))


big = 2 ** 63
huge = 2 ** 64 + 5
attempt("list * 2**63", lambda: [0] * big)
attempt("list * 2**62", lambda: [0, 1] * 2 ** 62)
attempt("list * 2**64+5", lambda: [1] * huge)
attempt("str * 2**63", lambda: "ab" * big)
attempt("str * 2**62", lambda: "abcd" * 2 ** 62)
attempt("tuple * 2**62", lambda: (1, 2) * 2 ** 62)
attempt("list * -2**63", lambda: [1] * -big)
attempt("list * -huge", lambda: [1] * -huge)
attempt("index 2**63", lambda: [1, 2, 3][big])
attempt("index -2**63", lambda: [1, 2, 3][-big])
attempt("str index huge", lambda: "abc"[huge])
attempt("slice huge", lambda: [1, 2, 3][-huge:huge])
attempt("slice step huge", lambda: [1, 2, 3][::huge])
attempt("slice step -huge", lambda: [1, 2, 3][::-huge])
attempt("str slice huge", lambda: "hello"[huge:-huge:-1])
attempt("range len huge", lambda: len(range(huge)))
attempt("range len ok", lambda: len(range(0, 2 ** 62, 2 ** 60)))
attempt("list(range(2**62))", lambda: list(range(2 ** 62)))


def imul():
    x = [None]
    x *= 2 ** 62
    return x


attempt("x *= 2**62", imul)
attempt("chr huge", lambda: chr(huge))
attempt("insert huge", lambda: [1, 2].insert(huge, 3))
attempt("pop huge", lambda: [1, 2].pop(huge))
attempt("round ndigits huge", lambda: round(1.5, huge))
attempt("int to float", lambda: float(2 ** 2000))
attempt("float ** overflow", lambda: 10.0 ** 400)
attempt("shift huge", lambda: 1 << huge)
attempt("str.zfill huge", lambda: "1".zfill(2 ** 62))
attempt("str.center huge", lambda: "1".center(big))


def del_slice():
    x = [1, 2, 3]
    del x[huge:]
    del x[:-huge]
    return x


attempt("del slice huge", del_slice)
l = [1, 2, 3]
l[huge:] = [4]
print("assign past end", l)

attempt("format width", lambda: "{:99999999999}".format(1))
attempt("format width digits", lambda: "{:99999999999999999999}".format(1))
attempt("format precision d_gits", lambda: format(1.5, ".99999999999999999999f"))
attempt("percent width *", lambda: "%*d" % (99999999999, 1))
attempt("percent width digits", lambda: "%00000000001823820268d" % 1)
attempt("percent precision digits", lambda: "%.99999999999999999999d" % 1)
attempt("f-string width", lambda: f"{1:>{2 ** 62}}")
attempt("rjust", lambda: "x".rjust(2 ** 62))
attempt("join * 2**61", lambda: " ".join(["a"] * 3) * 2 ** 61)
print("sizes done", sys.maxsize == 2 ** 63 - 1)
attempt("rshift huge", lambda: (1 >> huge, -1 >> huge, 0 << huge, (2 ** 100) >> huge, -(2 ** 100) >> huge))
attempt("round huge", lambda: (round(1.5, -huge), round(15, huge), round(-2.5, huge)))

# __index__, __int__ and __float__ must return an int or a float: the result
# is checked wherever the slot is used (a str once read as an int: struct
# crashed, hex() printed an address). Sequences take __index__ objects as
# indexes and repeat counts.
import operator
class I:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
    def __int__(self): return self.v
    def __float__(self): return self.v
for f in (int, float, operator.index, range, lambda x: [1,2][x], lambda x: "ab"[x], lambda x: (1).to_bytes(x, "big"), hex, bin, lambda x: [0]*x, lambda x: x.__index__() if False else 1 << x):
    for v in ("a", 1.5, None):
        try:
            print(f(I(v)))
        except Exception as e:
            print(type(e).__name__, e)
print("ab"[I(1)], [1,2]*I(2), (1,)*I(3), "x"*I(3), I(2)*"y", I(2)*[0], b"a"*I(2))
for e in ("'ab'[2**70]", "'ab'*2**70", "[1]*2**70", "(1,)*2**70", "'ab'[I(2**70)]", "'a'*1.5", "1.5*'a'", "[1]*1.5", "(1,)*None", "None*(1,)", "'ab'*I(2**70)"):
    try: print(eval(e))
    except Exception as x: print(e, type(x).__name__, x)

# bytes, bytearray, array, re groups and range share the same __index__ path.
import array, re
for e in ("b'a'*2**70", "bytearray(b'a')*2**70", "array.array('b',[1])*2**70", "b'a'*I(2)", "array.array('b',[1])*I(2)", "re.match('(a)','a').group(I(1))", "range(I(3))", "range(I('x'))", "array.array('i',[I(5)])", "array.array('i',[I(None)])"):
    try: print(e, eval(e))
    except Exception as x: print(e, type(x).__name__, x)

import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = auto()
print(Color.RED, repr(Color.GREEN), Color(3), Color['RED'], list(Color), len(Color))
print(Color.RED.name, Color.RED.value, Color.RED is Color(1), Color.RED in Color)
print({c: c.value for c in Color})
class N(IntEnum):
    A = 1
    B = 2
print(N.A + 1, N.B == 2, sorted([N.B, N.A]), int(N.B), repr(N.A), str(N.A), format(N.A))
class P(Flag):
    R = auto(); W = auto(); X = auto()
print(P.R | P.W, repr(P.R | P.X), P.R in (P.R | P.W), ~P.R, list(P.R | P.W))
class Perm(IntFlag):
    R = 4; W = 2; X = 1
print(Perm.R | Perm.W, int(Perm.R | 1), repr(Perm(7)))
try: Color(9)
except ValueError as e: print(e)
try:
    @unique
    class U(Enum):
        A = 1; B = 1
except ValueError as e: print(e)
class WithM(Enum):
    X = 'x'
    def describe(self): return f"{self.name}={self.value}"
    @classmethod
    def first(cls): return next(iter(cls))
print(WithM.X.describe(), WithM.first())
import copy
print(copy.copy(Color.RED) is Color.RED, copy.deepcopy(N.A) is N.A)
print(Color.__members__.keys())
S = Enum('S', 'a b c')
print(list(S), S.b.value)
class St(str, Enum):
    A = 'a'
print(St.A == 'a', St.A.upper(), f"{St.A}")

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return f"Money({self.cents})"
    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"
    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented
    __radd__ = __add__
    def __sub__(self, other):
        return Money(self.cents - other.cents)
    def __mul__(self, k):
        return Money(self.cents * k)
    def __truediv__(self, k):
        return Money(self.cents // k)
    def __neg__(self):
        return Money(-self.cents)
    def __abs__(self):
        return Money(abs(self.cents))
    def __eq__(self, o):
        return isinstance(o, Money) and self.cents == o.cents
    def __lt__(self, o):
        return self.cents < o.cents
    def __le__(self, o):
        return self.cents <= o.cents
    def __hash__(self):
        return hash(self.cents)
    def __bool__(self):
        return self.cents != 0
a, b = Money(250), Money(199)
print(a + b, a - b, a * 3, a / 2, -a, abs(-a), repr(a + 5), 5 + a)
print(a == Money(250), a != b, a < b, a <= a, a > b, a >= b, sorted([a, b, Money(1)]))
print(sum([a, b], Money(0)), bool(Money(0)), bool(a), len({a, Money(250), b}))
try:
    a + "x"
except TypeError as e:
    print(e)
print(max([a, b]), min(a, b), str(a), f"{a}", "%s" % a)

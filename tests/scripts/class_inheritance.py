class Shape:
    sides = 0
    def __init__(self, name):
        self.name = name
    def area(self):
        raise NotImplementedError("subclass must implement area")
    def describe(self):
        return f"{self.name} with {self.sides} sides and area {self.area():.2f}"
class Rect(Shape):
    sides = 4
    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"
class Tri(Shape):
    sides = 3
    def __init__(self, b, h):
        Shape.__init__(self, "tri")
        self.b, self.h = b, h
    def area(self):
        return 0.5 * self.b * self.h
for s in [Rect(2, 3), Square(4), Tri(3, 5)]:
    print(s.describe(), isinstance(s, Rect), type(s).__name__)
try:
    Shape("blob").describe()
except NotImplementedError as e:
    print("error:", e)
print(issubclass(Square, Shape), issubclass(Tri, Rect), Square.__base__.__name__, Square.sides)
print([c.__name__ for c in Square.__mro__])

print("loading mod_shapes as", __name__)
PI = 3.14159
calls = 0
class Circle:
    def __init__(self, r):
        self.r = r
    def area(self):
        return PI * self.r * self.r
class Square:
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
    def __repr__(self):
        return f"Square({self.s})"
def area_total(shapes):
    return round(sum(s.area() for s in shapes), 3)
def counter():
    global calls
    calls += 1
    return calls
if __name__ == "__main__":
    print("mod_shapes run directly")

class Temperature:
    def __init__(self, celsius):
        self._c = celsius
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9
t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.fahrenheit = 212
print(t.celsius, round(t.fahrenheit, 1))
try:
    t.celsius = -300
except ValueError as e:
    print("error:", e)
class ReadOnly:
    @property
    def value(self):
        return 42
r = ReadOnly()
print(r.value)
try:
    r.value = 1
except AttributeError as e:
    print("AttributeError")
class Lazy:
    def __init__(self):
        self.computed = 0
    @property
    def expensive(self):
        self.computed += 1
        return self.computed * 10
l = Lazy()
print(l.expensive, l.expensive, l.computed)
print(type(Temperature.celsius).__name__)

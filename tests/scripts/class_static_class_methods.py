class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def from_string(cls, s):
        y, m, d = map(int, s.split("-"))
        return cls(y, m, d)
    @staticmethod
    def is_leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    def __repr__(self):
        return f"{type(self).__name__}({self.y}, {self.m}, {self.d})"
class EuroDate(Date):
    def __repr__(self):
        return f"{self.d:02d}.{self.m:02d}.{self.y}"
print(Date.from_string("2024-02-29"), EuroDate.from_string("2023-12-01"))
print(Date.is_leap(2000), Date.is_leap(1900), Date(1, 1, 1).is_leap(2024))
class Registry:
    _registry = []
    @classmethod
    def register(cls, item):
        cls._registry.append(item)
        return len(cls._registry)
    @classmethod
    def count(cls):
        return len(cls._registry)
print(Registry.register("a"), Registry.register("b"), Registry.count())

class Config:
    debug = False
    items = []
    def enable(self):
        self.debug = True
a, b = Config(), Config()
a.enable()
print(a.debug, b.debug, Config.debug)
a.items.append(1)
print(b.items, Config.items is a.items)
Config.debug = "changed"
print(b.debug, a.debug)
del a.debug
print(a.debug)
print(hasattr(a, "enable"), hasattr(a, "nothing"), getattr(a, "missing", 42))
setattr(b, "dynamic", 7)
print(b.dynamic, b.__dict__, sorted(a.__dict__))
class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
        self.id = Counter.instances
cs = [Counter() for _ in range(3)]
print([c.id for c in cs], Counter.instances)
print(type(Config.enable).__name__, type(a.enable).__name__, a.enable.__self__ is a)

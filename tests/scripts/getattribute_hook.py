# __getattribute__ runs for every attribute access, inherited too; __getattr__
# is the fallback after an AttributeError; object.__getattribute__ is the
# generic lookup.
class Logged:
    def __init__(self): self.a = 1
    def __getattribute__(self, name):
        log.append(name)
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "fallback:" + name
    def meth(self): return self.a + 1
log = []
o = Logged()
print(o.a, o.meth(), o.zzz, log)
class Sub(Logged): pass
s = Sub(); log.clear()
print(s.a, s.meth(), log)
class Raiser:
    def __getattribute__(self, name):
        raise KeyError(name)
try:
    Raiser().x
except KeyError as e:
    print("KeyError", e)
class Proxy:
    def __init__(self, target): object.__setattr__(self, "_t", target)
    def __getattribute__(self, name):
        return getattr(object.__getattribute__(self, "_t"), name)
p = Proxy([3, 1, 2])
p.sort(); print(object.__getattribute__(p, "_t"), p.__class__)
print(type(p).__name__, getattr(p, "count")(1))
try:
    object.__getattribute__(p, "nope")
except AttributeError as e:
    print("AttributeError", e)

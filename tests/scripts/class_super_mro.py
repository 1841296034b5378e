class Base:
    def __init__(self):
        self.log = ["Base"]
    def hello(self):
        return "Base.hello"
class Left(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Left")
    def hello(self):
        return "Left>" + super().hello()
class Right(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Right")
    def hello(self):
        return "Right>" + super().hello()
class Child(Left, Right):
    def __init__(self):
        super().__init__()
        self.log.append("Child")
    def hello(self):
        return "Child>" + super().hello()
c = Child()
print(c.log, c.hello())
print([k.__name__ for k in Child.__mro__])
class X: pass
class Y: pass
class A(X, Y): pass
class B(Y, X): pass
try:
    class Bad(A, B): pass
except TypeError as e:
    print("TypeError:", e)
class Explicit(Left):
    def hello(self):
        return super(Left, self).hello()
print(Explicit().hello())

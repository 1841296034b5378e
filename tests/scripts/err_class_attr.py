class Shape:
    def __init__(self, name):
        self.name = name
s = Shape("sq")
try:
    s.area()
except AttributeError as e:
    print(e)
try:
    Shape.missing
except AttributeError as e:
    print(e)
try:
    Shape()
except TypeError as e:
    print(e)
class Base:
    def run(self):
        return self.step()
Base().run()

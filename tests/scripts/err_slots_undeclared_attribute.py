# Storing an attribute that __slots__ does not declare is an AttributeError.
class Pair:
    __slots__ = ("left", "right")


p = Pair()
p.left = 1
p.middle = 2

class Plain:
    pass
p = Plain()
print(str(p).startswith("<__main__.Plain object at"), repr(Plain).startswith("<class '__main__.Plain'>"))
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"
class OnlyStr:
    def __str__(self):
        return "only str"
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()], f"{OnlyRepr()!r}")
print(OnlyStr(), [OnlyStr()][0].__str__(), "%s" % OnlyStr(), "{}".format(OnlyStr()))
print(repr(OnlyStr()).startswith("<__main__.OnlyStr"))
class Nested:
    class Inner:
        def __repr__(self):
            return type(self).__qualname__
print(Nested.Inner(), Nested.Inner.__name__, Nested.Inner.__qualname__, Nested.__module__)
class Node:
    def __init__(self, val, children=()):
        self.val, self.children = val, list(children)
    def __repr__(self):
        if not self.children:
            return f"Node({self.val})"
        return f"Node({self.val}, {self.children})"
print(Node(1, [Node(2), Node(3, [Node(4)])]))

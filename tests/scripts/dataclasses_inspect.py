# CPython's dataclasses, inspect and pprint on ftpy (they need _ast, _imp,
# _warnings and special methods stored on a class after it is made).
from dataclasses import dataclass, field, asdict, replace
from typing import List
import pprint, inspect
@dataclass(order=True, frozen=True)
class P:
    x: int
    y: int = 0
    tags: List[str] = field(default_factory=list, compare=False)
p = P(1, 2, ['a'])
print(p, p < P(2), asdict(p), replace(p, y=5), hash(p) == hash(P(1, 2)))
try: p.x = 3
except Exception as e: print(type(e).__name__, e)
pprint.pprint({'a': list(range(30)), 'b': p})
print(inspect.signature(P), inspect.isclass(P), inspect.getmembers(p)[:2])
def f(a, b=2, *c, d, **e): pass
print(inspect.signature(f))


@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)

    def total(self):
        return self.value + sum(c.total() for c in self.children)


tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(tree.total(), tree == Node(1, [Node(2), Node(3, [Node(4)])]), dataclasses_fields := [f.name for f in __import__("dataclasses").fields(Node)])
try:
    P()
except TypeError as e:
    print("TypeError", e)


@dataclass(slots=True)
class S:
    a: int
    b: str = "x"


s = S(1)
print(s, S.__slots__, hasattr(s, "__dict__"))

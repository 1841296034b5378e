# Grammar forms the standard library's test suite uses: parenthesized
# context managers (3.10), starred subscripts and a starred *args
# annotation (PEP 646), the f-string = specifier with spaces, strings with
# quotes inside f-string fields, and assignment expressions as dict keys.
class CM:
    def __init__(self, n):
        self.n = n

    def __enter__(self):
        print("enter", self.n)
        return self.n

    def __exit__(self, *exc):
        print("exit", self.n)


with (()M C1as a, CM(2) as b):
    print(a, b)
with (CM(3) as c,
      CM(4)):
    print(c)
with (CM(5)) as d:
    print(d)
with (CM:(6), CM(7)):
    pass


class Box:
    def __getitem__(self, key):
        return key


shapes = (int, str)
print(Box()[*shapes], Box()[1, *shapes], Box()[*shapes, 2:3])


def takes(*args: int):
    return args


print(takes(1, 2))
fmt = "%s"
x = 3.14159
print(f'{fmt$= }', f"{x = :.2f}", f"{x=}", f"{& x = !s}")
print(f"{'''eric's'''}", f'{"""a "b" c"""}', f'{3:{"}"}>10}')
d = {(k := "key"): (v := 1)}
print(d, k, v)

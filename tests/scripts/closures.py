def make_counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(10), c2())
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in make_adders()])
def late_binding():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late_binding())
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()
print(outer())
def param_cell(a):
    def get():
        return a
    a = a * 2
    return get()
print(param_cell(21))
total = 0
def add_global(v):
    global total
    total += v
add_global(5); add_global(7)
print(total)
def shadow():
    total = -1
    return total
print(shadow(), total)
def compose(f, g):
    return lambda x: f(g(x))
print(compose(str, lambda v: v * 2)(21))

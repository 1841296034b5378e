# PEP 572 assignment expressions in every position the grammar allows, with
# comprehension targets binding in the enclosing function, module or global.
data = [1, 2, 3, 4]
if (n := len(data)) > 3:
    print("long", n)
while (x := data.pop()) > 2:
    print("pop", x)
print(x, data)
print([y := v * 2 for v in range(3)], y)
def f(xs):
    total = 0
    r = [total := total + v for v in xs]
    return r, total
print(f([1, 2, 3]))
def g():
    out = [[(z := i + j) for j in range(2)] for i in range(2)]
    return out, z
print(g())
print(print(k := 5) or k)
print({(s := 3), s + 1})
print(data[(i := 0)], i)
def h():
    if any((hit := w) > 2 for w in [1, 5, 2]):
        return hit
print(h())
class C:
    v = (q := 10)
print(C.v, C.q)
print((lambda: (t := 7) + t)())
def gl():
    global G
    [G := 9 for _ in range(1)]
gl(); print(G)
def deco(f): return f
@(d := deco)
def dd(): pass
print(d is deco)

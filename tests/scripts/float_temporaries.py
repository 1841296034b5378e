# BINARY_OP writes a float result into a float temporary that only the
# stack holds (eval_fast_paths.h, float_binary_reusing). Variables, list
# items, constants and shared values must never change; every result must
# match CPython's.
x = 1.5
y = x * 2.0 + 1.0
print(x, y)

a = [0.5, 0.25]
b = a[0] * 2 + a[1]
print(a, b)


def f(p, q):
    t = p * q
    return t, t + 1.0, p - q * 2.0, (p + q) / 0.5, 2.0 - (p + q)


print(f(3.0, 4.0))
print(f(3.0, 4.0))  # the constants 2.0, 1.0 and 0.5 are unchanged

u = 2.0
v = u + 0.0
w = (u * 1.0) + (v * 1.0)
print(u, v, w, u is v)

try:
    (x * 1.0) / (x - x)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(x)

print((x * 2) + 3, 3 - (x * 2), (x * 2) * 4, 7 / (x * 2), (x * 2) // 1, (x * 2) ** 2)

s = 0.0
for i in range(1000):
    s = s + (i * 0.5) * (i * 0.25)
print(s)

vals = [1.0, 2.0, 3.0]
total = (vals[0] + vals[1]) + vals[2]
print(vals, total)

pair = ((x + 1.0), (x + 1.0))
print(pair, pair[0] is pair[1])

# A temporary that is also stored elsewhere is not unique: both stay intact.
keep = []
z = (keep.append(x * 3.0) or keep[0]) + 1.0
print(keep, z)

# Augmented assignment to a list item: the item is shared by the list.
v1 = [1.0, 2.0]
v1[0] -= 0.25 * 2.0
v1[1] += v1[0] * 2.0
print(v1)


# `local op= value` writes into a float only the local holds (INPLACE_FAST),
# with the same arithmetic, true division included; division by zero still
# raises and leaves the local as it was.
def inplace(p):
    t = p * 1.0
    t /= 4
    t += 2
    t *= 1.5
    t -= p
    try:
        t /= 0.0
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    return t, p


print(inplace(3.0))

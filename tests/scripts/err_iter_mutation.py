items = {"a": 1, "b": 2}
try:
    for k in items:
        items[k + k] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
s = {1, 2, 3}
try:
    for v in s:
        s.add(v * 10)
except RuntimeError as e:
    print("RuntimeError:", e)
xs = [1, 2, 3]
for x in xs:
    if x < 3:
        xs.append(x + 10)
print(xs)
d = {i: i for i in range(5)}
for k in list(d):
    if k % 2:
        del d[k]
print(d)

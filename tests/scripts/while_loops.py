n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)
a, b = 0, 1
fibs = []
while len(fibs) < 15:
    fibs.append(a)
    a, b = b, a + b
print(fibs)
i = 0
while i < 100:
    i += 7
    if i % 5 == 0:
        continue
    if i > 60:
        break
print(i)
def digits(v):
    out = []
    while v:
        v, r = divmod(v, 10)
        out.append(r)
    return out[::-1] or [0]
print(digits(90210), digits(0), digits(2 ** 70))

for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print(i, end=" ")
else:
    print("no break")
print()
for i in range(3):
    pass
else:
    print("loop finished", i)
n = 0
while n < 5:
    n += 1
    if n == 10:
        break
else:
    print("while else", n)
while True:
    n -= 1
    if n < 2:
        break
print(n)
x = 15
if x < 10:
    print("small")
elif x < 20:
    print("medium")
else:
    print("large")
print("yes" if x > 10 else "no", [i for i in range(20) if i % 7 == 0])
for a in range(3):
    for b in range(3):
        if b == 2:
            break
        if a == b:
            continue
        print(a, b)

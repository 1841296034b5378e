for i in []:
    print("never")
else:
    print("empty for runs else")
i = 0
while i < 3:
    i += 1
    if i == 10:
        break
else:
    print("while else after", i)
for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
    finally:
        print("finally", i)
else:
    print("not printed")
def nested_loops():
    for a in range(3):
        for b in range(3):
            if a * b == 2:
                return a, b
    return None
print(nested_loops())
result = []
for x in range(3):
    for y in range(3):
        if y > x:
            break
        result.append((x, y))
    else:
        result.append("inner done")
print(result)
n = 0
while True:
    n += 1
    try:
        if n % 2:
            continue
        if n > 6:
            break
    finally:
        pass
print(n)
def gen_with_finally():
    for i in range(3):
        try:
            yield i
        finally:
            print("gen finally", i)
print([v for v in gen_with_finally()])
print(1 if 0 else 2 if 0 else 3, [("even" if v % 2 == 0 else "odd") for v in range(4)])

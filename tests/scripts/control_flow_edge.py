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

# An if/elif chain whose every branch returns, with no else: the last
# condition's false jump lands past the last return, on the implicit
# `return None` (it used to land past the end of the code).
def chain(x, obj):
    if getattr(obj, "a", None) is not None:
        return "a"
    elif getattr(getattr(obj, "b", None), "c", None) is not None:
        return "b.c"
    elif x in {}:
        return "in"

print(chain(1, None), chain(1, type("A", (), {"a": 1})))

def chain_loop(n):
    while n:
        if n > 5:
            return "big"
        elif n < 0:
            return "negative"
        n -= 1

print(chain_loop(3), chain_loop(7), chain_loop(-1))
print(list(map(lambda v: (lambda: None)() if v else v, [0, 1])))

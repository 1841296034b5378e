def make_account(balance):
    history = []
    def deposit(x):
        nonlocal balance
        balance += x
        history.append(("+", x))
        return balance
    def withdraw(x):
        nonlocal balance
        if x > balance:
            raise ValueError("insufficient")
        balance -= x
        history.append(("-", x))
        return balance
    def report():
        return balance, list(history)
    return deposit, withdraw, report
dep, wd, rep = make_account(100)
dep(50); wd(30)
try:
    wd(500)
except ValueError as e:
    print("error", e)
print(rep())
def make_fibs():
    a, b = 0, 1
    def nxt():
        nonlocal a, b
        a, b = b, a + b
        return a
    return nxt
f = make_fibs()
print([f() for _ in range(10)])
def outer():
    x = 1
    def mid():
        nonlocal x
        x += 10
        def inner():
            nonlocal x
            x *= 2
            return x
        return inner()
    return mid(), x
print(outer())
adders = {}
for n in range(3):
    def add(v, n=n):
        return v + n
    adders[n] = add
print({k: fn(100) for k, fn in adders.items()})

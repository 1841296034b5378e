def f():
    try:
        raise ValueError("first")
    finally:
        print("finally runs")
try:
    f()
except ValueError as e:
    print("caught", e)
def g():
    try:
        return 1
    finally:
        raise KeyError("from finally")
g()

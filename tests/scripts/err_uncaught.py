def level3(x):
    return x / 0
def level2(x):
    return level3(x) + 1
def level1():
    print("before")
    return level2(5)
level1()
print("never printed")

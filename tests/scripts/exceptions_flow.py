def f():
    try:
        return "try"
    finally:
        print("cleanup in f")
print(f())
def g():
    try:
        raise ValueError("inner")
    except ValueError:
        return "handled"
    finally:
        print("g finally")
print(g())
def h():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("fin", i)
    return i
print(h())
def override():
    try:
        return 1
    finally:
        return 2
print(override())
def nested():
    try:
        try:
            raise KeyError("a")
        except KeyError:
            print("caught inner")
            raise IndexError("b")
    except IndexError as e:
        print("caught outer", repr(e), repr(e.__context__))
nested()
def reraise():
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            print("logging")
            raise
    except ZeroDivisionError as e:
        print("re-raised:", e)
reraise()
try:
    try:
        raise ValueError("original")
    except ValueError as e:
        raise TypeError("converted") from e
except TypeError as e:
    print(e, "caused by", repr(e.__cause__), e.__suppress_context__)
try:
    raise ValueError("a") from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__)
e = "still here"
try:
    raise Exception("x")
except Exception as e:
    pass
try:
    print(e)
except NameError as err:
    print("e was deleted:", err)
count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise ValueError
        break
    except ValueError:
        continue
print("count", count)

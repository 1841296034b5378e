def risky(n):
    if n == 0:
        raise ValueError("zero!")
    if n == 1:
        raise KeyError("k")
    if n == 2:
        return [][1]
    return n
for n in range(4):
    try:
        print("result", risky(n))
    except ValueError as e:
        print("ValueError:", e, e.args)
    except (KeyError, IndexError) as e:
        print(type(e).__name__, repr(e), str(e))
    else:
        print("no exception")
    finally:
        print("finally", n)
try:
    int("abc")
except Exception as e:
    print(type(e).__name__, e)
try:
    {}["missing"]
except LookupError as e:
    print("lookup", e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    None.attr
except AttributeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    raise RuntimeError
except RuntimeError as e:
    print(repr(e), e.args)
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, Exception), ValueError("x", 2).args)

# float.__getformat__ (test.support reads it at import), with CPython's
# errors.
print(float.__getformat__("double"), float.__getformat__("float"))
for arg in ["x", 5, "Double"]:
    try:
        float.__getformat__(arg)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    float.__getformat__()
except TypeError as e:
    print("TypeError", e)

assert 1 + 1 == 2, "math works"
try:
    assert False, "caught message"
except AssertionError as e:
    print("caught", e)
x = 3
assert x > 5, f"x too small: {x}"

def takes_two(a, b):
    return a + b
for call in [lambda: takes_two(1), lambda: takes_two(1, 2, 3), lambda: takes_two(1, c=2), lambda: takes_two(1, a=1)]:
    try:
        call()
    except TypeError as e:
        print(e)
try:
    len(5)
except TypeError as e:
    print(e)
try:
    five = 5
    five()
except TypeError as e:
    print(e)
try:
    [1, 2] < "a"
except TypeError as e:
    print(e)
try:
    {[]: 1}
except TypeError as e:
    print(e)
try:
    -"x"
except TypeError as e:
    print(e)
takes_two("x", None)

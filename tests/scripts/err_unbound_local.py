counter = 0
def bump():
    counter += 1
try:
    bump()
except UnboundLocalError as e:
    print(e)
def use_before():
    print(value)
    value = 1
use_before()

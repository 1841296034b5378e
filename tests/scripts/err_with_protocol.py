try:
    with 42:
        pass
except TypeError as e:
    print(e)
with "text" as t:
    print(t)

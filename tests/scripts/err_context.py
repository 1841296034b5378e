try:
    {}["key"]
except KeyError:
    print("handling")
    [].pop()

data = [1, 2, 3]
d = {"a": 1}
for thunk in [lambda: data[5], lambda: d["b"], lambda: "abc"[10], lambda: (1,)[2], lambda: data.index(9), lambda: [].pop()]:
    try:
        thunk()
    except (IndexError, KeyError, ValueError) as e:
        print(type(e).__name__, e)
d[[1]]

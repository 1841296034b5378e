def traffic_light():
    while True:
        for state, duration in (("green", 3), ("yellow", 1), ("red", 2)):
            for t in range(duration):
                yield state, t
light = traffic_light()
print([next(light) for _ in range(8)])
def tokenizer(text):
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            j = i
            while j < len(text) and text[j].isdigit():
                j += 1
            yield ("NUM", int(text[i:j]))
            i = j
        elif ch in "+-*/()":
            yield ("OP", ch)
            i += 1
        else:
            raise SyntaxError(f"bad char {ch!r}")
print(list(tokenizer("12 + 3*(45 - 6)")))
try:
    list(tokenizer("1 $ 2"))
except SyntaxError as e:
    print("error:", e)
def running_mean():
    total, count = 0.0, 0
    mean = None
    while True:
        x = yield mean
        total += x
        count += 1
        mean = total / count
rm = running_mean()
next(rm)
print([rm.send(v) for v in [10, 20, 30, 40]])

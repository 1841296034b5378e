counter = 0
items = []
def increment():
    global counter
    counter += 1
def append(v):
    items.append(v)
for i in range(5):
    increment()
    append(i * i)
print(counter, items)
def make_global():
    global created
    created = "made inside"
make_global()
print(created)
def reader():
    return counter * 2
print(reader())
x = "module"
def nested():
    x = "local"
    def inner():
        global x
        return x
    return inner()
print(nested())

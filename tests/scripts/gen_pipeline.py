def read_lines(text):
    for line in text.splitlines():
        yield line
def strip_comments(lines):
    for line in lines:
        code = line.split("#", 1)[0].rstrip()
        if code:
            yield code
def numbered(lines, start=1):
    n = start
    for line in lines:
        yield n, line
        n += 1
src = """x = 1  # set x
# only a comment
y = x + 2

print(y)  # output"""
for n, line in numbered(strip_comments(read_lines(src))):
    print(f"{n:02d}| {line}")
def take(n, it):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(list(take(5, (x * x for x in naturals() if x % 2))))
print(sum(x for x in range(100) if x % 7 == 0), list(take(3, "abcdef")))

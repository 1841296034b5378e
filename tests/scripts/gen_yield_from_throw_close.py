# throw() and close() on a generator suspended in `yield from` reach the
# generator it delegates to first (PEP 380): the inner one may catch the
# exception, yield, return a value to the outer one, or fail.
class Log:
    def __init__(self):
        self.lines = []

    def add(self, *parts):
        self.lines.append(" ".join(str(p) for p in parts))


log = Log()


def inner(name):
    try:
        yield name + "-1"
        yield name + "-2"
    except ValueError as e:
        log.add(name, "caught", e)
        yield name + "-after-catch"
        return name + "-returned"
    except KeyError as e:
        log.add(name, "returns on", repr(e))
        return "from-" + name
    finally:
        log.add(name, "finally")


def outer():
    try:
        r = yield from inner("in")
        log.add("outer got", r)
        yield "outer-next"
    except Exception as e:
        log.add("outer caught", type(e).__name__, e)
        yield "outer-handled"
    finally:
        log.add("outer finally")


# 1. The inner generator catches the exception and yields.
g = outer()
print(next(g))
print(g.throw(ValueError("x")))
print(next(g))  # the inner one returns; outer continues with its value
print(next(g, "exhausted"))
print(g.close())

# 2. The inner generator returns at once when thrown into: the outer one
# resumes after the `yield from` with the value.
g = outer()
next(g)
print(g.throw(KeyError("k")))
print(next(g, "exhausted"))

# 3. The inner generator does not handle it: it propagates to the outer one.
g = outer()
next(g)
print(g.throw(TypeError("t")))
print(next(g, "exhausted"))

# 4. close() closes the inner generator first, then the outer one.
g = outer()
next(g)
print(g.close())
print(next(g, "exhausted"))


# 5. Three levels deep, thrown at the outermost.
def level(n):
    if n == 0:
        try:
            yield "bottom"
        except RuntimeError as e:
            log.add("bottom caught", e)
            return "bottom-result"
    else:
        r = yield from level(n - 1)
        log.add("level", n, "got", r)
        return r + "+" + str(n)


def top():
    r = yield from level(3)
    yield r


g = top()
print(next(g))
print(g.throw(RuntimeError("deep")))


# 6. A delegate that is not a generator: its throw/close are used when it
# has them, and the exception is raised in the outer generator when not.
class WithThrow:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        return self.n

    def throw(self, *args):
        log.add("WithThrow.throw", args[0].__name__ if isinstance(args[0], type) else repr(args[0]))
        return "thrown-value"

    def close(self):
        log.add("WithThrow.close")


def over(it):
    try:
        yield from it
    except Exception as e:
        log.add("over caught", type(e).__name__)
        yield "over-handled"


g = over(WithThrow())
print(next(g))
print(g.throw(ValueError("v")))
print(g.close())

g = over(iter([1, 2, 3]))
print(next(g))
print(g.throw(ValueError("no throw method")))


# 7. The inner generator ignores GeneratorExit: RuntimeError from close().
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


def wraps():
    yield from stubborn()


g = wraps()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)

for line in log.lines:
    print(line)

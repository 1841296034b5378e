# Generator pipeline: numbers flow through a chain of generator functions
# (a source, a filter, a mapping stage, a sliding window, a grouper and a
# `yield from` delegation), with generator expressions and itertools on
# the side. Generator resume/suspend, small tuples, closures.
import itertools

from harness import main


def source(n):
    for i in range(n):
        yield (i * 7919) % 10007


def keep(predicate, items):
    for x in items:
        if predicate(x):
            yield x


def scale(factor, items):
    for x in items:
        yield x * factor + 1


def windows(items, size):
    window = []
    for x in items:
        window.append(x)
        if len(window) == size:
            yield tuple(window)
            del window[0]


def delegate(items):
    yield from items


def groups(items, size):
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def run(n):
    stage = keep(lambda x: x % 3 != 0, source(n))
    stage = scale(3, stage)
    stage = delegate(windows(stage, 4))
    total = 0
    count = 0
    for chunk in groups(stage, 16):
        total += sum(max(w) - min(w) for w in chunk)
        count += len(chunk)
    evens = sum(x for x in source(n // 2) if x % 2 == 0)
    pairs = sum(a * b % 97 for a, b in zip(source(n // 4), itertools.count(1)))
    return f"{total},{count},{evens},{pairs}"


if __name__ == "__main__":
    main(run, 600_000)

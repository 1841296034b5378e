# Dropping a chain of objects millions deep frees it without recursing once
# per link (CPython's trashcan), on a thread with its own smaller stack too.
import threading


class Node:
    def __init__(self, nxt):
        self.nxt = nxt


def instances(n):
    head = None
    for _ in range(n):
        head = Node(head)
    return head


def nested_lists(n):
    x = []
    for _ in range(n):
        x = [x]
    return x


def nested_tuples(n):
    x = ()
    for _ in range(n):
        x = (x,)
    return x


def nested_dicts(n):
    x = {}
    for _ in range(n):
        x = {"k": x}
    return x


def closures(n):
    def wrap(inner):
        def f():
            return inner
        return f
    x = None
    for _ in range(n):
        x = wrap(x)
    return x


results = []


def build_and_drop(make, n):
    chain = make(n)
    chain = None
    results.append(make.__name__)


for make in (instances, nested_lists, nested_tuples, nested_dicts, closures):
    t = threading.Thread(target=build_and_drop, args=(make, 1500000))
    t.start()
    t.join()
    build_and_drop(make, 1500000)  # and on the main thread
print(results)

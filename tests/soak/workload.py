# The soak workload (design/testing.md, "Soak test"): a mixed multi-threaded
# program run for a fixed number of rounds. It allocates and drops every
# kind of object ftpy has (dicts, lists, sets, tuples, instances, strings,
# big ints, floats, closures, generators, exceptions with tracebacks,
# short-lived threads), shares containers between threads, and keeps its
# live data bounded: a fixed-size ring of shared slots, overwritten every
# round. So memory must stop growing after warm-up. tests/soak/run_soak.py
# runs it and watches the process's resident set after each round's
# "round N" line.
#
#   workload.py ROUNDS [--leak] [--cycles]
#     --leak    keep 1 MB per round alive (the driver must report growth)
#     --cycles  also drop cyclic garbage (freed by the cycle collector, design/gc.md)
import sys
import threading

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 100
LEAK = "--leak" in sys.argv
CYCLES = "--cycles" in sys.argv
THREADS = 4
ITERATIONS = 1000
RING = 512
ring = [None] * RING          # shared: every thread overwrites slots
shared_dict = {}              # shared: bounded key space
ring_lock = threading.Lock()
kept = []                     # --leak: grows by design
totals = [0] * THREADS


class Node:
    def __init__(self, value, nxt=None):
        self.value = value
        self.next = nxt

    def total(self):
        n, s = self, 0
        while n is not None:
            s += n.value
            n = n.next
        return s


class Failure(Exception):
    pass


def numbers(n):
    try:
        for i in range(n):
            yield i * i
    finally:
        pass


def make_adder(k):
    def add(x):
        return x + k
    return add


def fail(depth):
    if depth == 0:
        raise Failure(f"depth {depth}")
    return fail(depth - 1)


def work(tid, round_no):
    acc = 0
    for i in range(ITERATIONS):
        key = f"k{tid}-{i % 97}"
        d = {"a": i, "b": [i, i + 1, str(i)], "c": (i, float(i) / 3)}
        d[key] = {x: x * 2 for x in range(i % 13)}
        acc += len(d) + len(d[key])
        head = None
        for j in range(i % 20):
            head = Node(j, head)
        if head is not None:
            acc += head.total()
        s = {i, i + 1, i % 7}
        s |= {i * 3}
        acc += len(s)
        big = (1 << (64 + i % 64)) * (i + 1)
        acc += big.bit_length()
        text = "-".join(str(x) for x in range(i % 30))
        acc += len(text.upper().split("-"))
        gen = numbers(50)
        acc += next(gen) + next(gen)  # dropped half-way: its finally runs
        acc += make_adder(i)(tid)
        try:
            fail(i % 15)
        except Failure as e:
            acc += len(str(e))
        slot = (tid * 131 + i * 7 + round_no) % RING
        ring[slot] = [tid, i, "x" * (i % 50)]
        shared_dict[f"s{(tid + i) % 200}"] = (round_no, Node(i))
        with ring_lock:
            item = ring[(slot + 1) % RING]
            if item is not None:
                acc += len(item)
        if CYCLES:
            a = Node(i)
            b = Node(i, a)
            a.next = b
    totals[tid] += acc


def short_thread(box):
    box.append([x * 2 for x in range(100)])


for round_no in range(ROUNDS):
    threads = [threading.Thread(target=work, args=(t, round_no)) for t in range(THREADS)]
    boxes = [[] for _ in range(8)]
    threads += [threading.Thread(target=short_thread, args=(box,)) for box in boxes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(len(box) == 1 and len(box[0]) == 100 for box in boxes)
    if LEAK:
        kept.append("y" * 1_000_000)
    print(f"round {round_no}", flush=True)

assert all(t > 0 for t in totals), totals
assert len(shared_dict) == 200, len(shared_dict)
print("done")

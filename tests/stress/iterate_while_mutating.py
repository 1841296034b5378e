# One thread iterates shared containers while others mutate them: racy
# answers are allowed, crashes and lost writes are not.
import threading

ROUNDS = 3
N = 20000

for round_ in range(ROUNDS):
    items = list(range(100))
    table = {i: i for i in range(100)}
    done = threading.Event()
    seen = {"list": 0, "dict": 0, "dict_errors": 0, "bad_items": 0}

    def reader():
        while not done.is_set():
            total = 0
            for v in items:
                total += 1
            seen["list"] += 1
            # Indexing reads lock-free while writers append and pop: every
            # item read must be one that was stored (never freed memory).
            for j in range(0, len(items), 7):
                try:
                    v = items[j]
                except IndexError:
                    continue
                if type(v) is not int or not 0 <= v < N:
                    seen["bad_items"] += 1
            try:
                for k in table:
                    pass
                seen["dict"] += 1
            except RuntimeError:
                seen["dict_errors"] += 1

    def writer(k):
        for i in range(N):
            items.append(i)
            table[(k, i)] = i
            if i % 3 == 0:
                items.pop()

    r = threading.Thread(target=reader)
    r.start()
    ws = [threading.Thread(target=writer, args=(k,)) for k in range(3)]
    for w in ws:
        w.start()
    for w in ws:
        w.join()
    done.set()
    r.join()
    expected_len = 100 + 3 * (N - len(range(0, N, 3)))
    assert len(items) == expected_len, (len(items), expected_len)
    assert len(table) == 100 + 3 * N
    assert seen["list"] >= 1
    assert seen["bad_items"] == 0, seen
print("iterate_while_mutating ok")

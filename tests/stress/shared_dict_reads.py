# Readers look up attributes, globals and int keys without locks while
# writers replace, delete and add them (growing the dicts). Every value a reader gets must be
# one that was stored, never freed memory; the final state must be exact.
import threading

WRITERS = 2
READERS = 2
N = 20000
NAMES = [f"a{k}" for k in range(48)]


class Box:
    pass


G = [0]

for round_ in range(3):
    box = Box()
    table = {}
    done = threading.Event()
    bad = []

    def writer(w):
        global G
        for i in range(N):
            name = NAMES[(i * 7 + w) % len(NAMES)]
            setattr(box, name, [w, i])
            if i % 5 == 0:
                try:
                    delattr(box, NAMES[(i * 3 + w) % len(NAMES)])
                except AttributeError:
                    pass
            if i % 3 == 0:
                G = [w, i]
            key = (i * 11 + w) % 300
            table[key] = [w, i]
            if i % 4 == 0:
                table.pop((i * 5 + w) % 300, None)

    def reader():
        reads = 0
        while not done.is_set() or reads < 1000:
            for name in NAMES:
                v = getattr(box, name, None)
                if v is not None and (type(v) is not list or len(v) != 2 or not 0 <= v[1] < N):
                    bad.append(v)
                reads += 1
            for key in range(0, 300, 7):
                v = table.get(key)
                if v is not None and (type(v) is not list or len(v) != 2 or not 0 <= v[1] < N):
                    bad.append(v)
            g = G
            if type(g) is not list or not 0 <= g[-1] < N:
                bad.append(g)

    readers = [threading.Thread(target=reader) for _ in range(READERS)]
    writers = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for t in readers + writers:
        t.start()
    for t in writers:
        t.join()
    done.set()
    for t in readers:
        t.join()
    assert bad == [], bad[:5]
    # Final state, written afterwards by one thread, must read back exactly.
    for k, name in enumerate(NAMES):
        setattr(box, name, [k, k])
    assert [getattr(box, name) for name in NAMES] == [[k, k] for k in range(len(NAMES))]
    assert len(box.__dict__) == len(NAMES)
    for key in range(300):
        table[key] = key * 2
    assert [table[key] for key in range(300)] == [key * 2 for key in range(300)]
print("shared_dict_reads ok")

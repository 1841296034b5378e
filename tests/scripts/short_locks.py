# Stores that take the short lock (a list item at an int index, a dict entry
# with a str or int key; design/locking.md, "Short locks") while this thread
# already holds the container's lock: a __eq__ or __index__ run by a
# container operation stores into the same container. The short lock must
# fall back to the critical section, which re-enters; taking the mutex
# again would hang. A thread is started first, so that locking is on.
import threading

t = threading.Thread(target=lambda: None)
t.start()
t.join()


class Key:
    def __init__(self, d):
        self.d = d

    def __hash__(self):
        return hash("a")

    def __eq__(self, other):
        self.d["zz"] = len(self.d)  # a str key, into the dict being searched
        self.d[7] = "seven"  # an int key
        return False


d = {"a": 1}
d[Key(d)] = 2
print(len(d), d["a"], d["zz"], d[7])

lst = ["p", "q", "r"]


class Index:
    def __index__(self):
        lst[0] = "set by __index__"  # an int index, into the list being assigned
        return 1


lst[Index()] = "x"
print(lst)

# Two threads store into one dict and one list at once: every store lands.
shared = {}
slots = [None] * 4000


def fill(k):
    for i in range(k, 4000, 2):
        shared[str(i)] = i
        shared[i] = -i
        slots[i] = i * 3


workers = [threading.Thread(target=fill, args=(k,)) for k in range(2)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(len(shared), all(shared[str(i)] == i and shared[i] == -i for i in range(4000)))
print(slots == [i * 3 for i in range(4000)])

# threading.local: each thread starts with no attributes, even when it reuses
# the ident of a thread that has ended (idents are recycled).
import threading

data = threading.local()
data.x = "main"
seen = []


def worker(k):
    seen.append(hasattr(data, "x"))
    data.x = k


for k in range(50):
    t = threading.Thread(target=worker, args=(k,))
    t.start()
    t.join()

print("any thread saw a stale value:", any(seen))
print("main still sees:", data.x)

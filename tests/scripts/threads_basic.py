import threading
results = []
lock = threading.Lock()
def worker(n):
    total = 0
    for i in range(n):
        total += i
    with lock:
        results.append(total)
threads = [threading.Thread(target=worker, args=(10000 * (k + 1),)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results), threading.active_count(), threading.current_thread().name)
shared = []
def appender(k):
    for i in range(10000):
        shared.append((k, i))
ts = [threading.Thread(target=appender, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(len(shared), len(set(shared)))
d = {}
def filler(k):
    for i in range(5000):
        d[(k, i)] = i
ts = [threading.Thread(target=filler, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(len(d), sum(d.values()))
counter = 0
def inc():
    global counter
    for _ in range(10000):
        with lock:
            counter += 1
ts = [threading.Thread(target=inc) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(counter)
def boom():
    raise ValueError("thread failed")
t = threading.Thread(target=boom, name="Bad")
t.start(); t.join()
print("main continues", t.is_alive())

# queue.Queue: FIFO order across threads, blocking get/put, timeouts, task_done/join.
import queue, threading
q = queue.Queue(maxsize=8)
out = []
def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        out.append(item * 2)
        q.task_done()
ts = [threading.Thread(target=consumer) for _ in range(3)]
for t in ts: t.start()
for i in range(3000): q.put(i)
for t in ts: q.put(None)
q.join()
for t in ts: t.join()
print(len(out), sum(out) == 2 * sum(range(3000)), sorted(out) == [2 * i for i in range(3000)])
try:
    q.get_nowait()
except queue.Empty:
    print("empty")
q2 = queue.Queue(1)
q2.put(1)
try:
    q2.put(2, timeout=0.01)
except queue.Full:
    print("full")
print(q2.qsize(), q2.full(), q2.empty())
try:
    q2.task_done(); q2.task_done()
except ValueError as e:
    print("ValueError", e)

# memoryviews of one bytearray used by several threads. Each thread
# increments the bytes of its own quarter through its view; a resizer keeps
# trying to grow the bytearray and must fail while any view exists; other
# threads make, read and release views of the whole array all along. Every
# byte ends exactly ROUNDS increments later, and no resize ever succeeds
# while a view is alive.
import threading

THREADS = 4
PART = 256
ROUNDS = 300

data = bytearray(THREADS * PART)
views = [memoryview(data)[t * PART:(t + 1) * PART] for t in range(THREADS)]
start = threading.Barrier(THREADS + 3)
done = threading.Event()
grew = []
refused = [0]
bad = []


def incrementer(t):
    view = views[t]
    start.wait()
    for _ in range(ROUNDS):
        for i in range(PART):
            view[i] = (view[i] + 1) % 256


def resizer():
    start.wait()
    while True:  # at least once: under a GIL this thread may first run after the incrementers end
        try:
            data.append(0)
            grew.append(len(data))
        except BufferError:
            refused[0] += 1
        if done.is_set():
            break


def viewer():
    start.wait()
    while not done.is_set():
        with memoryview(data) as whole:
            snap = whole.tobytes()
            if len(snap) != THREADS * PART:
                bad.append(len(snap))
            half = whole[::2]
            if len(half.tobytes()) != THREADS * PART // 2:
                bad.append("half")
            half.release()


workers = [threading.Thread(target=incrementer, args=(t,)) for t in range(THREADS)]
others = [threading.Thread(target=resizer), threading.Thread(target=viewer), threading.Thread(target=viewer)]
for th in workers + others:
    th.start()
for th in workers:
    th.join()
done.set()
for th in others:
    th.join()
assert not grew, grew[:3]
assert refused[0] > 0
assert not bad, bad[:3]
assert data == bytearray(ROUNDS % 256 for _ in range(THREADS * PART)), data[:8]
for v in views:
    v.release()
data.append(7)
assert len(data) == THREADS * PART + 1
print("memoryview_shared ok")

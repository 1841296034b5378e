# Attribute updates on one shared instance: private attributes per thread,
# and a shared attribute updated under a lock.
import threading

THREADS = 6
ITERS = 20000


class Board:
    def __init__(self):
        self.total = 0
        self.lock = threading.Lock()

    def bump(self):
        with self.lock:
            self.total += 1


board = Board()


def worker(k):
    name = f"slot{k}"
    setattr(board, name, 0)
    for i in range(ITERS):
        setattr(board, name, getattr(board, name) + 1)
        board.bump()


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert board.total == THREADS * ITERS, board.total
for k in range(THREADS):
    assert getattr(board, f"slot{k}") == ITERS
print("instance_attributes ok")

# Coroutines: a small round-robin event loop written here (no asyncio)
# drives async functions that await each other and pass messages through
# channels: a ping-pong of N messages, then workers sharing a job queue.
# Coroutine send/await, `__await__` generators, deques.
from collections import deque

from harness import main


class Suspend:
    """Awaiting this yields control back to the loop once."""

    def __await__(self):
        yield


class Channel:
    def __init__(self):
        self.items = deque()

    async def put(self, item):
        self.items.append(item)
        await Suspend()

    async def get(self):
        while not self.items:
            await Suspend()
        return self.items.popleft()


def run_loop(coros):
    ready = deque(coros)
    results = []
    while ready:
        coro = ready.popleft()
        try:
            coro.send(None)
        except StopIteration as stop:
            results.append(stop.value)
        else:
            ready.append(coro)
    return results


async def square(x):
    await Suspend()
    return x * x


async def pinger(n, out, back):
    total = 0
    for i in range(n):
        await out.put(i)
        total += await back.get()
    await out.put(None)
    return total


async def ponger(inbox, back):
    count = 0
    while True:
        item = await inbox.get()
        if item is None:
            return count
        count += 1
        await back.put(await square(item) % 1000)


async def worker(k, jobs, results):
    done = 0
    while True:
        job = await jobs.get()
        if job is None:
            return done
        await results.put((k, job * 3 + k))
        done += 1


def run(n):
    a, b = Channel(), Channel()
    pings = run_loop([pinger(n, a, b), ponger(a, b)])
    w = 4
    jobs, results = Channel(), Channel()
    for i in range(n // 2):
        jobs.items.append(i)
    for _ in range(w):
        jobs.items.append(None)
    done = run_loop([worker(k, jobs, results) for k in range(w)])
    total = sum(v - k for k, v in results.items)
    squares = run_loop([square(i) for i in range(n // 4)])
    return f"{pings[0]},{pings[1]},{sum(done)},{total},{sum(squares)}"


if __name__ == "__main__":
    main(run, 60_000)

# A cooperative task scheduler built from generators: tasks yield system
# calls (sleep, wait for a channel, spawn, join), a scheduler drives them on a
# simulated clock, and channels pass messages between producer and consumer
# tasks. Generator-heavy on purpose (send, throw, close, yield from).
import random


class SysCall:
    pass


class Sleep(SysCall):
    def __init__(self, ticks):
        self.ticks = ticks


class Spawn(SysCall):
    def __init__(self, gen, name):
        self.gen, self.name = gen, name


class Join(SysCall):
    def __init__(self, tid):
        self.tid = tid


class Recv(SysCall):
    def __init__(self, channel):
        self.channel = channel


class Send(SysCall):
    def __init__(self, channel, value):
        self.channel, self.value = channel, value


class Channel:
    def __init__(self, name, capacity=2):
        self.name, self.capacity = name, capacity
        self.items = []
        self.receivers = []
        self.senders = []


class Task:
    next_id = 1

    def __init__(self, gen, name):
        self.tid = Task.next_id
        Task.next_id += 1
        self.gen, self.name = gen, name
        self.send_value = None
        self.result = None
        self.done = False
        self.joiners = []

    def step(self):
        return self.gen.send(self.send_value)

    def __repr__(self):
        return f"Task({self.tid}, {self.name})"


class Scheduler:
    def __init__(self, log):
        self.clock = 0
        self.ready = []
        self.sleeping = []
        self.tasks = {}
        self.log = log

    def spawn(self, gen, name):
        task = Task(gen, name)
        self.tasks[task.tid] = task
        self.ready.append(task)
        return task.tid

    def wake(self, task, value=None):
        task.send_value = value
        self.ready.append(task)

    def handle(self, task, call):
        if isinstance(call, Sleep):
            self.sleeping.append((self.clock + call.ticks, task.tid, task))
            self.sleeping.sort(key=lambda entry: (entry[0], entry[1]))
        elif isinstance(call, Spawn):
            self.wake(task, self.spawn(call.gen, call.name))
        elif isinstance(call, Join):
            target = self.tasks[call.tid]
            if target.done:
                self.wake(task, target.result)
            else:
                target.joiners.append(task)
        elif isinstance(call, Recv):
            ch = call.channel
            if ch.items:
                self.wake(task, ch.items.pop(0))
                if ch.senders:
                    sender, value = ch.senders.pop(0)
                    ch.items.append(value)
                    self.wake(sender)
            else:
                ch.receivers.append(task)
        elif isinstance(call, Send):
            ch = call.channel
            if ch.receivers:
                self.wake(ch.receivers.pop(0), call.value)
                self.wake(task)
            elif len(ch.items) < ch.capacity:
                ch.items.append(call.value)
                self.wake(task)
            else:
                ch.senders.append((task, call.value))
        else:
            raise TypeError(f"bad syscall {call!r}")

    def finish(self, task, result):
        task.done = True
        task.result = result
        self.log.append(f"t={self.clock} {task.name} finished -> {result!r}")
        for j in task.joiners:
            self.wake(j, result)

    def run(self):
        while self.ready or self.sleeping:
            if not self.ready:
                wake_at, _, task = self.sleeping.pop(0)
                self.clock = wake_at
                self.wake(task)
                continue
            task = self.ready.pop(0)
            try:
                call = task.step()
            except StopIteration as stop:
                self.finish(task, stop.value)
                continue
            except Exception as exc:
                self.finish(task, f"crashed: {exc}")
                continue
            self.handle(task, call)
        return self.clock


def producer(ch, name, count, log):
    for i in range(count):
        item = f"{name}-{i}"
        yield Send(ch, item)
        log.append(f"sent {item}")
        yield Sleep(1)
    yield Send(ch, None)
    return count


def consumer(ch, producers, log):
    received = []
    finished = 0
    while finished < producers:
        item = yield Recv(ch)
        if item is None:
            finished += 1
            continue
        received.append(item)
        yield Sleep(2)
    log.append(f"consumer got {len(received)}")
    return sorted(received)


def worker(n):
    total = 0
    for i in range(n):
        total += i
        yield Sleep(1)
    return total


def faulty():
    yield Sleep(1)
    raise ValueError("boom")


def subtask(depth):
    if depth == 0:
        yield Sleep(1)
        return 1
    left = yield from subtask(depth - 1)
    right = yield from subtask(depth - 1)
    return left + right


def supervisor(log):
    ids = []
    for n in (3, 5):
        tid = yield Spawn(worker(n), f"worker{n}")
        ids.append(tid)
    bad = yield Spawn(faulty(), "faulty")
    results = []
    for tid in ids + [bad]:
        results.append((yield Join(tid)))
    leaves = yield from subtask(3)
    log.append(f"supervisor saw {results} and {leaves} leaves")
    return sum(r for r in results if isinstance(r, int))


log = []
sched = Scheduler(log)
ch = Channel("jobs")
sched.spawn(producer(ch, "p1", 3, log), "p1")
sched.spawn(producer(ch, "p2", 2, log), "p2")
sched.spawn(consumer(ch, 2, log), "consumer")
sched.spawn(supervisor(log), "supervisor")
end = sched.run()
for line in log:
    print(line)
print("clock", end, "tasks", len(sched.tasks))

random.seed(3)


def jittery(name):
    for step in range(3):
        yield Sleep(random.randint(1, 4))
    return name


log2 = []
s2 = Scheduler(log2)
for name in "abcd":
    s2.spawn(jittery(name), name)
print("second run ended at", s2.run())
print("\n".join(log2))

# Richards: Martin Richards' operating-system simulation (1979), the classic
# object-oriented benchmark: six tasks (idle, worker, two handlers, two
# devices) trade packets through a priority scheduler. Method calls,
# attribute reads and writes, linked lists of small objects. One pass of the
# standard setup queues 23,246 packets and holds 9,297 times; N passes.
from harness import main

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(1, 7)
KIND_DEVICE, KIND_WORK = 0, 1
BUFSIZE = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Scheduler:
    def __init__(self):
        self.tasks = [None] * 7
        self.task_list = None
        self.hold_count = 0
        self.queued = 0

    def run(self):
        t = self.task_list
        while t is not None:
            if t.holding or (not t.pending and t.waiting):
                t = t.link
            else:
                t = t.step()


class Task:
    def __init__(self, sched, ident, priority, queue, pending, waiting):
        self.sched = sched
        self.link = sched.task_list
        self.ident = ident
        self.priority = priority
        self.input = queue
        self.pending = pending
        self.waiting = waiting
        self.holding = False
        sched.task_list = self
        sched.tasks[ident] = self

    def step(self):
        if self.pending and self.waiting and not self.holding:
            packet = self.input
            self.input = packet.link
            self.pending = self.input is not None
            self.waiting = False
        else:
            packet = None
        return self.fn(packet)

    def add_packet(self, packet, old):
        if self.input is None:
            self.input = packet
            self.pending = True
            if self.priority > old.priority:
                return self
        else:
            packet.append_to(self.input)
        return old

    def wait(self):
        self.waiting = True
        return self

    def hold(self):
        self.sched.hold_count += 1
        self.holding = True
        return self.link

    def release(self, ident):
        t = self.sched.tasks[ident]
        t.holding = False
        return t if t.priority > self.priority else self

    def send(self, packet):
        t = self.sched.tasks[packet.ident]
        self.sched.queued += 1
        packet.link = None
        packet.ident = self.ident
        return t.add_packet(packet, self)


class IdleTask(Task):
    def __init__(self, sched, count):
        super().__init__(sched, IDLE, 0, None, False, False)
        self.control = 1
        self.count = count

    def fn(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.control & 1 == 0:
            self.control //= 2
            return self.release(DEVICE_A)
        self.control = self.control // 2 ^ 0xD008
        return self.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, sched, queue):
        super().__init__(sched, WORKER, 1000, queue, True, True)
        self.destination = HANDLER_A
        self.count = 0

    def fn(self, packet):
        if packet is None:
            return self.wait()
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        packet.ident = self.destination
        packet.datum = 0
        for i in range(BUFSIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = 64 + self.count
        return self.send(packet)


class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        super().__init__(sched, ident, priority, queue, True, True)
        self.work_in = None
        self.device_in = None

    def fn(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work_in = packet.append_to(self.work_in)
            else:
                self.device_in = packet.append_to(self.device_in)
        work = self.work_in
        if work is None:
            return self.wait()
        count = work.datum
        if count >= BUFSIZE:
            self.work_in = work.link
            return self.send(work)
        device = self.device_in
        if device is None:
            return self.wait()
        self.device_in = device.link
        device.datum = work.data[count]
        work.datum = count + 1
        return self.send(device)


class DeviceTask(Task):
    def __init__(self, sched, ident, priority):
        super().__init__(sched, ident, priority, None, False, True)
        self.pending_packet = None

    def fn(self, packet):
        if packet is None:
            packet = self.pending_packet
            if packet is None:
                return self.wait()
            self.pending_packet = None
            return self.send(packet)
        self.pending_packet = packet
        return self.hold()


def one_pass():
    s = Scheduler()
    IdleTask(s, 10000)
    work = Packet(Packet(None, 0, KIND_WORK), 0, KIND_WORK)
    WorkerTask(s, work)
    for ident, device, priority in ((HANDLER_A, DEVICE_A, 2000), (HANDLER_B, DEVICE_B, 3000)):
        queue = None
        for _ in range(3):
            queue = Packet(queue, device, KIND_DEVICE)
        HandlerTask(s, ident, priority, queue)
    DeviceTask(s, DEVICE_A, 4000)
    DeviceTask(s, DEVICE_B, 5000)
    s.run()
    return s.queued, s.hold_count


def run(n):
    total = 0
    for _ in range(n):
        queued, held = one_pass()
        assert (queued, held) == (23246, 9297), (queued, held)
        total += queued + held
    return total


if __name__ == "__main__":
    main(run, 10)

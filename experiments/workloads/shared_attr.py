# All threads read attributes of one shared object (a configuration object,
# a module-level singleton): every read looks the name up in that object's
# instance dict.
from common import parse_args, report, run_threads


class Config:
    def __init__(self):
        self.step = 1
        self.limit = 7


CONFIG = Config()


def work(n):
    total = 0
    cfg = CONFIG
    for i in range(n):
        total += cfg.step if i % cfg.limit else 0
    return total


threads, total = parse_args(3_000_000)
seconds, results = run_threads(work, threads, total)
share = total // threads
assert results == [share - (share + 6) // 7] * threads
report("shared_attr", threads, seconds)

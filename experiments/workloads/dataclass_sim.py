# A bank simulation in the style of application code: dataclass accounts,
# namedtuple events, a bounded deque of recent events per account, a
# defaultdict of tallies, dataclasses.replace for audits. Each thread
# simulates its own bank (its share of the events); the totals are checked
# against arithmetic.
import collections
import dataclasses

from common import parse_args, report, run_threads

ACCOUNTS = 50
Event = collections.namedtuple("Event", "kind amount")


@dataclasses.dataclass
class Account:
    number: int
    balance: int = 0
    recent: collections.deque = dataclasses.field(default_factory=lambda: collections.deque(maxlen=8))

    def apply(self, event):
        self.balance += event.amount if event.kind == "deposit" else -event.amount
        self.recent.append(event)


def simulate(events):
    accounts = [Account(n) for n in range(ACCOUNTS)]
    tallies = collections.defaultdict(int)
    audits = 0
    for i in range(events):
        event = Event("withdrawal" if i % 3 == 0 else "deposit", i % 100)
        account = accounts[i % ACCOUNTS]
        account.apply(event)
        tallies[event.kind] += 1
        if i % 1000 == 0:
            audit = dataclasses.replace(account, recent=collections.deque(account.recent, maxlen=8))
            audits += audit.balance == account.balance and len(audit.recent) == len(account.recent)
    return sum(a.balance for a in accounts), dict(tallies), audits


threads, total = parse_args(600_000)
seconds, results = run_threads(simulate, threads, total)
share = total // threads
balance = sum(-(i % 100) if i % 3 == 0 else i % 100 for i in range(share))
withdrawals = len(range(0, share, 3))
expected = (balance, {"withdrawal": withdrawals, "deposit": share - withdrawals}, len(range(0, share, 1000)))
assert results == [expected] * threads, (results, expected)
report("dataclass_sim", threads, seconds)

# Dataclasses: an order book simulation with @dataclass records (ordering,
# frozen keys, default factories), enum sides, a heap of orders per side,
# collections.Counter and defaultdict for the fills. Object creation through
# generated __init__ methods, generated comparisons, sorting, heapq.
import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import Enum

from harness import main


class Side(Enum):
    BUY = 1
    SELL = 2


@dataclass(frozen=True)
class Symbol:
    name: str
    tick: int = 1


@dataclass(order=True)
class Order:
    sort_key: tuple = field(init=False, repr=False)
    price: int
    seq: int
    qty: int = field(compare=False)
    side: Side = field(compare=False)
    symbol: Symbol = field(compare=False)
    fills: list = field(default_factory=list, compare=False)

    def __post_init__(self):
        # Buys: highest price first; sells: lowest price first; then time.
        self.sort_key = (-self.price if self.side is Side.BUY else self.price, self.seq)


@dataclass
class Book:
    symbol: Symbol
    bids: list = field(default_factory=list)
    asks: list = field(default_factory=list)
    volume: int = 0

    def submit(self, order, trades):
        mine, theirs = (self.bids, self.asks) if order.side is Side.BUY else (self.asks, self.bids)
        while order.qty and theirs:
            best = theirs[0]
            crosses = order.price >= best.price if order.side is Side.BUY else order.price <= best.price
            if not crosses:
                break
            qty = min(order.qty, best.qty)
            order.qty -= qty
            best.qty -= qty
            self.volume += qty
            order.fills.append((best.seq, qty))
            trades[(self.symbol, best.price)] += qty
            if best.qty == 0:
                heapq.heappop(theirs)
        if order.qty:
            heapq.heappush(mine, order)


def run(n):
    symbols = [Symbol(name) for name in ("ABC", "XYZ", "QQQ", "FOO")]
    books = {s: Book(s) for s in symbols}
    trades = defaultdict(int)
    fills = Counter()
    x = 12345
    for seq in range(n):
        x = (x * 1103515245 + 12345) % 2**31
        symbol = symbols[x % 4]
        side = Side.BUY if (x >> 3) % 2 else Side.SELL
        price = 100 + (x >> 5) % 21 - 10
        order = Order(price=price, seq=seq, qty=1 + (x >> 9) % 50, side=side, symbol=symbol)
        books[symbol].submit(order, trades)
        fills[len(order.fills)] += 1
    volume = sum(b.volume for b in books.values())
    resting = sorted(o for b in books.values() for o in b.bids)[:5]
    (symbol, price), qty = min(trades.items(), key=lambda kv: (-kv[1], kv[0][0].name, kv[0][1]))
    return f"{volume},{len(trades)},{sorted(fills.items())[:4]},{[o.seq for o in resting]},{symbol.name}@{price}:{qty}"


if __name__ == "__main__":
    main(run, 60_000)

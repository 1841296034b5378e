class Item:
    def __init__(self, sku, name, price, qty=0):
        self.sku, self.name, self.price, self.qty = sku, name, price, qty
    @property
    def value(self):
        return self.price * self.qty
    def __repr__(self):
        return f"{self.sku}:{self.name}x{self.qty}"
class Inventory:
    def __init__(self):
        self.items = {}
        self.log = []
    def add(self, item):
        if item.sku in self.items:
            raise KeyError(f"duplicate {item.sku}")
        self.items[item.sku] = item
    def restock(self, sku, n):
        self.items[sku].qty += n
        self.log.append(("restock", sku, n))
    def sell(self, sku, n):
        item = self.items[sku]
        if item.qty < n:
            return False
        item.qty -= n
        self.log.append(("sell", sku, n))
        return True
    def low_stock(self, threshold):
        return sorted((i for i in self.items.values() if i.qty < threshold), key=lambda i: i.qty)
    def report(self):
        lines = [f"{'sku':<6}{'name':<10}{'qty':>5}{'value':>10}"]
        for item in sorted(self.items.values(), key=lambda i: i.sku):
            lines.append(f"{item.sku:<6}{item.name:<10}{item.qty:>5}{item.value:>10.2f}")
        lines.append(f"{'total':<21}{sum(i.value for i in self.items.values()):>10.2f}")
        return "\n".join(lines)
inv = Inventory()
for sku, name, price, qty in [("A1", "widget", 2.5, 10), ("B2", "gadget", 12.0, 3), ("C3", "doohickey", 0.75, 40)]:
    inv.add(Item(sku, name, price, qty))
print(inv.sell("A1", 4), inv.sell("B2", 5), inv.sell("C3", 40))
inv.restock("B2", 7)
try:
    inv.add(Item("A1", "dup", 1))
except KeyError as e:
    print("error", e)
print(inv.report())
print(inv.low_stock(8), inv.log)

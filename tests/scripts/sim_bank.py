class InsufficientFunds(Exception):
    pass
class Account:
    _next = 1000
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.number = Account._next
        Account._next += 1
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner} has {self.balance}, needs {amount}")
        self.balance -= amount
        self.history.append(("withdraw", amount))
    def __repr__(self):
        return f"<{self.number} {self.owner}: {self.balance}>"
class Savings(Account):
    rate = 0.02
    def add_interest(self):
        interest = round(self.balance * self.rate, 2)
        self.deposit(interest)
        return interest
class Bank:
    def __init__(self):
        self.accounts = {}
    def open(self, cls, owner, balance=0):
        acct = cls(owner, balance)
        self.accounts[acct.number] = acct
        return acct
    def transfer(self, src, dst, amount):
        self.accounts[src].withdraw(amount)
        self.accounts[dst].deposit(amount)
    def total(self):
        return sum(a.balance for a in self.accounts.values())
bank = Bank()
a = bank.open(Account, "ann", 100)
b = bank.open(Savings, "bob", 500)
bank.transfer(a.number, b.number, 40)
print(a, b, bank.total())
print(b.add_interest(), b, b.history)
for amount in (10, 1000, -5):
    try:
        if amount < 0:
            a.deposit(amount)
        else:
            bank.transfer(a.number, b.number, amount)
        print("ok", amount)
    except InsufficientFunds as e:
        print("insufficient:", e)
    except ValueError as e:
        print("invalid:", e)
print(sorted(bank.accounts.values(), key=lambda x: -x.balance), round(bank.total(), 2))

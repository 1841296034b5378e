import random
random.seed(12345)
print([round(random.random(), 6) for _ in range(5)])
print([random.randint(1, 6) for _ in range(20)])
print([random.randrange(0, 100, 7) for _ in range(5)], random.randrange(1000))
deck = [f"{r}{s}" for s in "SHDC" for r in "A23456789TJQK"]
random.shuffle(deck)
print(deck[:8])
print([random.choice(["rock", "paper", "scissors"]) for _ in range(6)])
print(round(random.uniform(-1, 1), 8), random.getrandbits(16), random.getrandbits(100))
random.seed(7)
a = [random.random() for _ in range(3)]
random.seed(7)
b = [random.random() for _ in range(3)]
print(a == b, random.sample(range(10), 4))
counts = [0] * 6
random.seed(99)
for _ in range(6000):
    counts[random.randint(0, 5)] += 1
print(counts, sum(counts))

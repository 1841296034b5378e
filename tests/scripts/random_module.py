# CPython's random.py on the native _random and _sha512: seeded sequences from
# ints, strs and bytes, state round trips, subclasses, the distributions;
# SHA-512/384 digests across block boundaries; tempfile, which needs
# random.Random (checked against python3).
import random, _sha512
for s in (b'', b'abc', b'x' * 111, b'y' * 112, b'z' * 128, b'w' * 1000):
    print(_sha512.sha512(s).hexdigest()[:32], _sha512.sha384(s).hexdigest()[:16])
h = _sha512.sha512(b'ab'); h2 = h.copy(); h2.update(b'c'); print(h2.hexdigest() == _sha512.sha512(b'abc').hexdigest(), h.name, h.digest_size, h.block_size)
random.seed(12345)
print(random.random(), random.randint(1, 100), random.choice('abcdef'), random.sample(range(100), 5))
random.seed('a string seed')
print(random.random(), random.getrandbits(70), random.uniform(1, 2), random.gauss(0, 1))
r = random.Random(7); st = r.getstate(); a = [r.random() for _ in range(3)]; r.setstate(st); print(a == [r.random() for _ in range(3)])
l = list(range(20)); random.seed(3); random.shuffle(l); print(l)
print(random.Random(b'bytes').randrange(10**30), random.Random(-5).random() == random.Random(5).random())
print(random.choices('abc', k=5), random.triangular(0, 1), random.betavariate(2, 3), random.expovariate(1.5))
class MyRandom(random.Random):
    pass
print(MyRandom(42).random() == random.Random(42).random())
try: random.Random().setstate((1,2))
except ValueError as e: print(e)
try: random.Random().getrandbits(-1)
except ValueError as e: print(e)
import os
import tempfile
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, 'x')
    with open(p, 'w') as f:
        f.write('hi')
    print(open(p).read(), os.path.exists(d))
print(os.path.exists(d))
with tempfile.NamedTemporaryFile('w+') as f:
    f.write('abc')
    f.seek(0)
    print(f.read(), os.path.basename(f.name).startswith('tmp'))

# The codec registry from four threads: the first lookups race to import
# the encodings package and fill the cache; threads encode and decode
# through registry codecs with exact results while one empties the codec
# cache (unregister), register error handlers and search functions, and decode
# incrementally.
import threading
import codecs

THREADS = 4
ROUNDS = 1500

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
start = threading.Barrier(THREADS)
registered = threading.Event()
texts = ['Ωμέγα %d', 'naïve €%d', 'plain %d']
encodings = ['cp1253', 'cp1252', 'ascii']
found = [set() for _ in range(THREADS)]


def noop(name):
    return None


def search(name):
    if name.startswith('thread_'):
        k = int(name.split('_')[1])
        return codecs.CodecInfo(lambda s, errors='strict': (('%d:' % k + s).encode(), len(s)),
                                lambda b, errors='strict': (bytes(b).decode(), len(b)), name=name)
    return None


def worker(k):
    start.wait()
    codecs.register_error('mark%d' % k, lambda e, k=k: ('<%d>' % k, e.end))
    if k == 0:
        codecs.register(search)
        registered.set()
    dec = codecs.getincrementaldecoder('utf-8')()
    pieces = []
    for i in range(ROUNDS):
        j = (i + k) % 3
        s = texts[j] % i
        assert s.encode(encodings[j]).decode(encodings[j]) == s
        assert s.encode('utf-16').decode('utf-16') == s and s.encode('utf-32-be').decode('utf-32-be') == s
        assert 'a€b'.encode('cp437', 'mark%d' % k) == b'a<%d>b' % k
        if k == 1 and i % 100 == 0:
            codecs.register(noop)  # unregister empties the codec cache
            codecs.unregister(noop)
        data = s.encode()
        for b in range(0, len(data), 3):
            pieces.append(dec.decode(data[b:b + 3]))
        try:
            found[k].add(codecs.lookup('thread_%d' % (i % THREADS)).name)
        except LookupError:
            pass  # thread 0 has not registered the search function yet
    # A thread may finish its rounds before thread 0 registers (the GIL
    # can run it start to end); every thread then sees every codec.
    registered.wait()
    for n in range(THREADS):
        found[k].add(codecs.lookup('thread_%d' % n).name)
    assert ''.join(pieces) + dec.decode(b'', final=True) == ''.join(texts[(i + k) % 3] % i for i in range(ROUNDS))


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
assert all(f == {'thread_%d' % n for n in range(THREADS)} for f in found), found
print("ok")

# _json's scanner and encoder shared by four threads: one JSONDecoder and one
# JSONEncoder (each holds one native Scanner or one Encoder's settings)
# decode and encode private documents that must round-trip exactly, while
# one thread rewrites a shared list and a shared dict that the others
# encode: each encoding must parse back to a list of one whole item kind and
# a dict whose keys all map to their own numbers (items are read one at a
# time, so a list may mix two states' items, as in CPython, but never holds
# anything that was not stored).
import json
import threading

THREADS = 4
ROUNDS = 4000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
decoder = json.JSONDecoder(object_pairs_hook=None)
encoder = json.JSONEncoder(sort_keys=True, ensure_ascii=True)
shared_list = [0] * 8
shared_dict = {str(i): i for i in range(8)}
start = threading.Barrier(THREADS)


def worker(k):
    start.wait()
    for i in range(ROUNDS):
        doc = {"k": k, "i": i, "f": i / 7, "s": "é\u2603" * (i % 5) + "\\\"",
               "l": [None, True, False, i, -i], "n": {"x": [k] * (i % 6)}}
        text = encoder.encode(doc)
        assert decoder.decode(text) == doc, text
        assert json.loads(json.dumps(doc, ensure_ascii=False)) == doc
        if k == 0:
            shared_list[:] = [i % 3] * (4 + i % 9)
            n = i % 10
            shared_dict.clear()
            shared_dict.update({str(j): j for j in range(n)})
        else:
            seen = json.loads(json.dumps(shared_list))
            assert all(type(v) is int and 0 <= v < 3 for v in seen), seen
            seen = json.loads(json.dumps(shared_dict))
            assert all(seen[key] == int(key) for key in seen), seen


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
print("ok")

# json.loads and json.dumps of a 20,000-record document (1.6 MB of text),
# five times each: the native _json (src/modules/json_scanner.cc,
# json_encoder.cc) against CPython's C one. `json_roundtrip.py py` blocks
# _json, timing the pure-Python fallback instead.
import sys
import time

if sys.argv[1:] == ["py"]:
    sys.modules["_json"] = None
import json

doc = {"items": [{"id": i, "name": "item%d" % i, "tags": ["a", "b", "é"], "price": i * 1.25,
                  "ok": i % 2 == 0, "none": None} for i in range(20000)]}
text = json.dumps(doc)
start = time.perf_counter()
for _ in range(5):
    assert json.loads(text) == doc
    assert json.dumps(doc) == text
print(time.perf_counter() - start)

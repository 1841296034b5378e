# The native _json under CPython's json package: results, error messages
# and positions (code-point indexes in non-ASCII documents), hooks, and
# the direct entry points json.decoder and json.encoder use.
import json
import json.decoder
import json.encoder
import json.scanner
from collections import OrderedDict
from decimal import Decimal

import _json

print(json.scanner.make_scanner is _json.make_scanner, json.decoder.scanstring.__module__,
      json.encoder.c_make_encoder.__module__, json.encoder.encode_basestring_ascii.__module__)

print(json.loads('{"a": [1, 2.5, -3e2, true, false, null, "x\\u00e9\\ud834\\udd1e"], "b": {}}'))
print(json.loads('[-0, 0.5e-3, 1E5, 123456789012345678901234567890, -123456789012345678, 1e400]'))
print(json.dumps({"a": [1, 2.5, float("inf"), None, True, "é\n"], 3: 4, 1.5: 2, None: 1, False: 0}))
print(json.dumps({"b": [1, (2, 3)], "a": {}}, ensure_ascii=False, sort_keys=True))
print(json.dumps(["é\U0001d11e\x00\x1f\u2028", "\ud800"]))
print(json.dumps(["é\U0001d11e\x00\x1f"], ensure_ascii=False))
print(json.dumps([10 ** 30, -5, True, 2.0 ** 70, 1e-7, -0.0]))


def error(doc, **kw):
    try:
        json.loads(doc, **kw)
    except json.JSONDecodeError as e:
        return f"{e.msg} | {e.pos} {e.lineno} {e.colno}"
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return "no error"


for bad in ['[1,', '{"a" 1}', '[1 2]', '"abc', '{"a":1,}', '[1,]', '"\\x"', '"\\u12"', '"\\u12G4"',
            '', ' ', 'nul', '-', '1.', '-x', '"\x01"', '["é", "ü", x]', '{"é": 1 "x"}', '[\n1,\n2 3]',
            '"\\ud834\\uzzzz"', '{', '[', '{"a"', '{"a":', '[1] x', '"\\', 'Infinit', '01']:
    print(repr(bad), error(bad))
print(error('"\x01"', strict=False), json.loads('"a\tb"', strict=False))

# hooks
print(json.loads('{"a": 1, "b": [1.5, 2]}', object_pairs_hook=OrderedDict))
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('[1.10, 2, NaN, -Infinity, Infinity]', parse_float=Decimal, parse_int=lambda s: "int:" + s,
                 parse_constant=lambda s: "const:" + s))
keys = json.loads('[{"same": 1}, {"same": 2}]')
print(list(keys[0])[0] is list(keys[1])[0])

# scanstring and the scanner called directly
print(json.decoder.scanstring('"abc\\n" tail', 1), json.decoder.scanstring('é"xyz"', 2))
for args in [('"abc', 1), ('abc', 10), ('abc', -1), (b'"x"', 1), ('"\\ud834\\udd1e"', 1)]:
    try:
        print(json.decoder.scanstring(*args))
    except Exception as e:
        print(type(e).__name__, e)
scan = json.decoder.JSONDecoder().scan_once
print(scan('  [1, "é"] ', 2), scan(string='é 12', idx=2))
for args in [('[1]', 5), ('[1]', -1), ('x', 0), (b'1', 0)]:
    try:
        print(scan(*args))
    except StopIteration as e:
        print("StopIteration", e.value)
    except Exception as e:
        print(type(e).__name__, e)
print(scan.strict, scan.parse_float is float, scan.object_hook)

# the encoder
enc = json.encoder.c_make_encoder(None, lambda o: repr(o), json.encoder.encode_basestring, None, ': ', ', ',
                                  True, True, False)
print(enc({"b": 1, "a": [object.__new__(type("X", (), {"__repr__": lambda s: "<X>"}))]}, 0))
print(enc.sort_keys, enc.skipkeys, enc.key_separator, enc.markers, enc.indent)
enc = json.encoder.c_make_encoder({}, None, json.encoder.encode_basestring_ascii, None, ':', ',', False, True, True)
print(enc({(1, 2): 3, "z": 0, 2: 1}, 0), enc.markers)
for args in [(1, None, None, None, ': ', ', ', False, False, False),
             ({}, None, None, None, b': ', ', ', False, False, False),
             ((True, False), b"x", None)]:
    try:
        json.encoder.c_make_encoder(*args)
    except TypeError as e:
        print("TypeError", e)
for obj, kw in [({1: object()}, {}), ({(1,): 1}, {}), ([float("nan")], {"allow_nan": False}),
                ({"a": 1, 1: "a"}, {"sort_keys": True}), (object(), {}), ({"x": {1, 2}}, {"default": list})]:
    try:
        print(json.dumps(obj, **kw))
    except Exception as e:
        print(type(e).__name__, e)
loop = []
loop.append(loop)
d = {}
d["d"] = d
for obj in (loop, d):
    try:
        json.dumps(obj)
    except ValueError as e:
        print("ValueError", e)


class Bad:
    pass


def default(o):
    return [o]


try:
    json.dumps(Bad(), default=default, check_circular=False)
except RecursionError as e:
    print("RecursionError", str(e).startswith("maximum recursion depth exceeded"))
deep = '[' * 100000 + ']' * 100000
try:
    json.loads(deep)
except RecursionError as e:
    print("RecursionError", e)
nested = []
for _ in range(100000):
    nested = [nested]
try:
    json.dumps(nested)
except RecursionError as e:
    print("RecursionError", e)

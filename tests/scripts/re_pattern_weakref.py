# re.Pattern objects can be weakly referenced (ref, proxy, WeakValueDictionary
# caches), as in CPython; the reference dies with the pattern.
import gc
import re
import weakref

p = re.compile(r"(\w+)@(\w+)")
ref = weakref.ref(p)
proxy = weakref.proxy(p)
print(ref() is p, proxy.pattern, proxy.groups, proxy.match("me@here").groups())
cache = weakref.WeakValueDictionary()
cache["mail"] = p
print(list(cache))
del p
re.purge()
gc.collect()
print(ref(), list(cache))
try:
    proxy.pattern
except ReferenceError as e:
    print("ReferenceError", e)
m = re.match("a", "a")
try:
    weakref.ref(m)
except TypeError as e:
    print("TypeError", e)

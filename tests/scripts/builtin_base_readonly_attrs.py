# Read-only attributes of a builtin base stay read-only in a subclass.
import collections
class I(int): pass
class D(collections.deque): pass
class E(ValueError): pass
for obj, name in ((I(3), 'real'), (D(), 'maxlen'), (E(), 'args'), (E(), 'x')):
    try:
        setattr(obj, name, (5,)); print('set', name, getattr(obj, name))
    except AttributeError as e: print('AttributeError', e)

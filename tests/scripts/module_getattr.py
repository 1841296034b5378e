# PEP 562: a module's own __getattr__ answers the names its dict lacks,
# for attribute access and `from m import name`; its errors propagate; the
# dict wins when it has the name.
import sys
import types

m = types.ModuleType('lazy')
calls = []


def lazy_getattr(name):
    calls.append(name)
    if name.startswith('computed_'):
        return name[len('computed_'):].upper()
    raise AttributeError(f"module 'lazy' has no attribute {name!r}")


m.__getattr__ = lazy_getattr
m.present = 'in the dict'
sys.modules['lazy'] = m
print(m.computed_abc, m.present, calls)
from lazy import computed_xyz
print(computed_xyz, 'computed_xyz' in calls)
try:
    m.missing
except AttributeError as e:
    print('AttributeError', e)
try:
    from lazy import other
except ImportError as e:
    print('ImportError', e)
print(getattr(m, 'nothing', 'default'), hasattr(m, 'computed_q'), calls[-2:])
print(sorted(k for k in vars(types.ModuleType('fresh', 'doc')) if k != '__getattr__'), types.ModuleType('d', 'text').__doc__)
try:
    types.ModuleType(5)
except TypeError as e:
    print(e)
plain = types.ModuleType('plain')
try:
    plain.anything
except AttributeError as e:
    print(e)

# __class__ on a module: not in its dict or its type's, answered by object
# (json's "Object of type module is not JSON serializable" reads it).
import sys as _sys
print(_sys.__class__.__name__, _sys.__class__ is type(_sys))

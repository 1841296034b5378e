# property.__doc__ is writable and deletable, fget/fset/fdel are read-only;
# urllib.parse documents its namedtuple fields that way.
class A:
    @property
    def x(self):
        "getter doc"
        return 1
p = A.__dict__['x']
print(p.__doc__)
p.__doc__ = 'new doc'
print(p.__doc__, A.x.__doc__)
p.__doc__ = None
print(p.__doc__)
del p.__doc__
print(p.__doc__)
try:
    p.fget = None
except AttributeError as e:
    print(e)
try:
    p.other = 1
except AttributeError as e:
    print(e)
q = property(None, None, None, 'given')
print(q.__doc__, q.fget, q.fset)
import urllib.parse as up
print(up.urlparse('http://a.b/c?d=1#e'), up.quote('a b/é'), up.urlencode({'x': 'y z'}), up.urljoin('http://a/b/c', '../d'))
print(up.urlsplit('http://a/b').__class__.geturl.__doc__ is None, up.DefragResult.url.__doc__)

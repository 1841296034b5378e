# __del__ that assigns __class__ (test_descr's Issue5283): the object then
# refers to, and owns a reference to, the new class, which its deallocation
# must release instead of the old one. Both classes are freed once dropped.
import gc
import weakref


def run():
    class O:
        pass

    class A:
        def __del__(self):
            self.__class__ = O
            seen.append(type(self).__name__)

    seen = []
    objs = [A() for _ in range(100)]
    del objs
    refs = weakref.ref(A), weakref.ref(O)
    return seen, refs


seen, (a, o) = run()
gc.collect()
print(len(seen), set(seen), a() is None, o() is None)

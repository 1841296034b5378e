# atexit: callbacks run at the end, last registered first, with their
# arguments; unregister removes every registration of a function; a
# callback may register another (which does not run: CPython runs those
# registered when the end came); an exception from one, SystemExit
# included, is reported and the rest still run.
import atexit
import threading

log = []


def note(*args, **kwargs):
    print('note', args, sorted(kwargs.items()))


class Quitter:
    def __call__(self):
        print('quitter')
        raise SystemExit(3)

    def __repr__(self):
        return '<quitter>'


quitter = Quitter()


def chain():
    print('chain registers another')
    atexit.register(note, 'registered late')


atexit.register(note, 'early', 1)
atexit.register(log.append, 'x')
r = atexit.register(note, 'removed')
print(r is note)
atexit.register(lambda: print('lambda', log))
atexit.register(quitter)
atexit.register(chain)
atexit.register(note, 'kw', a=1, b='two')
atexit.unregister(note)
atexit.register(note, 'after unregister')
try:
    atexit.register(42)
except TypeError as e:
    print(e)
try:
    atexit.register()
except TypeError as e:
    print('TypeError')


def worker():
    atexit.register(print, 'from a thread')


t = threading.Thread(target=worker)
t.start()
t.join()
print('main done')

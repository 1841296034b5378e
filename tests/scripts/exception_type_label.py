# The interpreter's own error report (an uncaught exception, in a thread or
# at the top) names the class as module.qualname, leaving out only builtins
# and __main__, as CPython's print_exception does.
import threading
import zlib


class Outer:
    class Inner(Exception):
        pass


class Plain(Exception):
    pass


Plain.__module__ = "elsewhere.module"


def fail(make):
    raise make()


for make in (lambda: Plain("moved"), lambda: KeyError("k"), lambda: zlib.error("native")):
    t = threading.Thread(target=fail, args=(make,), name="worker")
    t.start()
    t.join()
print("done")
raise Outer.Inner("nested")

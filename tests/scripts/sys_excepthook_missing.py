# Without sys.excepthook the interpreter says so and prints the default
# report (CPython: "sys.excepthook is missing").
import sys

del sys.excepthook
raise ValueError("uncaught")

# import * inside a function is a SyntaxError.
def f():
    from pkgdemo import *

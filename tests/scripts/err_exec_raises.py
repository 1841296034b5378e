# An exception inside exec'd code carries the "<string>" frame in its traceback.
def run(src):
    exec(src, {})


run("values = [1, 2]\nvalues[5]\n")

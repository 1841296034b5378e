# LOAD_GLOBAL caches keep where a global's value lives, so that a store
# into the global does not make every later load look the name up again
# (src/vm/global_cache.h). Every way the name's place can change must still
# be seen: new values, shadowing of a builtin, deletion and re-creation,
# a grown globals dict, a replaced builtin, keys that are not the compiled
# name object.
import builtins

counter = 0


def bump(n):
    global counter
    seen = []
    for _ in range(n):
        counter += 1
        seen.append(counter)
    return seen


print(bump(5), counter)


def use_len():
    return len("abc")


print(use_len())
len = lambda s: -1  # noqa: E731  (a global now shadows the builtin)
print(use_len())
del len
print(use_len())
builtins.len, saved = (lambda s: 99), builtins.len
print(use_len())
builtins.len = saved
print(use_len())

value = "first"


def get_value():
    try:
        return value
    except NameError as e:
        return str(e)


print(get_value())
del value
print(get_value())
value = "again"
print(get_value())
for i in range(200):
    globals()[f"filler_{i}"] = i  # the globals' table grows: entries move
print(get_value())
value = "after growth"
print(get_value())

# A key made at run time: an equal string, not the compiled name object.
globals()["".join(["run", "time"])] = 1


def get_runtime():
    return runtime  # noqa: F821


print(get_runtime())
globals()["".join(["run", "time"])] = 2
print(get_runtime())
runtime = 3
print(get_runtime())


# Loads in a loop while the loop itself rebinds and deletes the name.
def churn():
    global flip
    out = []
    for i in range(6):
        if i % 3 == 2:
            del flip
            try:
                flip  # noqa: B018
            except NameError:
                out.append("gone")
            flip = -i
        else:
            flip = i
        out.append(flip)
    return out


flip = 0
print(churn())

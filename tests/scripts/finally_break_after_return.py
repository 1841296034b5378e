# A break or continue in a finally block that runs for a `return` cancels
# the return (bpo-37830): the pending return value must be dropped, in
# nested for and while loops. (ftpy's compiler looped forever on these.)


def g1(x):
    for count in [0, 1]:
        count2 = 0
        while count2 < 20:
            count2 += 10
            try:
                return count + count2
            finally:
                if x:
                    break
    return "end", count, count2


def g2(x):
    for count in [0, 1]:
        for count2 in [10, 20]:
            try:
                return count + count2
            finally:
                if x:
                    break
    return "end", count, count2


def c1(x):
    count = 0
    while count < 100:
        count += 1
        try:
            return count
        finally:
            if x:
                continue
    return "end", count


def c2(x):
    for count in [0, 1]:
        try:
            return count
        finally:
            if x:
                continue
    return "end", count


def nested(x):
    out = []
    for i in range(3):
        try:
            try:
                return [i]
            finally:
                out.append(i)
                if x and i < 2:
                    continue
        finally:
            out.append(-i)
    return out


print(g1(False), g1(True), g2(False), g2(True))
print(c1(False), c1(True), c2(False), c2(True))
print(nested(False), nested(True))

def countdown(n):
    while n > 0:
        n -= 1
    return n
print(countdown(100000))
def count_up(limit):
    total = 0
    for i in range(limit):
        total += i
    return total
print(count_up(100000))

def quicksort(xs):
    if len(xs) <= 1:
        return xs
    pivot, rest = xs[0], xs[1:]
    return quicksort([x for x in rest if x < pivot]) + [pivot] + quicksort([x for x in rest if x >= pivot])
def mergesort(xs):
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    left, right = mergesort(xs[:mid]), mergesort(xs[mid:])
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i]); i += 1
        else:
            out.append(right[j]); j += 1
    return out + left[i:] + right[j:]
def insertion(xs):
    xs = list(xs)
    for i in range(1, len(xs)):
        key, j = xs[i], i - 1
        while j >= 0 and xs[j] > key:
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = key
    return xs
def heapsort(xs):
    xs = list(xs)
    n = len(xs)
    def sift(i, size):
        while True:
            largest, l, r = i, 2 * i + 1, 2 * i + 2
            if l < size and xs[l] > xs[largest]: largest = l
            if r < size and xs[r] > xs[largest]: largest = r
            if largest == i: return
            xs[i], xs[largest] = xs[largest], xs[i]
            i = largest
    for i in range(n // 2 - 1, -1, -1):
        sift(i, n)
    for end in range(n - 1, 0, -1):
        xs[0], xs[end] = xs[end], xs[0]
        sift(0, end)
    return xs
data = [(i * 7919) % 101 for i in range(40)]
expected = sorted(data)
for fn in (quicksort, mergesort, insertion, heapsort):
    print(fn.__name__, fn(data) == expected, fn(data)[:8])
print(quicksort(list("sortingexample")), mergesort([3.5, -1, 2.25]))

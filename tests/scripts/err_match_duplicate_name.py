# A match statement error CPython reports.
match 1:
    case [a, a]:
        pass

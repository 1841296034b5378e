# A match statement error CPython reports.
match 1:
    case P(x=1, 2):
        pass

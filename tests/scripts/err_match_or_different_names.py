# A match statement error CPython reports.
match 1:
    case 1 | x:
        pass

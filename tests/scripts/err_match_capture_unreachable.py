# A match statement error CPython reports.
match 1:
    case x:
        pass
    case 1:
        pass

# A match statement error CPython reports.
class P:
    __match_args__ = ["a"]
match P():
    case P(1):
        pass

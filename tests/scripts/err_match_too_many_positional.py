# A match statement error CPython reports.
class P:
    __match_args__ = ("a", "b")
match P():
    case P(1, 2, 3):
        pass

# str hashes are SipHash-1-3 of CPython's internal representation under the
# key that PYTHONHASHSEED gives (check_script.py runs with PYTHONHASHSEED=0),
# so values and the order of sets of strings match CPython's.
import sys

words = ["", "a", "abc", "hello world", "x" * 7, "y" * 8, "z" * 9, "a" * 100,
         "café", "naïve", "\xff\xfe", "€uro", "Ω", "日本語", "😀", "a😀b", "\u0100", "\u4e00", "\U00010000"]
for w in words:
    print(repr(w), hash(w))
print(sorted({"apple", "banana", "cherry", "date", "elderberry", "fig", "grape"}) ==
      sorted(["apple", "banana", "cherry", "date", "elderberry", "fig", "grape"]))
print(list({"apple", "banana", "cherry", "date", "elderberry", "fig", "grape"}))
print(list({f"key{i}" for i in range(20)}))
print(sys.flags.hash_randomization)
print(hash("abc") == hash("ab" + "c"), hash("é") == hash("e\u0301"))

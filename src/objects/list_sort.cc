// list.sort()'s algorithm; see list_sort.h.
#include "list_sort.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "ftpy/protocol.h"

namespace ftpy {

namespace {

class Sorter {
 public:
  Sorter(SortItem* items, int64_t n) : a_(items), n_(n) {}

  bool run() {
    int64_t min_run = min_run_length(n_);
    int64_t lo = 0;
    while (lo < n_) {
      int64_t len = count_run(lo);
      if (len < min_run) {
        int64_t forced = std::min(min_run, n_ - lo);
        binary_insertion_sort(lo, lo + forced, lo + len);
        len = forced;
      }
      runs_.push_back({lo, len});
      collapse();
      lo += len;
    }
    while (runs_.size() > 1) {
      size_t i = runs_.size() - 2;
      if (i > 0 && runs_[i - 1].len < runs_[i + 1].len) i--;
      merge_at(i);
    }
    return !failed_;
  }

 private:
  struct Run { int64_t lo, len; };

  // CPython's merge_compute_minrun: n / 2^k rounded up, in [32, 64].
  static int64_t min_run_length(int64_t n) {
    int64_t r = 0;
    while (n >= 64) {
      r |= n & 1;
      n >>= 1;
    }
    return n + r;
  }

  // x < y. After the first error, answers false without calling Python.
  bool less(const SortItem& x, const SortItem& y) {
    if (failed_) return false;
    int r = object_compare_bool(x.key, y.key, CompareOp::kLt);
    if (r < 0) {
      failed_ = true;
      return false;
    }
    return r > 0;
  }

  // The run starting at lo: non-descending, or strictly descending (then
  // reversed in place, which keeps the sort stable).
  int64_t count_run(int64_t lo) {
    int64_t i = lo + 1;
    if (i == n_) return 1;
    if (less(a_[i], a_[lo])) {
      for (i++; i < n_ && less(a_[i], a_[i - 1]); i++) {}
      std::reverse(a_ + lo, a_ + i);
    } else {
      for (i++; i < n_ && !less(a_[i], a_[i - 1]); i++) {}
    }
    return i - lo;
  }

  // a_[lo, start) is sorted; inserts a_[start, hi) one at a time.
  void binary_insertion_sort(int64_t lo, int64_t hi, int64_t start) {
    for (int64_t i = start; i < hi; i++) {
      SortItem pivot = a_[i];
      int64_t l = lo, r = i;
      while (l < r) {
        int64_t m = l + (r - l) / 2;
        if (less(pivot, a_[m])) r = m;
        else l = m + 1;
      }
      std::memmove(a_ + l + 1, a_ + l, static_cast<size_t>(i - l) * sizeof(SortItem));
      a_[l] = pivot;
    }
  }

  // Timsort's invariants on the run stack (listsort.txt, with the 2015
  // correction): merge until len[i-2] > len[i-1] + len[i] and
  // len[i-1] > len[i] hold for the top runs.
  void collapse() {
    while (runs_.size() > 1) {
      size_t i = runs_.size() - 2;
      if ((i > 0 && runs_[i - 1].len <= runs_[i].len + runs_[i + 1].len) ||
          (i > 1 && runs_[i - 2].len <= runs_[i - 1].len + runs_[i].len)) {
        if (runs_[i - 1].len < runs_[i + 1].len) i--;
      } else if (runs_[i].len > runs_[i + 1].len) {
        return;
      }
      merge_at(i);
    }
  }

  // Merges runs i and i+1. The left run moves to scratch space; the output
  // index k = lo + (taken from left) + (taken from right) stays below the
  // next unread right item j, whatever the comparisons answered.
  void merge_at(size_t i) {
    int64_t lo = runs_[i].lo;
    int64_t mid = lo + runs_[i].len;
    int64_t hi = mid + runs_[i + 1].len;
    runs_[i].len = hi - lo;
    runs_.erase(runs_.begin() + static_cast<ptrdiff_t>(i) + 1);
    if (!less(a_[mid], a_[mid - 1])) return;  // already in order
    scratch_.assign(a_ + lo, a_ + mid);
    int64_t left = 0, left_end = mid - lo, j = mid, k = lo;
    while (left < left_end && j < hi) {
      if (less(a_[j], scratch_[left])) a_[k++] = a_[j++];
      else a_[k++] = scratch_[left++];
    }
    while (left < left_end) a_[k++] = scratch_[left++];
  }

  SortItem* a_;
  int64_t n_;
  bool failed_ = false;
  std::vector<Run> runs_;
  std::vector<SortItem> scratch_;
};

}  // namespace

bool sort_items(SortItem* items, int64_t n, bool reverse) {
  if (n < 2) return true;
  // CPython reverses, sorts stably and reverses back: equal keys keep their
  // original order in a descending sort too.
  if (reverse) std::reverse(items, items + n);
  bool ok = Sorter(items, n).run();
  if (reverse) std::reverse(items, items + n);
  return ok;
}

}  // namespace ftpy

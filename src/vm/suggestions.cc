// "Did you mean" for the default exception display, as Python 3.11 offers
// it (CPython's Python/suggestions.c, read for its rules; written here):
//   AttributeError: 'A' object has no attribute 'bluch'. Did you mean: 'blech'?
//   NameError: name 'bluch' is not defined. Did you mean: 'blech'?
// An AttributeError learns the object and the name it was asked for where
// a lookup fails (LOAD_ATTR, LOAD_METHOD, getattr()), a NameError the name
// as raise_name_error makes it (LOAD_NAME, LOAD_GLOBAL); the display then
// compares the name with dir(obj), or with the innermost frame's local
// names, its globals and the builtins, by a Levenshtein distance in which a
// case change costs 1 and any other edit 2, accepting at most a third of
// the characters changed. Like 3.11,
// only exact AttributeError and NameError get suggestions, lists of 750
// or more candidates are not searched, and names over 40 bytes never match.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "ftpy/code.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

namespace {

constexpr size_t kMaxCandidates = 750;
constexpr size_t kMaxNameBytes = 40;
constexpr size_t kMoveCost = 2;
constexpr size_t kCaseCost = 1;

size_t substitution_cost(char a, char b) {
  if (a == b) return 0;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return lower(a) == lower(b) ? kCaseCost : kMoveCost;
}

// The edit distance of a and b, or anything above max_cost once it is
// certain to exceed it.
size_t edit_distance(std::string_view a, std::string_view b, size_t max_cost) {
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
  if (a.size() > kMaxNameBytes || b.size() > kMaxNameBytes) return max_cost + 1;
  if (b.size() < a.size()) std::swap(a, b);  // the row is over the shorter one
  if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
  std::array<size_t, kMaxNameBytes> row;
  for (size_t i = 0; i < a.size(); i++) row[i] = (i + 1) * kMoveCost;  // a[:i+1] from nothing
  size_t result = 0;
  for (size_t j = 0; j < b.size(); j++) {
    size_t diagonal = j * kMoveCost;  // b[:j] against a[:0]
    result = diagonal;
    size_t row_min = SIZE_MAX;
    for (size_t i = 0; i < a.size(); i++) {
      size_t substitute = diagonal + substitution_cost(b[j], a[i]);
      diagonal = row[i];
      result = std::min(std::min(result, diagonal) + kMoveCost, substitute);
      row[i] = result;
      row_min = std::min(row_min, result);
    }
    if (row_min > max_cost) return max_cost + 1;
  }
  return result;
}

// The closest of `candidates` (str items) to `name`, or nullptr.
Object* closest(Object* candidates, Str* name) {
  if (!is_list(candidates)) return nullptr;
  auto* list = static_cast<List*>(candidates);
  int64_t n = list_size(list);
  if (n >= static_cast<int64_t>(kMaxCandidates)) return nullptr;
  std::string_view want = str_view(name);
  size_t best_distance = SIZE_MAX;
  Ref<> best;
  for (int64_t i = 0; i < n; i++) {
    Ref<> item(list_item_ref(list, i));
    if (!item || !is_str(item.get())) continue;
    std::string_view have = str_view(item.get());
    if (have == want) continue;
    // No more than a third of the characters changed, and better than the best so far.
    size_t max_distance = std::min((want.size() + have.size() + 3) * kMoveCost / 6, best_distance - 1);
    size_t d = edit_distance(want, have, max_distance);
    if (d > max_distance) continue;
    if (!best || d < best_distance) {
      best = std::move(item);
      best_distance = d;
    }
  }
  return best.release();
}

Object* list_of_keys(Dict* d) {
  Ref<List> keys(list_new());
  if (!keys || list_extend(keys.get(), d) < 0) return nullptr;
  return keys.release();
}

Object* attribute_suggestion(Object* exc) {
  Ref<> name(object_getattr(exc, FTPY_ID("name")));
  Ref<> obj(name ? object_getattr(exc, FTPY_ID("obj")) : nullptr);
  if (!obj || name->ob_type != &str_type || obj.get() == kNone) return nullptr;
  Ref<> dir_fn(dict_get_str_ref(builtins_dict(), FTPY_ID("dir")));
  Ref<> names(dir_fn ? call1(dir_fn.get(), obj.get()) : nullptr);
  return names ? closest(names.get(), static_cast<Str*>(name.get())) : nullptr;
}

Object* name_suggestion(Object* exc) {
  Ref<> name(object_getattr(exc, FTPY_ID("name")));
  if (!name || name->ob_type != &str_type) return nullptr;
  auto* want = static_cast<Str*>(name.get());
  std::vector<TracebackEntry> entries = exception_traceback_entries(exc);
  if (entries.empty()) return nullptr;
  const TracebackEntry& innermost = entries.front();
  Ref<List> locals(list_new());
  Object* found = nullptr;
  if (locals && list_extend(locals.get(), innermost.code->varnames) == 0) found = closest(locals.get(), want);
  if (!found && innermost.globals) {
    Ref<> globals(list_of_keys(innermost.globals));
    if (globals) found = closest(globals.get(), want);
  }
  if (!found) {
    Ref<> builtins(list_of_keys(builtins_dict()));
    if (builtins) found = closest(builtins.get(), want);
  }
  traceback_entries_release(&entries);
  return found;
}

}  // namespace

std::string exception_suggestion(Object* exc) {
  Ref<> found;
  if (exc->ob_type == &AttributeError_type) found = Ref<>(attribute_suggestion(exc));
  else if (exc->ob_type == &NameError_type) found = Ref<>(name_suggestion(exc));
  std::string text;
  if (found && !repr_string(found.get(), &text)) found = Ref<>();
  clear_error();  // a failing dir() or repr() only means no suggestion
  return found ? ". Did you mean: " + text + "?" : std::string();
}

void set_attribute_error_context(Object* obj, Str* name) {
  if (!error_matches(&AttributeError_type)) return;
  Ref<> exc(fetch_error());
  if (is_exception(exc.get())) {
    // Only the first lookup that failed names itself (a __getattr__ that
    // raised for another object's attribute keeps that one).
    Ref<> have_name(object_getattr(exc.get(), FTPY_ID("name")));
    Ref<> have_obj(have_name ? object_getattr(exc.get(), FTPY_ID("obj")) : nullptr);
    if (have_obj && have_name.get() == kNone && have_obj.get() == kNone &&
        object_setattr(exc.get(), FTPY_ID("name"), name) == 0) {
      object_setattr(exc.get(), FTPY_ID("obj"), obj);
    }
    clear_error();  // a failure here only loses the suggestion; the original error stands
  }
  restore_error(exc.release());
}

}  // namespace ftpy

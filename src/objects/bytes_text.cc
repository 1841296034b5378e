// bytes and bytearray methods on ASCII text: case mapping (upper, lower,
// swapcase, capitalize, title), the character-class tests (isdigit...
// isupper) and padding (ljust, rjust, center, zfill, expandtabs), with
// CPython's Objects/bytes_methods.c rules: only ASCII letters are cased.
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "bytes_methods.h"

namespace ftpy {

namespace {

using Args = Object* const*;

enum class CaseKind { kUpper, kLower, kSwap, kCapitalize, kTitle };

Object* case_impl(Object* self, size_t nargs, const char* name, CaseKind kind) {
  if (!check_nargs(name, nargs, 0, 0)) return nullptr;
  ByteData d;
  if (!d.init(self, name)) return nullptr;
  std::string out(d.view());
  bool prev_cased = false;
  for (size_t i = 0; i < out.size(); i++) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    bool up = false, down = false;
    switch (kind) {
      case CaseKind::kUpper: up = true; break;
      case CaseKind::kLower: down = true; break;
      case CaseKind::kSwap: up = is_lower(c); down = is_upper(c); break;
      case CaseKind::kCapitalize: up = i == 0; down = i != 0; break;
      case CaseKind::kTitle: up = !prev_cased; down = prev_cased; break;
    }
    if (up && is_lower(c)) out[i] = static_cast<char>(c - 32);
    else if (down && is_upper(c)) out[i] = static_cast<char>(c + 32);
    prev_cased = is_alpha(c);
  }
  return result_like(self, out);
}

Object* m_upper(Object* s, Args, size_t n, Tuple*) { return case_impl(s, n, "upper", CaseKind::kUpper); }
Object* m_lower(Object* s, Args, size_t n, Tuple*) { return case_impl(s, n, "lower", CaseKind::kLower); }
Object* m_swapcase(Object* s, Args, size_t n, Tuple*) { return case_impl(s, n, "swapcase", CaseKind::kSwap); }
Object* m_capitalize(Object* s, Args, size_t n, Tuple*) { return case_impl(s, n, "capitalize", CaseKind::kCapitalize); }
Object* m_title(Object* s, Args, size_t n, Tuple*) { return case_impl(s, n, "title", CaseKind::kTitle); }

template <bool (*Pred)(unsigned char)>
Object* all_of(Object* self, size_t nargs, const char* name) {
  if (!check_nargs(name, nargs, 0, 0)) return nullptr;
  ByteData d;
  if (!d.init(self, name)) return nullptr;
  std::string_view v = d.view();
  if (v.empty()) return newref(kFalse);
  for (unsigned char c : v) {
    if (!Pred(c)) return newref(kFalse);
  }
  return newref(kTrue);
}

bool is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
Object* m_isdigit(Object* s, Args, size_t n, Tuple*) { return all_of<is_digit>(s, n, "isdigit"); }
Object* m_isalpha(Object* s, Args, size_t n, Tuple*) { return all_of<is_alpha>(s, n, "isalpha"); }
Object* m_isalnum(Object* s, Args, size_t n, Tuple*) { return all_of<is_alnum>(s, n, "isalnum"); }
bool is_space_u(unsigned char c) { return is_space(c); }
Object* m_isspace(Object* s, Args, size_t n, Tuple*) { return all_of<is_space_u>(s, n, "isspace"); }

Object* m_isascii(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("isascii", nargs, 0, 0)) return nullptr;
  ByteData d;
  if (!d.init(self, "isascii")) return nullptr;
  return newref(bool_from(utf8_is_ascii(d.view())));
}

Object* cased_check(Object* self, size_t nargs, const char* name, bool want_lower) {
  if (!check_nargs(name, nargs, 0, 0)) return nullptr;
  ByteData d;
  if (!d.init(self, name)) return nullptr;
  bool any = false;
  for (unsigned char c : d.view()) {
    if (want_lower ? is_upper(c) : is_lower(c)) return newref(kFalse);
    any |= want_lower ? is_lower(c) : is_upper(c);
  }
  return newref(bool_from(any));
}

// istitle: uppercase letters only after uncased bytes, lowercase only
// after cased ones, and at least one cased (CPython's _Py_bytes_istitle).
Object* m_istitle(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("istitle", nargs, 0, 0)) return nullptr;
  ByteData d;
  if (!d.init(self, "istitle")) return nullptr;
  bool cased = false, previous_cased = false;
  for (unsigned char c : d.view()) {
    if (is_upper(c)) {
      if (previous_cased) return newref(kFalse);
      previous_cased = cased = true;
    } else if (is_lower(c)) {
      if (!previous_cased) return newref(kFalse);
      previous_cased = cased = true;
    } else {
      previous_cased = false;
    }
  }
  return newref(bool_from(cased));
}

Object* m_islower(Object* s, Args, size_t n, Tuple*) { return cased_check(s, n, "islower", true); }
Object* m_isupper(Object* s, Args, size_t n, Tuple*) { return cased_check(s, n, "isupper", false); }

Object* pad_impl(Object* self, Args args, size_t nargs, const char* name, int align) {
  if (!check_nargs(name, nargs, 1, 2)) return nullptr;
  int64_t width;
  if (!index_as_i64(args[0], &width)) return nullptr;
  char fill = ' ';
  if (nargs == 2) {
    std::string f;
    if (!is_bytes_like(args[1]) || !bytes_like_copy(args[1], &f) || f.size() != 1) {
      clear_error();
      return raise_fmt(&TypeError_type, "%s() argument 2 must be a byte string of length 1, not %s", name,
                       type_name(args[1]));
    }
    fill = f[0];
  }
  ByteData d;
  if (!d.init(self, name)) return nullptr;
  std::string_view v = d.view();
  int64_t n = static_cast<int64_t>(v.size());
  if (width <= n) return result_like(self, v);
  if (!bytes_size_ok(width)) return nullptr;
  int64_t total = width - n, left = align < 0 ? 0 : align > 0 ? total : total / 2 + (total & width & 1);
  std::string out(static_cast<size_t>(left), fill);
  out += v;
  out.append(static_cast<size_t>(total - left), fill);
  return result_like(self, out);
}

Object* m_ljust(Object* s, Args a, size_t n, Tuple*) { return pad_impl(s, a, n, "ljust", -1); }
Object* m_rjust(Object* s, Args a, size_t n, Tuple*) { return pad_impl(s, a, n, "rjust", 1); }
Object* m_center(Object* s, Args a, size_t n, Tuple*) { return pad_impl(s, a, n, "center", 0); }

Object* m_zfill(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("zfill", nargs, 1, 1)) return nullptr;
  int64_t width;
  if (!index_as_i64(args[0], &width)) return nullptr;
  ByteData d;
  if (!d.init(self, "zfill")) return nullptr;
  std::string s(d.view());
  if (width <= static_cast<int64_t>(s.size())) return result_like(self, s);
  if (!bytes_size_ok(width)) return nullptr;
  size_t fill = static_cast<size_t>(width) - s.size();
  size_t at = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
  s.insert(at, fill, '0');
  return result_like(self, s);
}

Object* m_expandtabs(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[1] = {nullptr};
  if (!parse_args("expandtabs", args, nargs, kwnames, {"tabsize"}, 0, slots)) return nullptr;
  int64_t tab = 8;
  if (slots[0] && !index_as_i64(slots[0], &tab)) return nullptr;
  ByteData d;
  if (!d.init(self, "expandtabs")) return nullptr;
  std::string out;
  int64_t col = 0;
  for (char c : d.view()) {
    if (c == '\t') {
      if (tab > 0) {
        int64_t spaces = tab - col % tab;
        if (!bytes_size_ok(static_cast<int64_t>(out.size()) + spaces)) return nullptr;
        out.append(static_cast<size_t>(spaces), ' ');
        col += spaces;
      }
    } else {
      out.push_back(c);
      col = c == '\n' || c == '\r' ? 0 : col + 1;
    }
  }
  return result_like(self, out);
}

}  // namespace

const MethodDef kTextMethods[] = {
    {"upper", m_upper}, {"lower", m_lower}, {"swapcase", m_swapcase}, {"capitalize", m_capitalize},
    {"title", m_title}, {"isdigit", m_isdigit}, {"isalpha", m_isalpha}, {"isalnum", m_isalnum},
    {"isspace", m_isspace}, {"isascii", m_isascii}, {"islower", m_islower}, {"isupper", m_isupper}, {"istitle", m_istitle},
    {"ljust", m_ljust}, {"rjust", m_rjust}, {"center", m_center}, {"zfill", m_zfill},
    {"expandtabs", m_expandtabs}, {nullptr, nullptr},
};

}  // namespace ftpy

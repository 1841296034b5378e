// String formatting: the format-spec mini-language (format(), f-strings,
// str.format), after the CPython docs' "Format Specification
// Mini-Language". printf-style `%` formatting is in percent_format.cc.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/complex.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "format_markup.h"
#include "format_spec.h"
#include "str_methods.h"

namespace ftpy {



// Reads the decimal digits at s[*i] into *out. A number past int64 raises
// ValueError(`too_big`), as CPython does, instead of overflowing.
bool parse_decimal(std::string_view s, size_t* i, int64_t* out, const char* too_big) {
  *out = 0;
  while (*i < s.size() && std::isdigit(static_cast<unsigned char>(s[*i]))) {
    int digit = s[(*i)++] - '0';
    if (*out > (INT64_MAX - digit) / 10) {
      raise(&ValueError_type, too_big);
      return false;
    }
    *out = *out * 10 + digit;
  }
  return true;
}

// A width or precision no allocation could satisfy fails at once with
// MemoryError, before the padding loops try to build it.
bool check_spec_size(const Spec& spec) {
  // CPython's float formatting takes an int precision.
  if (spec.precision > INT32_MAX && spec.type && std::string_view("eEfFgGn%").find(spec.type) != std::string_view::npos) {
    raise(&ValueError_type, "precision too big");
    return false;
  }
  const uint64_t limit = g_max_alloc_bytes / 4;  // a fill character is up to 4 bytes of UTF-8
  if ((spec.width > 0 && static_cast<uint64_t>(spec.width) > limit) ||
      (spec.precision > 0 && static_cast<uint64_t>(spec.precision) > limit)) {
    raise_no_memory();
    return false;
  }
  return true;
}

namespace {

bool parse_spec(std::string_view s, Spec* spec) {
  size_t i = 0;
  bool fill_given = false;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (!s.empty()) {
    size_t first_len = 1;
    size_t p = 0;
    decode_utf8(s, &p);
    first_len = p;
    if (s.size() > first_len && is_align(s[first_len])) {
      spec->fill = std::string(s.substr(0, first_len));
      fill_given = true;
      spec->align = s[first_len];
      i = first_len + 1;
    } else if (is_align(s[0])) {
      spec->align = s[0];
      i = 1;
    }
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) {
    spec->sign = s[i++];
    spec->sign_given = true;
  }
  if (i < s.size() && s[i] == '#') { spec->alternate = true; i++; }
  if (i < s.size() && s[i] == '0') {
    spec->zero = true;
    // CPython 3.10+: zeros fill unless a fill is given, whatever the alignment.
    if (!fill_given) spec->fill = "0";
    if (!spec->align) { spec->align = '='; spec->zero_chose_align = true; }
    i++;
  }
  constexpr const char* kTooManyDigits = "Too many decimal digits in format string";
  if (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    if (!parse_decimal(s, &i, &spec->width, kTooManyDigits)) return false;
  }
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) spec->grouping = s[i++];
  if (i < s.size() && s[i] == '.') {
    i++;
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) {
      raise(&ValueError_type, "Format specifier missing precision");
      return false;
    }
    if (!parse_decimal(s, &i, &spec->precision, kTooManyDigits)) return false;
  }
  if (i < s.size()) spec->type = s[i++];
  if (i != s.size()) {
    raise(&ValueError_type, "Invalid format specifier");
    return false;
  }
  return check_spec_size(*spec);
}

}  // namespace

namespace {

// Digits with a separator every `every` from the right. Zero padding
// ('012,') is part of the number: zeros and separators are added until the
// text is min_width long, never starting with a separator ('0,000,001,234'),
// as CPython's _PyUnicode_InsertThousandsGrouping does.
std::string group_digits(std::string digits, char sep, int every, int64_t min_width = 0) {
  std::string out;
  int count = 0;
  auto put = [&](char d) {
    if (count && count % every == 0) out.push_back(sep);
    out.push_back(d);
    count++;
  };
  for (size_t i = digits.size(); i-- > 0;) put(digits[i]);
  while (static_cast<int64_t>(out.size()) < min_width) put('0');
  return std::string(out.rbegin(), out.rend());
}

// The width grouped digits must fill when zeros pad the number ('=' with
// fill '0'), leaving room for what stands around them.
int64_t zero_pad_width(const Spec& spec, size_t around) {
  if (spec.align != '=' || spec.fill != "0") return 0;
  return spec.width - static_cast<int64_t>(around);
}

}  // namespace

// Pads `body` (with an optional sign/prefix kept left of '=' padding).
std::string pad(const Spec& spec, const std::string& prefix, const std::string& body, char default_align) {
  char align = spec.align ? spec.align : default_align;
  int64_t len = utf8_length(prefix) + utf8_length(body);
  if (spec.width <= len) return prefix + body;
  int64_t total = spec.width - len;
  std::string fill;
  auto repeat = [&](int64_t n) { std::string r; for (int64_t i = 0; i < n; i++) r += spec.fill; return r; };
  switch (align) {
    case '<': return prefix + body + repeat(total);
    case '^': return repeat(total / 2) + prefix + body + repeat(total - total / 2);
    case '=': return prefix + repeat(total) + body;
    default: return repeat(total) + prefix + body;
  }
}

namespace {

std::string sign_prefix(bool negative, char sign) {
  if (negative) return "-";
  if (sign == '+') return "+";
  if (sign == ' ') return " ";
  return "";
}

}  // namespace

Object* format_int(Object* value, const Spec& spec) {
  char type = spec.type ? spec.type : 'd';
  if (type == 'e' || type == 'E' || type == 'f' || type == 'F' || type == 'g' || type == 'G' || type == '%') {
    return nullptr;  // handled as float by the caller
  }
  if (spec.precision >= 0) return raise(&ValueError_type, "Precision not allowed in integer format specifier");
  if (type == 'c') {
    int64_t cp;
    if (!int_as_i64(value, &cp)) return nullptr;
    if (cp < 0 || cp > 0x10FFFF) return raise(&OverflowError_type, "%c arg not in range(0x110000)");
    std::string body;
    append_utf8(body, static_cast<uint32_t>(cp));
    return str_new(pad(spec, "", body, '<'));
  }
  int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
  if (type != 'd' && type != 'n' && base == 10) {
    return raise_fmt(&ValueError_type, "Unknown format code '%c' for object of type '%s'", type, type_name(value));
  }
  bool negative = int_sign(value) < 0;
  std::string digits = int_to_string(value, base);
  if (negative) digits.erase(0, 1);
  if (type == 'X') for (char& c : digits) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string prefix = sign_prefix(negative, spec.sign);
  if (spec.alternate && base != 10) prefix += base == 2 ? "0b" : base == 8 ? "0o" : (type == 'X' ? "0X" : "0x");
  if (spec.grouping) digits = group_digits(digits, spec.grouping, base == 10 ? 3 : 4, zero_pad_width(spec, prefix.size()));
  return str_new(pad(spec, prefix, digits, '>'));
}

namespace {

// printf-style formatting of one double into a string of whatever length it
// needs (a fixed buffer silently cut '{:.600f}' at 511 characters).
template <class... Args>
std::string c_format(const char* format, Args... args) {
  int n = std::snprintf(nullptr, 0, format, args...);
  std::string out(static_cast<size_t>(n > 0 ? n : 0), '\0');
  std::snprintf(out.data(), out.size() + 1, format, args...);
  return out;
}

}  // namespace

namespace {

// "inf" or "nan" for a non-finite |v|, in the case of the type (E F G:
// upper), as PyOS_double_to_string spells them.
std::string nonfinite_digits(double a, char type) {
  std::string body = std::isnan(a) ? "nan" : "inf";
  if (type == 'E' || type == 'F' || type == 'G') for (char& c : body) c = static_cast<char>(std::toupper(c));
  return body;
}

// A finite |v| in printf's type t (e E f F g G) at `prec` digits, '#' for
// the alternate form: what float and complex formatting share.
std::string typed_digits(double a, char t, int prec, bool alternate) {
  // 'g' drops trailing zeros, and a double has at most 767 significant
  // decimal digits: more precision changes nothing, and asking printf for
  // two billion digits would take minutes.
  if (t == 'g' || t == 'G') prec = std::min(prec, 1100);
  if (a > 1e300 && (t == 'f' || t == 'F')) return c_format("%.0f", a);
  std::string fmt = alternate ? "%#.*" : "%.*";
  fmt += t;
  return c_format(fmt.c_str(), prec, a);
}

}  // namespace

Object* format_float(double v, const Spec& spec, bool from_int) {
  char type = spec.type;
  if (type && std::string_view("eEfFgGn%").find(type) == std::string_view::npos) {
    return raise_fmt(&ValueError_type, "Unknown format code '%c' for object of type '%s'", type,
                     from_int ? "int" : "float");
  }
  bool negative = std::signbit(v) && !std::isnan(v);
  double a = std::fabs(v);
  std::string body;
  if (std::isinf(a) || std::isnan(a)) {
    body = nonfinite_digits(a, type);
    if (type == '%') body += "%";
  } else if (!type && spec.precision < 0) {
    body = from_int ? float_repr(a) : float_repr(a);
  } else {
    int prec = spec.precision < 0 ? 6 : static_cast<int>(spec.precision);
    std::string buf;
    char t = type ? type : 'g';
    if (t == 'n') t = 'g';
    // The no-type form drops trailing zeros as 'g' does (typed_digits).
    if (t == 'g') prec = std::min(prec, 1100);
    if (t == '%') {
      buf = c_format(spec.alternate ? "%#.*f" : "%.*f", prec, a * 100);
      body = std::move(buf);
      body.push_back('%');
    } else if (!type) {
      // No type with a precision: like 'g', but fixed notation keeps one
      // decimal digit and switches to exponent one digit earlier (CPython's
      // Py_DTSF_ADD_DOT_0 rule in format_float_short).
      if (prec == 0) prec = 1;
      buf = c_format("%.*e", prec - 1, a);
      int exp10 = std::atoi(buf.c_str() + buf.find('e') + 1);
      if (exp10 < -4 || exp10 >= prec - 1) {
        buf = c_format("%.*g", prec, a);
        body = buf;
        if (body.find('e') == std::string::npos) {
          // %g chose fixed notation; force the exponent form.
          buf = c_format("%.*e", prec - 1, a);
          std::string m = buf;
          size_t e = m.find('e');
          std::string mant = m.substr(0, e);
          if (mant.find('.') != std::string::npos) {
            while (mant.back() == '0') mant.pop_back();
            if (mant.back() == '.') mant.pop_back();
          }
          body = mant + m.substr(e);
        }
      } else {
        buf = c_format("%.*g", prec, a);
        body = buf;
        if (body.find_first_of(".e") == std::string::npos) body += ".0";
      }
    } else {
      body = typed_digits(a, t, prec, spec.alternate);
    }
  }
  if (spec.grouping && !std::isinf(a) && !std::isnan(a)) {
    size_t end = body.find_first_of(".e%");
    if (end == std::string::npos) end = body.size();
    std::string prefix = sign_prefix(negative, spec.sign);
    body = group_digits(body.substr(0, end), spec.grouping, 3, zero_pad_width(spec, prefix.size() + body.size() - end)) +
           body.substr(end);
  }
  return str_new(pad(spec, sign_prefix(negative, spec.sign), body, '>'));
}

namespace {

// One part of a complex number as CPython's format_complex_internal gets
// it from PyOS_double_to_string: its digits without the sign. Type 'r'
// (no type given) is the shortest repr without a forced ".0" ("3", not
// "3.0", as str(3+2j) shows).
std::string complex_part(double v, char type, int prec, const Spec& spec) {
  double a = std::fabs(v);
  if (std::isinf(a) || std::isnan(a)) return nonfinite_digits(a, type);
  std::string body;
  if (type == 'r') {
    body = float_repr(a);
    if (body.size() > 2 && body.compare(body.size() - 2, 2, ".0") == 0) body.resize(body.size() - 2);
  } else {
    body = typed_digits(a, type, prec, spec.alternate);
  }
  if (spec.grouping) {
    size_t end = body.find_first_of(".eE");
    if (end == std::string::npos) end = body.size();
    body = group_digits(body.substr(0, end), spec.grouping, 3) + body.substr(end);
  }
  return body;
}

}  // namespace

// complex.__format__ (CPython's format_complex_internal): each part
// formatted as a float would be, the imaginary one always signed unless the
// real one is left out, "j", parentheses when no type is given and the real
// part shows, then the whole padded (right-aligned by default).
Object* format_complex(double re, double im, const Spec& spec) {
  if (spec.zero || spec.fill == "0") {
    return raise(&ValueError_type, "Zero padding is not allowed in complex format specifier");
  }
  if (spec.align == '=') return raise(&ValueError_type, "'=' alignment flag is not allowed in complex format specifier");
  char type = spec.type;
  int default_precision = 6;
  bool skip_re = false, parens = false;
  if (!type) {
    type = 'r';
    default_precision = 0;
    if (re == 0.0 && !std::signbit(re)) {
      skip_re = true;
    } else {
      parens = true;
    }
  } else if (std::string_view("eEfFgGn").find(type) == std::string_view::npos) {
    return raise_fmt(&ValueError_type, "Unknown format code '%c' for object of type 'complex'", type);
  }
  if (type == 'n') type = 'g';
  int prec = default_precision;
  if (spec.precision >= 0) {
    prec = static_cast<int>(std::min<int64_t>(spec.precision, INT32_MAX));
    if (type == 'r') type = 'g';
  }
  bool re_negative = std::signbit(re) && !std::isnan(re);
  bool im_negative = std::signbit(im) && !std::isnan(im);
  std::string out = parens ? "(" : "";
  if (!skip_re) out += sign_prefix(re_negative, spec.sign) + complex_part(re, type, prec, spec);
  out += (skip_re ? sign_prefix(im_negative, spec.sign) : std::string(im_negative ? "-" : "+")) +
         complex_part(im, type, prec, spec) + "j";
  if (parens) out += ")";
  return str_new(pad(spec, "", out, '>'));
}

Object* format_with_spec(Object* value, std::string_view spec_text) {
  // A class may define __format__ (or inherit int's, float's, object's...):
  // CPython's PyObject_Format calls type(value).__format__(value, spec).
  if (is_heap_type(value->ob_type)) [[unlikely]] {
    Object* hook = type_lookup(value->ob_type, FTPY_ID("__format__"));
    if (hook) {
      Ref<> bound(descriptor_get(hook, value, value->ob_type));
      if (!bound) return nullptr;
      Ref<> spec(str_new(spec_text));
      if (!spec) return nullptr;
      Object* r = call1(bound.get(), spec.get());
      if (r && !is_str(r)) {
        Ref<> bad(r);
        return raise_fmt(&TypeError_type, "__format__ must return a str, not %s", type_name(r));
      }
      return r;
    }
  }
  return format_builtin(value, spec_text);
}

Object* format_builtin(Object* value, std::string_view spec_text) {
  if (spec_text.empty()) return object_str(value);
  Spec spec;
  if (!parse_spec(spec_text, &spec)) return nullptr;
  if (is_str(value)) {
    if (spec.type && spec.type != 's') {
      return raise_fmt(&ValueError_type, "Unknown format code '%c' for object of type 'str'", spec.type);
    }
    // CPython's format_string_internal, in its order.
    if (spec.sign_given) {
      return raise(&ValueError_type, spec.sign == ' ' ? "Space not allowed in string format specifier"
                                                     : "Sign not allowed in string format specifier");
    }
    if (spec.alternate) return raise(&ValueError_type, "Alternate form (#) not allowed in string format specifier");
    if (spec.zero_chose_align) spec.align = 0;
    if (spec.align == '=') return raise(&ValueError_type, "'=' alignment not allowed in string format specifier");
    std::string_view s = str_view(value);
    if (spec.precision >= 0 && spec.precision < static_cast<Str*>(value)->length) {
      s = s.substr(0, str_byte_offset(static_cast<Str*>(value), spec.precision));
    }
    return str_new(pad(spec, "", std::string(s), '<'));
  }
  if (is_int(value)) {
    if (Object* r = format_int(value, spec)) return r;
    if (error_occurred()) return nullptr;
    bool overflow = false;
    double d = int_as_double(value, &overflow);
    if (overflow) return raise(&OverflowError_type, "int too large to convert to float");
    return format_float(d, spec, true);
  }
  if (is_float(value)) return format_float(static_cast<Float*>(value)->value, spec, false);
  if (is_complex(value)) return format_complex(static_cast<Complex*>(value)->real, static_cast<Complex*>(value)->imag, spec);
  return raise_fmt(&TypeError_type, "unsupported format string passed to %s.__format__", type_name(value));
}

namespace {

// Where a format string's fields come from: str.format's arguments, or
// format_map's mapping (no positional arguments).
struct FormatArgs {
  Object* const* positional;
  size_t npos;
  Tuple* kwnames;  // str.format: keyword values follow the positional ones
  Object* mapping;  // format_map
};

// CPython's AutoNumber: "{}" fields count up, and may not mix with "{0}".
struct Numbering {
  enum State { kInit, kAuto, kManual } state = kInit;
  int64_t next = 0;
};

Object* lookup_key(const FormatArgs& a, std::string_view name) {
  // str.format's keywords are matched by text: no key object unless needed.
  if (!a.mapping && a.kwnames) {
    for (int64_t k = 0; k < a.kwnames->size; k++) {
      if (str_view(a.kwnames->items[k]) == name) return newref(a.positional[a.npos + k]);
    }
  }
  Ref<> key(str_new(name));
  if (!key) return nullptr;
  if (a.mapping) return object_getitem(a.mapping, key.get());
  raise_object(exception_new(&KeyError_type, Ref<Tuple>(tuple_pack({key.get()})).get()));
  return nullptr;
}

// CPython's get_field_object: the argument a field names, then its
// .attr and [key] parts.
Object* field_value(std::string_view field, const FormatArgs& a, Numbering* numbering) {
  std::string_view first;
  int64_t index;
  size_t pos;
  if (!field_name_first(field, &first, &index, &pos)) return nullptr;
  bool automatic = first.empty();
  if (automatic || index != -1) {
    if (numbering->state == Numbering::kInit) numbering->state = automatic ? Numbering::kAuto : Numbering::kManual;
    if (numbering->state == Numbering::kManual && automatic) {
      return raise(&ValueError_type, "cannot switch from manual field specification to automatic field numbering");
    }
    if (numbering->state == Numbering::kAuto && !automatic) {
      return raise(&ValueError_type, "cannot switch from automatic field numbering to manual field specification");
    }
    if (automatic) index = numbering->next++;
  }
  Ref<> value;
  if (index == -1) {
    value = Ref<>(lookup_key(a, first));
  } else if (a.mapping) {
    return raise(&ValueError_type, "Format string contains positional fields");
  } else if (index >= static_cast<int64_t>(a.npos)) {
    return raise_fmt(&IndexError_type, "Replacement index %d out of range for positional args tuple", index);
  } else {
    value = Ref<>::borrow(a.positional[index]);
  }
  FieldPart part;
  MarkupStep step;
  while (value && (step = field_name_next(field, &pos, &part)) == MarkupStep::kPiece) {
    if (part.is_attribute) {
      Ref<> attr(str_new(part.name));
      value = Ref<>(object_getattr(value.get(), static_cast<Str*>(attr.get())));
    } else {
      Ref<> key(part.index == -1 ? str_new(part.name) : int_from_i64(part.index));
      value = Ref<>(object_getitem(value.get(), key.get()));
    }
  }
  if (!value || step == MarkupStep::kError) return nullptr;
  return value.release();
}

Object* convert(Object* value, std::string_view conversion) {
  if (conversion == "r") return object_repr(value);
  if (conversion == "s") return object_str(value);
  if (conversion == "a") return object_ascii(value);
  if (conversion.size() == 1 && conversion[0] > 32 && conversion[0] < 127) {
    return raise_fmt(&ValueError_type, "Unknown conversion specifier %c", conversion[0]);
  }
  size_t at = 0;
  return raise_fmt(&ValueError_type, "Unknown conversion specifier \\x%x", decode_utf8(conversion, &at));
}

// CPython's build_string: PEP 3101 allows one level of fields nested in a
// spec, so "{0:{1}}" works and "{0:{1:{2}}}" does not.
Object* build_string(std::string_view f, const FormatArgs& a, int depth, Numbering* numbering) {
  if (depth <= 0) return raise(&ValueError_type, "Max string recursion exceeded");
  std::string out;
  size_t pos = 0;
  MarkupPiece piece;
  MarkupStep step;
  while ((step = markup_next(f, &pos, &piece)) == MarkupStep::kPiece) {
    out += piece.literal;
    if (!piece.field_present) continue;
    Ref<> value(field_value(piece.field_name, a, numbering));
    if (!value) return nullptr;
    if (!piece.conversion.empty()) {
      value = Ref<>(convert(value.get(), piece.conversion));
      if (!value) return nullptr;
    }
    std::string_view spec = piece.format_spec;
    Ref<> expanded;
    if (piece.spec_needs_expanding) {
      expanded = Ref<>(build_string(spec, a, depth - 1, numbering));
      if (!expanded) return nullptr;
      spec = str_view(expanded.get());
    }
    Ref<> text(format_with_spec(value.get(), spec));
    if (!text) return nullptr;
    out += str_view(text.get());
  }
  if (step == MarkupStep::kError) return nullptr;
  return str_new(out);
}

}  // namespace

// str.format(*args, **kwargs).
Object* str_format_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Numbering numbering;
  return build_string(str_view(self), FormatArgs{args, nargs, kwnames, nullptr}, 2, &numbering);
}

// str.format_map(mapping): fields are looked up with mapping[key], so a
// dict subclass's __missing__ answers.
Object* str_format_map_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("str.format_map", kwnames) || !check_nargs("format_map", nargs, 1, 1)) return nullptr;
  Numbering numbering;
  return build_string(str_view(self), FormatArgs{nullptr, 0, nullptr, args[0]}, 2, &numbering);
}

}  // namespace ftpy

// printf-style `%` formatting of str and bytes (CPython docs' "printf-style
// String Formatting" and "printf-style Bytes Formatting"; Objects/unicodeobject.c
// PyUnicode_Format and Objects/bytesobject.c _PyBytes_FormatEx). The
// conversions reuse the format-spec pieces (format_spec.h).
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
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
#include "format_spec.h"
#include "str_methods.h"

namespace ftpy {

namespace {

// Pads `body` to spec.width counting bytes (bytes % args, where the text
// need not be UTF-8).
std::string pad_bytes(const Spec& spec, const std::string& body) {
  int64_t len = static_cast<int64_t>(body.size());
  if (spec.width <= len) return body;
  std::string fill(static_cast<size_t>(spec.width - len), ' ');
  return spec.align == '<' ? body + fill : fill + body;
}

// What %s and %b insert in bytes mode: a bytes-like object's contents, or
// what __bytes__ returns (CPython's format_obj in Objects/bytesobject.c).
bool bytes_piece(Object* arg, std::string* out) {
  if (is_bytes_like(arg)) return bytes_like_copy(arg, out);
  if (Object* hook = type_lookup(arg->ob_type, FTPY_ID("__bytes__"))) {
    Ref<> fn(descriptor_get(hook, arg, arg->ob_type));
    Ref<> b(fn ? object_call(fn.get(), nullptr, 0, nullptr) : nullptr);
    if (!b) return false;
    if (b->ob_type != &bytes_type) {
      raise_fmt(&TypeError_type, "__bytes__ returned non-bytes (type %s)", type_name(b.get()));
      return false;
    }
    return bytes_like_copy(b.get(), out);
  }
  raise_fmt(&TypeError_type, "%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'",
            type_name(arg));
  return false;
}

}  // namespace

// printf-style formatting: "%-5d|%s" % (x, y), and b"%s" % (b"x",) in bytes
// mode, where %s/%b take bytes-like objects, %r/%a give ascii(), %c a byte,
// and widths count bytes.
bool percent_format(std::string_view f, Object* args, bool bytes_mode, std::string* result) {
  std::string& out = *result;
  // A mapping supplies %(key)s: anything subscriptable but a tuple or a
  // string (CPython's PyMapping_Check test), looked up with its own
  // __getitem__ (a dict's __missing__ runs).
  bool is_mapping = args->ob_type->getitem && !is_tuple(args) && !is_str(args) &&
                    !(bytes_mode && (is_bytes(args) || is_bytearray(args)));
  Tuple* tuple = is_tuple(args) ? static_cast<Tuple*>(args) : nullptr;
  int64_t next_arg = 0;
  int64_t nargs = tuple ? tuple->size : 1;
  bool used_mapping = false;
  auto take = [&]() -> Object* {
    if (next_arg >= nargs) {
      raise(&TypeError_type, "not enough arguments for format string");
      return nullptr;
    }
    return tuple ? tuple->items[next_arg++] : (next_arg++, args);
  };
  for (size_t i = 0; i < f.size(); i++) {
    if (f[i] != '%') { out.push_back(f[i]); continue; }
    if (++i >= f.size()) return raise(&ValueError_type, "incomplete format"), false;
    Object* arg = nullptr;
    Ref<> mapped;  // holds the value a mapping returned
    if (f[i] == '(') {
      // The key runs to the matching parenthesis: '%(f(o)o)s' names 'f(o)o'.
      size_t close = i + 1;
      for (int depth = 1; close < f.size(); close++) {
        if (f[close] == '(') depth++;
        else if (f[close] == ')' && --depth == 0) break;
      }
      if (close >= f.size()) return raise(&ValueError_type, "incomplete format key"), false;
      if (!is_mapping) return raise(&TypeError_type, "format requires a mapping"), false;
      std::string_view name = f.substr(i + 1, close - i - 1);
      Ref<> key(bytes_mode ? static_cast<Object*>(bytes_new(name)) : str_new(name));
      if (!key) return false;
      mapped = Ref<>(object_getitem(args, key.get()));
      if (!mapped) return false;
      arg = mapped.get();
      used_mapping = true;
      i = close + 1;
    }
    Spec spec;
    std::string flags;
    while (i < f.size() && std::string_view("-+ #0").find(f[i]) != std::string_view::npos) flags.push_back(f[i++]);
    auto number = [&](int64_t* outv, const char* too_big) -> bool {
      if (i < f.size() && f[i] == '*') {
        Object* w = take();
        if (!w) return false;
        if (!is_int(w)) return raise(&TypeError_type, "* wants int"), false;
        if (!index_as_i64(w, outv)) return false;
        i++;
        return true;
      }
      return parse_decimal(f, &i, outv, too_big);
    };
    if (!number(&spec.width, "width too big")) return false;
    if (spec.width < 0) {  // only from '*': a negative width left-justifies
      flags.push_back('-');
      spec.width = -spec.width;
    }
    if (i < f.size() && f[i] == '.') {
      i++;
      spec.precision = 0;
      if (!number(&spec.precision, "precision too big")) return false;
      if (spec.precision < 0) spec.precision = 0;
    }
    if (!check_spec_size(spec)) return false;
    while (i < f.size() && (f[i] == 'h' || f[i] == 'l' || f[i] == 'L')) i++;  // C's length modifiers: ignored
    if (i >= f.size()) return raise(&ValueError_type, "incomplete format"), false;
    char type = f[i];
    if (type == '%') { out.push_back('%'); continue; }
    if (!arg) arg = take();
    if (!arg) return false;
    for (char c : flags) {
      if (c == '-') spec.align = '<';
      if (c == '+') spec.sign = '+';
      if (c == ' ' && spec.sign != '+') spec.sign = ' ';
      if (c == '#') spec.alternate = true;
    }
    bool zero = flags.find('0') != std::string::npos && flags.find('-') == std::string::npos;
    if (bytes_mode && (type == 's' || type == 'b' || type == 'r' || type == 'a' || type == 'c')) {
      std::string text;
      if (type == 's' || type == 'b') {
        if (!bytes_piece(arg, &text)) return false;
      } else if (type == 'c') {
        if (is_int(arg)) {
          int64_t v;
          if (!int_as_i64(arg, &v) || v < 0 || v > 255) {
            clear_error();
            return raise(&OverflowError_type, "%c arg not in range(256)"), false;
          }
          text.push_back(static_cast<char>(v));
        } else if (is_bytes_like(arg) && object_len(arg) == 1) {
          if (!bytes_like_copy(arg, &text)) return false;
        } else {
          return raise(&TypeError_type, "%c requires an integer in range(256) or a single byte"), false;
        }
      } else {
        Ref<> a(object_ascii(arg));
        if (!a) return false;
        text = std::string(str_view(a.get()));
      }
      if (spec.precision >= 0 && type != 'c' && spec.precision < static_cast<int64_t>(text.size())) {
        text.resize(static_cast<size_t>(spec.precision));
      }
      out += pad_bytes(spec, text);
      continue;
    }
    Ref<> piece;
    switch (type) {
      case 's': case 'r': case 'a': {
        Ref<> s(type == 's' ? object_str(arg) : type == 'r' ? object_repr(arg) : object_ascii(arg));
        if (!s) return false;
        std::string_view text = str_view(s.get());
        if (spec.precision >= 0 && spec.precision < static_cast<Str*>(s.get())->length) {
          text = text.substr(0, str_byte_offset(static_cast<Str*>(s.get()), spec.precision));
        }
        spec.precision = -1;
        spec.align = spec.align ? spec.align : '>';
        piece = Ref<>(str_new(pad(spec, "", std::string(text), '>')));
        break;
      }
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'c': {
        Ref<> num;
        if (type == 'c' && is_str(arg)) {
          if (static_cast<Str*>(arg)->length != 1) return raise(&TypeError_type, "%c requires int or char"), false;
          piece = Ref<>(str_new(pad(spec, "", std::string(str_view(arg)), '>')));
          break;
        }
        // CPython's mainformatlong and formatchar: %o %x %X %c take an int
        // or an __index__ object, %d %i %u whatever int() takes from a
        // number (__int__, a float's truncation).
        if (is_int(arg)) {
          num = Ref<>::borrow(arg);
        } else {
          bool number = number_check(arg);
          bool index_only = type == 'o' || type == 'x' || type == 'X' || type == 'c';
          if (number) {
            num = Ref<>(index_only ? number_index(arg) : call1(reinterpret_cast<Object*>(&int_type), arg));
            if (!num && type != 'c' && !error_matches(&TypeError_type)) return false;
          }
          if (!num) {
            clear_error();
            if (type == 'c') return raise(&TypeError_type, "%c requires int or char"), false;
            return raise_fmt(&TypeError_type, "%%%c format: %s is required, not %s", type,
                             (type == 'd' || type == 'i' || type == 'u') ? "a real number" : "an integer",
                             type_name(arg)),
                   false;
          }
        }
        if (zero) { spec.fill = "0"; spec.align = spec.align ? spec.align : '='; }
        spec.type = (type == 'i' || type == 'u') ? 'd' : type;
        int64_t prec = spec.precision;
        spec.precision = -1;
        Ref<> body(format_int(num.get(), spec));
        if (!body) return false;
        if (prec > 0) {  // %.3d pads digits with zeros
          std::string s(str_view(body.get()));
          bool neg = !s.empty() && s[0] == '-';
          std::string digits = neg ? s.substr(1) : s;
          if (static_cast<int64_t>(digits.size()) < prec) digits = std::string(prec - digits.size(), '0') + digits;
          body = Ref<>(str_new((neg ? "-" : "") + digits));
        }
        piece = std::move(body);
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        double d;
        if (!is_int(arg) && !is_float(arg)) {
          return raise_fmt(&TypeError_type, "must be real number, not %s", type_name(arg)), false;
        }
        if (!number_as_double(arg, &d)) return false;
        if (zero) { spec.fill = "0"; spec.align = spec.align ? spec.align : '='; }
        spec.type = type;
        if (spec.precision < 0) spec.precision = 6;
        piece = Ref<>(format_float(d, spec, false));
        break;
      }
      default:
        return raise_fmt(&ValueError_type, "unsupported format character '%c' (0x%x) at index %d", type, type, i), false;
    }
    if (!piece) return false;
    out += str_view(piece.get());
  }
  if (!is_mapping && next_arg < nargs && !used_mapping) {
    return raise(&TypeError_type, bytes_mode ? "not all arguments converted during bytes formatting"
                                             : "not all arguments converted during string formatting"),
           false;
  }
  return true;
}

Object* str_percent_format(Str* format, Object* args) {
  std::string out;
  return percent_format(str_view(format), args, false, &out) ? str_new(out) : nullptr;
}

}  // namespace ftpy

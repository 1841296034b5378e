// str.maketrans and str.translate (CPython Objects/unicodeobject.c:
// unicode_maketrans_impl, _PyUnicode_TranslateCharmap), with CPython's
// messages. A table is any object with __getitem__: LookupError keeps the
// character, None deletes it, an int or a str replaces it.
//
// Thread-safety: strings are immutable; the table is only read, through
// its own thread-safe __getitem__.
#include <string>

#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "str_methods.h"
#include "type_init.h"

namespace ftpy {

namespace {

// str.maketrans(x[, y[, z]]), a staticmethod.
Object* str_maketrans(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("maketrans", kwnames) || !check_nargs("maketrans", nargs, 1, 3)) return nullptr;
  Ref<Dict> table(dict_new());
  if (!table) return nullptr;
  if (nargs == 1) {
    if (!is_dict(args[0])) {
      return raise(&TypeError_type, "if you give only one argument to maketrans it must be a dict");
    }
    int64_t pos = 0;
    Object *key, *value;
    auto* d = static_cast<Dict*>(args[0]);
    while (dict_next(d, &pos, &key, &value)) {
      Ref<> k;
      if (is_str(key)) {
        if (static_cast<Str*>(key)->length != 1) {
          return raise(&ValueError_type, "string keys in translate table must be of length 1");
        }
        size_t at = 0;
        k = Ref<>(int_from_i64(decode_utf8(str_view(key), &at)));
      } else if (is_int(key)) {
        k = Ref<>::borrow(key);
      } else {
        return raise(&TypeError_type, "keys in translate table must be strings or integers");
      }
      if (dict_set(table.get(), k.get(), value) < 0) return nullptr;
    }
    return table.release();
  }
  for (size_t i = 0; i < nargs; i++) {
    if (!is_str(args[i])) {
      return raise_fmt(&TypeError_type, "maketrans() argument %d must be str, not %s", static_cast<int>(i + 1),
                       type_name(args[i]));
    }
  }
  if (static_cast<Str*>(args[0])->length != static_cast<Str*>(args[1])->length) {
    return raise(&ValueError_type, "the first two maketrans arguments must have equal length");
  }
  std::string_view x = str_view(args[0]), y = str_view(args[1]);
  size_t xi = 0, yi = 0;
  while (xi < x.size()) {
    Ref<> k(int_from_i64(decode_utf8(x, &xi)));
    Ref<> v(int_from_i64(decode_utf8(y, &yi)));
    if (!k || !v || dict_set(table.get(), k.get(), v.get()) < 0) return nullptr;
  }
  if (nargs == 3) {
    std::string_view z = str_view(args[2]);
    size_t zi = 0;
    while (zi < z.size()) {
      Ref<> k(int_from_i64(decode_utf8(z, &zi)));
      if (!k || dict_set(table.get(), k.get(), kNone) < 0) return nullptr;
    }
  }
  return table.release();
}

// str.translate(table).
Object* str_translate(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("translate", kwnames) || !check_nargs("str.translate", nargs, 1, 1)) return nullptr;
  Object* table = args[0];
  std::string_view s = str_view(self);
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    uint32_t cp = decode_utf8(s, &i);
    Ref<> key(int_from_i64(cp));
    Ref<> repl(object_getitem(table, key.get()));
    if (!repl) {
      if (!error_matches(&LookupError_type)) return nullptr;
      clear_error();
      out.append(s.substr(start, i - start));
      continue;
    }
    if (repl.get() == kNone) continue;
    if (is_int(repl.get())) {
      int64_t v;
      if (!int_as_i64(repl.get(), &v) || v < 0 || v > 0x10FFFF) {
        clear_error();
        return raise(&ValueError_type, "character mapping must be in range(0x110000)");
      }
      append_utf8(out, static_cast<uint32_t>(v));
    } else if (is_str(repl.get())) {
      out.append(str_view(repl.get()));
    } else {
      return raise(&TypeError_type, "character mapping must return integer, None or str");
    }
  }
  return str_new(out);
}

const MethodDef kMakeTrans = {"maketrans", str_maketrans};
const MethodDef kTranslate = {"translate", str_translate};

}  // namespace

void init_str_translate() {
  add_method(&str_type, &kTranslate);
  add_staticmethod(&str_type, &kMakeTrans);
}

}  // namespace ftpy

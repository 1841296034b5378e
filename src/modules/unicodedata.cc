// unicodedata (CPython Modules/unicodedata.c) on ICU's character
// properties and normalizers, the library ftpy already uses for str's
// predicates and \N{...} names.
//
// Versions: Debian 12's ICU 72 carries Unicode 15.0, CPython 3.11 has 14.0,
// and the library checks (stringprep asserts unidata_version == '14.0.0').
// So the module answers as Unicode 14.0: a character assigned later (ICU's
// u_charAge) is unassigned here, as it is in CPython 3.11. ucd_3_2_0, which
// stringprep and the idna codec use, is the same filter at 3.2 (CPython
// keeps a 3.2 delta table; properties of characters that changed after 3.2,
// a handful, and CPython's NormalizationCorrections, are today's here).
// Both filter normalization with ICU's FilteredNormalizer2 over the
// characters of their version (design/stdlib.md).
//
// Thread-safety: stateless. ICU's property lookups and Normalizer2
// instances are immutable and safe from any thread; the filtered
// normalizers and the named-sequence table are built once (function-local
// statics).
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "ftpy/class.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/unicode_names.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

Type ucd_type;

// A UCD object: the module's functions as methods, for one Unicode version.
struct Ucd : Object {
  bool v3_2;  // ucd_3_2_0; false: the module's own version (14.0)
};

// ---- versions ----

bool assigned_by(uint32_t cp, bool v3_2) {
  UVersionInfo age;
  u_charAge(static_cast<UChar32>(cp), age);
  if (age[0] == 0 && age[1] == 0) return false;  // unassigned in ICU's data
  int major = v3_2 ? 3 : 14, minor = v3_2 ? 2 : 0;
  return age[0] < major || (age[0] == major && age[1] <= minor);
}

// The characters a version has, for its filtered normalizers.
const icu::UnicodeSet& version_set(bool v3_2) {
  static icu::UnicodeSet* sets[2];
  static std::once_flag once;
  std::call_once(once, [] {
    for (int i = 0; i < 2; i++) {
      UErrorCode status = U_ZERO_ERROR;
      sets[i] = new icu::UnicodeSet(icu::UnicodeString(i ? "[:age=3.2:]" : "[:age=14.0:]"), status);
      sets[i]->freeze();
    }
  });
  return *sets[v3_2 ? 1 : 0];
}

// ---- the character argument ----

// chr, a str of one character (Argument Clinic's `int(accept={str})`):
// "category() argument must be a unicode character, not str"; functions
// of two parameters say "argument 1".
bool char_arg(const char* fname, bool several_params, Object* o, uint32_t* cp) {
  if (!is_str(o) || static_cast<Str*>(o)->length != 1) {
    raise_fmt(&TypeError_type, "%s() argument%s must be a unicode character, not %s", fname,
              several_params ? " 1" : "", type_name(o));
    return false;
  }
  size_t pos = 0;
  *cp = decode_utf8(str_view(o), &pos);
  return true;
}

// ---- properties ----

const char* const kCategories[] = {"Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd",
                                   "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cs", "Pd",
                                   "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf"};
const char* const kBidi[] = {"L",   "R",   "EN",  "ES",  "ET",  "AN",  "CS", "B",   "S",   "WS",  "ON", "LRE",
                             "LRO", "AL",  "RLE", "RLO", "PDF", "NSM", "BN", "FSI", "LRI", "RLI", "PDI"};
const char* const kEastAsianWidths[] = {"N", "A", "H", "F", "Na", "W"};
const char* const kDecompositionTags[] = {"",           "",          "<compat>", "<circle>",   "<final>",
                                          "<font>",     "<fraction>", "<initial>", "<isolated>", "<medial>",
                                          "<narrow>",   "<noBreak>", "<small>",  "<square>",   "<sub>",
                                          "<super>",    "<vertical>", "<wide>"};

template <size_t N>
Object* table_str(const char* const (&table)[N], int32_t index) {
  return str_new(index >= 0 && static_cast<size_t>(index) < N ? table[index] : "");
}

Object* category(bool v3_2, uint32_t cp) {
  return table_str(kCategories, assigned_by(cp, v3_2) ? u_charType(static_cast<UChar32>(cp)) : 0);
}

Object* bidirectional(bool v3_2, uint32_t cp) {
  if (!assigned_by(cp, v3_2)) return str_new("");
  return table_str(kBidi, u_charDirection(static_cast<UChar32>(cp)));
}

Object* combining(bool v3_2, uint32_t cp) {
  return int_from_i64(assigned_by(cp, v3_2) ? u_getCombiningClass(static_cast<UChar32>(cp)) : 0);
}

Object* mirrored(bool v3_2, uint32_t cp) {
  return int_from_i64(assigned_by(cp, v3_2) && u_isMirrored(static_cast<UChar32>(cp)) ? 1 : 0);
}

// An unassigned character reads CPython's empty record, whose width index 0
// names "F".
Object* east_asian_width(bool v3_2, uint32_t cp) {
  if (!assigned_by(cp, v3_2)) return str_new("F");
  return table_str(kEastAsianWidths, u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH));
}

// UnicodeData.txt's decomposition field: "<tag> XXXX YYYY" (no tag for a
// canonical one); empty for Hangul syllables, whose decomposition is
// algorithmic, as in CPython.
Object* decomposition(bool v3_2, uint32_t cp) {
  if (!assigned_by(cp, v3_2) || (cp >= 0xAC00 && cp <= 0xD7A3)) return str_new("");
  int32_t type = u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_DECOMPOSITION_TYPE);
  if (type == U_DT_NONE) return str_new("");
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = type == U_DT_CANONICAL ? icu::Normalizer2::getNFCInstance(status)
                                                     : icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString raw;
  if (U_FAILURE(status) || !n->getRawDecomposition(static_cast<UChar32>(cp), raw)) return str_new("");
  std::string out = type < static_cast<int32_t>(std::size(kDecompositionTags)) ? kDecompositionTags[type] : "";
  for (int32_t i = 0; i < raw.length(); i = raw.moveIndex32(i, 1)) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(raw.char32At(i)));
    if (!out.empty()) out.push_back(' ');
    out += hex;
  }
  return str_new(out);
}

enum class NumberKind { kDecimal, kDigit, kNumeric };

// decimal(), digit() and numeric(): the value, `fallback` if given, or
// ValueError.
Object* number_value(bool v3_2, uint32_t cp, NumberKind kind, Object* fallback) {
  auto c = static_cast<UChar32>(cp);
  int32_t type = assigned_by(cp, v3_2) ? u_getIntPropertyValue(c, UCHAR_NUMERIC_TYPE) : U_NT_NONE;
  double value = u_getNumericValue(c);
  bool ok = kind == NumberKind::kDecimal ? type == U_NT_DECIMAL
            : kind == NumberKind::kDigit ? type == U_NT_DECIMAL || type == U_NT_DIGIT
                                         : type != U_NT_NONE && value != U_NO_NUMERIC_VALUE;
  if (ok) return kind == NumberKind::kNumeric ? float_from(value) : int_from_i64(static_cast<int64_t>(value));
  if (fallback) return newref(fallback);
  return raise(&ValueError_type, kind == NumberKind::kDecimal ? "not a decimal"
                                 : kind == NumberKind::kDigit ? "not a digit"
                                                              : "not a numeric character");
}

Object* name(bool v3_2, uint32_t cp, Object* fallback) {
  char buf[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = assigned_by(cp, v3_2)
                  ? u_charName(static_cast<UChar32>(cp), U_UNICODE_CHAR_NAME, buf, sizeof buf, &status)
                  : 0;
  if (U_SUCCESS(status) && n > 0) return str_new(std::string_view(buf, static_cast<size_t>(n)));
  if (fallback) return newref(fallback);
  return raise(&ValueError_type, "no such name");
}

// NamedSequences.txt: `NAME;XXXX YYYY ...`, which lookup() knows and \N{}
// does not.
const absl::flat_hash_map<std::string, std::string>& named_sequences() {
  static const auto* table = [] {
    auto* t = new absl::flat_hash_map<std::string, std::string>();
    std::ifstream in(FTPY_UNICODE_DATA_DIR "/NamedSequences.txt");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> fields = absl::StrSplit(line, ';');
      if (fields.size() < 2) continue;
      std::string text;
      for (const std::string& hex : std::vector<std::string>(absl::StrSplit(fields[1], ' ', absl::SkipEmpty()))) {
        append_utf8(text, static_cast<uint32_t>(std::strtoul(hex.c_str(), nullptr, 16)));
      }
      t->emplace(absl::AsciiStrToUpper(fields[0]), std::move(text));
    }
    return t;
  }();
  return *table;
}

Object* lookup(bool v3_2, Object* arg) {
  std::string_view text;
  if (is_str(arg)) {
    text = str_view(arg);
  } else {
    return raise_fmt(&TypeError_type, "lookup() argument must be str, not %s", type_name(arg));
  }
  if (text.size() > 256) return raise(&KeyError_type, "name too long");
  std::string upper = absl::AsciiStrToUpper(std::string(text));
  char cname[300];
  UErrorCode status = U_ZERO_ERROR;
  UChar32 cp = u_charFromName(U_UNICODE_CHAR_NAME, upper.c_str(), &status);
  if (U_SUCCESS(status) && assigned_by(static_cast<uint32_t>(cp), v3_2)) return str_from_codepoint(static_cast<uint32_t>(cp));
  if (!v3_2) {  // aliases and named sequences are not in the 3.2 database
    if (auto alias = lookup_unicode_name(upper); alias && assigned_by(*alias, false)) return str_from_codepoint(*alias);
    auto it = named_sequences().find(upper);
    if (it != named_sequences().end()) return str_new(it->second);
  }
  std::snprintf(cname, sizeof cname, "undefined character name '%.*s'", static_cast<int>(text.size()),
                text.data());
  Ref<> message(str_new(cname));
  if (!message) return nullptr;
  Ref<> exc(call1(&KeyError_type, message.get()));
  if (exc) raise_object(exc.release());
  return nullptr;
}

// ---- normalization ----

// The normalizer for a form name and version (nullptr: not a form): ICU's,
// filtered to the version's characters, one per form and version.
const icu::Normalizer2* normalizer(std::string_view form, bool v3_2) {
  int f = form == "NFC" ? 0 : form == "NFD" ? 1 : form == "NFKC" ? 2 : form == "NFKD" ? 3 : -1;
  if (f < 0) return nullptr;
  static const icu::Normalizer2* filtered[2][4];
  static std::once_flag once;
  std::call_once(once, [] {
    for (int v = 0; v < 2; v++) {
      UErrorCode s = U_ZERO_ERROR;
      const icu::Normalizer2* forms[] = {icu::Normalizer2::getNFCInstance(s), icu::Normalizer2::getNFDInstance(s),
                                         icu::Normalizer2::getNFKCInstance(s), icu::Normalizer2::getNFKDInstance(s)};
      for (int i = 0; i < 4; i++) filtered[v][i] = new icu::FilteredNormalizer2(*forms[i], version_set(v == 1));
    }
  });
  return filtered[v3_2 ? 1 : 0][f];
}

// A str as UTF-16 for ICU (lone surrogates stay lone) and back.
icu::UnicodeString to_icu(std::string_view s) {
  icu::UnicodeString out;
  for (size_t pos = 0; pos < s.size();) out.append(static_cast<UChar32>(decode_utf8(s, &pos)));
  return out;
}

Object* from_icu(const icu::UnicodeString& s) {
  std::string out;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) append_utf8(out, static_cast<uint32_t>(s.char32At(i)));
  return str_new(out);
}

Object* normalize_impl(bool v3_2, Args args, size_t nargs, bool only_check) {
  const char* fname = only_check ? "is_normalized" : "normalize";
  if (!check_nargs(fname, nargs, 2, 2)) return nullptr;
  for (size_t i = 0; i < 2; i++) {
    if (!is_str(args[i])) {
      return raise_fmt(&TypeError_type, "%s() argument %d must be str, not %s", fname, static_cast<int>(i + 1),
                       type_name(args[i]));
    }
  }
  const icu::Normalizer2* n = normalizer(str_view(args[0]), v3_2);
  if (!n) return raise(&ValueError_type, "invalid normalization form");
  Str* text = static_cast<Str*>(args[1]);
  if (text->is_ascii) return only_check ? newref(kTrue) : newref(text);  // ASCII is normalized in every form
  icu::UnicodeString source = to_icu(str_view(text));
  UErrorCode status = U_ZERO_ERROR;
  if (only_check) {
    bool normalized = n->isNormalized(source, status);
    if (U_FAILURE(status)) return raise(&ValueError_type, "normalization failed");
    return newref(bool_from(normalized));
  }
  icu::UnicodeString result = n->normalize(source, status);
  if (U_FAILURE(status)) return raise(&ValueError_type, "normalization failed");
  if (result == source) return newref(text);
  return from_icu(result);
}

// ---- the functions, as module functions and as UCD methods ----

using Impl = Object* (*)(bool v3_2, Args args, size_t nargs, Tuple* kwnames);

template <Object* (*Prop)(bool, uint32_t)>
Object* one_char(const char* fname, bool v3_2, Args args, size_t nargs, Tuple* kwnames) {
  uint32_t cp;
  if (!check_no_kwargs(fname, kwnames) || !check_nargs(fname, nargs, 1, 1) || !char_arg(fname, false, args[0], &cp)) {
    return nullptr;
  }
  return Prop(v3_2, cp);
}

Object* number_fn(const char* fname, NumberKind kind, bool v3_2, Args args, size_t nargs, Tuple* kwnames) {
  uint32_t cp;
  if (!check_no_kwargs(fname, kwnames) || !check_nargs(fname, nargs, 1, 2) || !char_arg(fname, true, args[0], &cp)) {
    return nullptr;
  }
  return number_value(v3_2, cp, kind, nargs == 2 ? args[1] : nullptr);
}

Object* category_i(bool v, Args a, size_t n, Tuple* k) { return one_char<category>("category", v, a, n, k); }
Object* bidirectional_i(bool v, Args a, size_t n, Tuple* k) {
  return one_char<bidirectional>("bidirectional", v, a, n, k);
}
Object* combining_i(bool v, Args a, size_t n, Tuple* k) { return one_char<combining>("combining", v, a, n, k); }
Object* mirrored_i(bool v, Args a, size_t n, Tuple* k) { return one_char<mirrored>("mirrored", v, a, n, k); }
Object* east_asian_width_i(bool v, Args a, size_t n, Tuple* k) {
  return one_char<east_asian_width>("east_asian_width", v, a, n, k);
}
Object* decomposition_i(bool v, Args a, size_t n, Tuple* k) {
  return one_char<decomposition>("decomposition", v, a, n, k);
}
Object* decimal_i(bool v, Args a, size_t n, Tuple* k) { return number_fn("decimal", NumberKind::kDecimal, v, a, n, k); }
Object* digit_i(bool v, Args a, size_t n, Tuple* k) { return number_fn("digit", NumberKind::kDigit, v, a, n, k); }
Object* numeric_i(bool v, Args a, size_t n, Tuple* k) { return number_fn("numeric", NumberKind::kNumeric, v, a, n, k); }
Object* name_i(bool v, Args a, size_t n, Tuple* k) {
  uint32_t cp;
  if (!check_no_kwargs("name", k) || !check_nargs("name", n, 1, 2) || !char_arg("name", true, a[0], &cp)) return nullptr;
  return name(v, cp, n == 2 ? a[1] : nullptr);
}
Object* lookup_i(bool v, Args a, size_t n, Tuple* k) {
  if (!check_no_kwargs("lookup", k) || !check_nargs("lookup", n, 1, 1)) return nullptr;
  return lookup(v, a[0]);
}
Object* normalize_i(bool v, Args a, size_t n, Tuple* k) {
  return check_no_kwargs("normalize", k) ? normalize_impl(v, a, n, false) : nullptr;
}
Object* is_normalized_i(bool v, Args a, size_t n, Tuple* k) {
  return check_no_kwargs("is_normalized", k) ? normalize_impl(v, a, n, true) : nullptr;
}

template <Impl F>
Object* as_function(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return F(false, args, nargs, kwnames);
}

template <Impl F>
Object* as_method(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return F(static_cast<Ucd*>(self)->v3_2, args, nargs, kwnames);
}

#define FTPY_UCD_FUNCTIONS(WRAP)                                                                           \
  {"category", WRAP<category_i>}, {"bidirectional", WRAP<bidirectional_i>}, {"combining", WRAP<combining_i>}, \
      {"mirrored", WRAP<mirrored_i>}, {"east_asian_width", WRAP<east_asian_width_i>},                       \
      {"decomposition", WRAP<decomposition_i>}, {"decimal", WRAP<decimal_i>}, {"digit", WRAP<digit_i>},     \
      {"numeric", WRAP<numeric_i>}, {"name", WRAP<name_i>}, {"lookup", WRAP<lookup_i>},                    \
      {"normalize", WRAP<normalize_i>}, {"is_normalized", WRAP<is_normalized_i>}, {nullptr, nullptr}

const MethodDef kFunctions[] = {FTPY_UCD_FUNCTIONS(as_function)};
const MethodDef kMethods[] = {FTPY_UCD_FUNCTIONS(as_method)};

Object* ucd_getattr(Object* o, Str* attr) {
  if (str_view(attr) == "unidata_version") return str_new(static_cast<Ucd*>(o)->v3_2 ? "3.2.0" : "14.0.0");
  return generic_getattr(o, attr);
}

void init_types() {
  ucd_type.name = "unicodedata.UCD";
  ucd_type.getattr = ucd_getattr;
  ucd_type.dealloc = [](Object* o) { free_object(o); };
  init_static_type(&ucd_type);
  add_methods(&ucd_type, kMethods);
  add_native_attrs(&ucd_type, {}, {"unidata_version"});
}

Module* make_unicodedata_module() {
  static std::once_flag once;
  std::call_once(once, init_types);
  Ref<Module> module(module_new("unicodedata"));
  if (!module) return nullptr;
  Module* m = module.get();
  add_functions(m->dict, m, kFunctions);
  auto* ucd = alloc_object<Ucd>(&ucd_type);
  if (!ucd) return nullptr;
  ucd->v3_2 = true;
  Ref<> ucd_ref(ucd);
  Ref<> version(str_new("14.0.0"));
  if (!version || dict_set_str(m->dict, "ucd_3_2_0", ucd) < 0 || dict_set_str(m->dict, "UCD", &ucd_type) < 0 ||
      dict_set_str(m->dict, "unidata_version", version.get()) < 0) {
    return nullptr;
  }
  return module.release();
}

}  // namespace

void init_unicodedata_module() { register_lazy_module("unicodedata", make_unicodedata_module); }

}  // namespace ftpy

// `_sre`, the native half of CPython 3.11's re package: the module
// functions re/_compiler.py calls and re.Pattern, after CPython's
// Modules/_sre/sre.c. The engine is in sre_engine.cc; re.Match and the
// scanner are in sre_match.cc.
//
// Differences from CPython, on purpose (design/stdlib.md):
//   - Character properties come from ICU 72 (Unicode 15), CPython 3.11's
//     from Unicode 14.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "ftpy/builtin_subclass.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/generic_alias.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/pyhash.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "module_init.h"
#include "sre_objects.h"

namespace ftpy {

Type pattern_type;

namespace {

using Args = Object* const*;

constexpr int64_t kFlagUnicode = 32, kFlagLocale = 4, kFlagAscii = 256;

PatternObject* as_pattern(Object* o) { return static_cast<PatternObject*>(o); }

void pattern_dealloc(Object* o) {
  PatternObject* p = as_pattern(o);
  clear_weakrefs(o, &p->weaklist);
  decref(p->pattern);
  decref(p->groupindex);
  decref(p->indexgroup);
  delete p->code;
  gc_free_object(o);
}

// re.Pattern, re.Match and the scanner are tracked by the cycle collector,
// as CPython's (pattern_traverse, match_traverse, scanner_traverse): a
// subject or pattern of a str subclass can hold its own match. All three
// are immutable once made, but for the scanner's position.
void pattern_traverse(Object* o, GcVisitFn visit, void* arg) {
  PatternObject* p = as_pattern(o);
  gc_visit_each(visit, arg, p->pattern, p->groupindex, p->indexgroup);
}

// (string, pos=0, endpos=sys.maxsize), the arguments of match, search,
// fullmatch, findall, finditer and scanner.
bool bounds_args(const char* fname, Args args, size_t nargs, Tuple* kwnames, Object** string, int64_t* pos,
                 int64_t* endpos) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args(fname, args, nargs, kwnames, {"string", "pos", "endpos"}, 1, a)) return false;
  *string = a[0];
  *pos = 0;
  *endpos = INT64_MAX;
  if (a[1] && !index_as_i64(a[1], pos)) return false;
  if (a[2] && !index_as_i64(a[2], endpos)) return false;
  return true;
}

enum class Kind { kMatch, kFullMatch, kSearch };

Object* run(Object* self, Args args, size_t nargs, Tuple* kwnames, const char* fname, Kind kind) {
  PatternObject* p = as_pattern(self);
  Object* string;
  int64_t pos, endpos;
  if (!bounds_args(fname, args, nargs, kwnames, &string, &pos, &endpos)) return nullptr;
  Subject subject;
  sre::State st;
  if (!subject.init(p, string) || !subject.prepare(p, &st, pos, endpos)) return nullptr;
  st.match_all = kind == Kind::kFullMatch;
  int64_t status = kind == Kind::kSearch ? sre::search(st, p->view()) : sre::match(st, p->view());
  return sre_match_result(p, subject, st, status);
}

Object* p_match(Object* s, Args a, size_t n, Tuple* k) { return run(s, a, n, k, "match", Kind::kMatch); }
Object* p_fullmatch(Object* s, Args a, size_t n, Tuple* k) { return run(s, a, n, k, "fullmatch", Kind::kFullMatch); }
Object* p_search(Object* s, Args a, size_t n, Tuple* k) { return run(s, a, n, k, "search", Kind::kSearch); }

// Group `index` (1-based) of the state's last match: its text, or the
// empty string / None when it did not take part (sre.c's state_getslice).
Object* state_group(const Subject& subject, const sre::State& st, int64_t index, bool empty) {
  int64_t j = (index - 1) * 2;
  if (j >= st.lastmark || st.marks[static_cast<size_t>(j)] < 0 || st.marks[static_cast<size_t>(j) + 1] < 0) {
    return empty ? subject.slice(0, 0) : newref(kNone);
  }
  int64_t a = st.marks[static_cast<size_t>(j)], b = st.marks[static_cast<size_t>(j) + 1];
  if (a > b) {
    return raise(&SystemError_type, "The span of capturing group is wrong, please report a bug for the re module.");
  }
  return subject.slice(a, b);
}

// The next match from st.start, as findall, split and sub step: 1, 0, or
// nullptr-worthy error (< 0, exception set).
int64_t next_match(sre::State& st, PatternObject* p) {
  st.reset();
  st.ptr = st.start;
  int64_t status = sre::search(st, p->view());
  if (status < 0) sre_error(status);
  return status;
}

// After a match: an empty one at the same place may not follow.
void advance(sre::State& st) {
  st.must_advance = st.ptr == st.start;
  st.start = st.ptr;
}

Object* p_findall(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  PatternObject* p = as_pattern(self);
  Object* string;
  int64_t pos, endpos;
  if (!bounds_args("findall", args, nargs, kwnames, &string, &pos, &endpos)) return nullptr;
  Subject subject;
  sre::State st;
  if (!subject.init(p, string) || !subject.prepare(p, &st, pos, endpos)) return nullptr;
  Ref<List> out(list_new());
  if (!out) return nullptr;
  while (st.start <= st.end) {
    int64_t status = next_match(st, p);
    if (status < 0) return nullptr;
    if (status == 0) break;
    Ref<> item;
    if (p->groups == 0) {
      item = Ref<>(subject.slice(st.start, st.ptr));
    } else if (p->groups == 1) {
      item = Ref<>(state_group(subject, st, 1, true));
    } else {
      Ref<Tuple> t(tuple_new(p->groups));
      if (!t) return nullptr;
      for (int64_t g = 0; g < p->groups; g++) t->items[g] = nullptr;
      for (int64_t g = 0; g < p->groups; g++) {
        t->items[g] = state_group(subject, st, g + 1, true);
        if (!t->items[g]) {
          for (int64_t r = g; r < p->groups; r++) t->items[r] = newref(kNone);
          return nullptr;
        }
      }
      item = Ref<>(t.release());
    }
    if (!item || list_append(out.get(), item.get()) < 0) return nullptr;
    advance(st);
  }
  return out.release();
}

Object* p_scanner(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* string;
  int64_t pos, endpos;
  if (!bounds_args("scanner", args, nargs, kwnames, &string, &pos, &endpos)) return nullptr;
  return sre_scanner_new(as_pattern(self), string, pos, endpos);
}

// iter(scanner.search, None), as CPython's finditer.
Object* p_finditer(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* string;
  int64_t pos, endpos;
  if (!bounds_args("finditer", args, nargs, kwnames, &string, &pos, &endpos)) return nullptr;
  Ref<> scanner(sre_scanner_new(as_pattern(self), string, pos, endpos));
  if (!scanner) return nullptr;
  Ref<> search(object_getattr(scanner.get(), FTPY_ID("search")));
  if (!search) return nullptr;
  return callable_iterator_new(search.get(), kNone);
}

Object* p_split(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  PatternObject* p = as_pattern(self);
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("split", args, nargs, kwnames, {"string", "maxsplit"}, 1, a)) return nullptr;
  int64_t maxsplit = 0;
  if (a[1] && !index_as_i64(a[1], &maxsplit)) return nullptr;
  Subject subject;
  sre::State st;
  if (!subject.init(p, a[0]) || !subject.prepare(p, &st, 0, INT64_MAX)) return nullptr;
  Ref<List> out(list_new());
  if (!out) return nullptr;
  int64_t n = 0, last = st.start;
  while (!maxsplit || n < maxsplit) {
    int64_t status = next_match(st, p);
    if (status < 0) return nullptr;
    if (status == 0) break;
    Ref<> piece(subject.slice(last, st.start));
    if (!piece || list_append(out.get(), piece.get()) < 0) return nullptr;
    for (int64_t g = 1; g <= p->groups; g++) {
      Ref<> group(state_group(subject, st, g, false));
      if (!group || list_append(out.get(), group.get()) < 0) return nullptr;
    }
    n++;
    advance(st);
    last = st.start;
  }
  Ref<> rest(subject.slice(last, st.endpos));
  if (!rest || list_append(out.get(), rest.get()) < 0) return nullptr;
  return out.release();
}

// sub and subn (sre.c's pattern_subx). A replacement without a backslash
// is used as it is; any other goes through re._subx, which parses the
// template and gives back a literal or a function of the match.
Object* subx(PatternObject* p, Object* repl, Object* string, int64_t count, bool subn) {
  Ref<> filter(newref(repl));
  bool is_callable = repl->ob_type->call != nullptr;
  if (!is_callable) {
    bool literal = false;
    if (is_str(repl)) {
      literal = str_view(repl).find('\\') == std::string_view::npos;
    } else if (is_bytes_like(repl)) {
      std::string text;
      if (!bytes_like_copy(repl, &text)) return nullptr;
      literal = text.find('\\') == std::string::npos;
    }
    if (!literal) {
      Ref<> re(import_module(FTPY_ID("re")));
      if (!re) return nullptr;
      Ref<> compile_repl(object_getattr(re.get(), FTPY_ID("_subx")));
      if (!compile_repl) return nullptr;
      filter = Ref<>(call2(compile_repl.get(), p, repl));
      if (!filter) return nullptr;
      is_callable = filter->ob_type->call != nullptr;
    }
  }
  Subject subject;
  sre::State st;
  if (!subject.init(p, string) || !subject.prepare(p, &st, 0, INT64_MAX)) return nullptr;
  Ref<List> pieces(list_new());
  if (!pieces) return nullptr;
  int64_t n = 0, i = 0;
  while (!count || n < count) {
    int64_t status = next_match(st, p);
    if (status < 0) return nullptr;
    if (status == 0) break;
    int64_t b = st.start, e = st.ptr;
    if (i < b) {
      Ref<> piece(subject.slice(i, b));
      if (!piece || list_append(pieces.get(), piece.get()) < 0) return nullptr;
    }
    Ref<> item;
    if (is_callable) {
      Ref<> match(sre_match_result(p, subject, st, 1));
      if (!match) return nullptr;
      item = Ref<>(call1(filter.get(), match.get()));
      if (!item) return nullptr;
    } else {
      item = filter;
    }
    if (item.get() != kNone && list_append(pieces.get(), item.get()) < 0) return nullptr;
    i = e;
    n++;
    advance(st);
  }
  if (i < st.endpos) {
    Ref<> piece(subject.slice(i, st.endpos));
    if (!piece || list_append(pieces.get(), piece.get()) < 0) return nullptr;
  }
  Ref<> joiner(subject.slice(0, 0));
  if (!joiner) return nullptr;
  Ref<> result;
  if (list_size(pieces.get()) == 0) {
    result = joiner;
  } else {
    Object* join_args[] = {pieces.get()};
    result = Ref<>(call_method(joiner.get(), "join", join_args, 1));
    if (!result) return nullptr;
  }
  if (!subn) return result.release();
  Ref<> count_obj(int_from_i64(n));
  return count_obj ? tuple_pack({result.get(), count_obj.get()}) : nullptr;
}

Object* sub_common(Object* self, Args args, size_t nargs, Tuple* kwnames, const char* fname, bool subn) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args(fname, args, nargs, kwnames, {"repl", "string", "count"}, 2, a)) return nullptr;
  int64_t count = 0;
  if (a[2] && !index_as_i64(a[2], &count)) return nullptr;
  return subx(as_pattern(self), a[0], a[1], count, subn);
}

Object* p_sub(Object* s, Args a, size_t n, Tuple* k) { return sub_common(s, a, n, k, "sub", false); }
Object* p_subn(Object* s, Args a, size_t n, Tuple* k) { return sub_common(s, a, n, k, "subn", true); }

Object* p_copy(Object* self, Args, size_t nargs, Tuple*) {
  return check_nargs("__copy__", nargs, 0, 0) ? newref(self) : nullptr;
}

Object* p_deepcopy(Object* self, Args, size_t nargs, Tuple*) {
  return check_nargs("__deepcopy__", nargs, 1, 1) ? newref(self) : nullptr;
}

// re.compile('...', re.IGNORECASE|re.MULTILINE), the source cut to 200
// code points as CPython's %.200R.
Object* pattern_repr(Object* self) {
  PatternObject* p = as_pattern(self);
  std::string source;
  if (!repr_string(p->pattern, &source)) return nullptr;
  std::string cut;
  size_t pos = 0;
  for (int n = 0; n < 200 && pos < source.size(); n++) append_utf8(cut, decode_utf8(source, &pos));
  int64_t flags = p->flags;
  if (p->is_bytes == 0 && (flags & (kFlagLocale | kFlagUnicode | kFlagAscii)) == kFlagUnicode) flags &= ~kFlagUnicode;
  if (flags == 0) return str_new("re.compile(" + cut + ")");
  static const char* const kNames[] = {"TEMPLATE", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL",
                                       "UNICODE",  "VERBOSE",    "DEBUG",  "ASCII"};
  std::string names;
  for (int bit = 0; bit < 9; bit++) {
    if (!(flags & (int64_t{1} << bit))) continue;
    if (!names.empty()) names += '|';
    names += std::string("re.") + kNames[bit];
    flags &= ~(int64_t{1} << bit);
  }
  if (flags) {
    char hex[32];
    std::snprintf(hex, sizeof(hex), "0x%llx", static_cast<unsigned long long>(flags));
    if (!names.empty()) names += '|';
    names += hex;
  }
  return str_new("re.compile(" + cut + ", " + names + ")");
}

Object* pattern_compare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::kEq && op != CompareOp::kNe) || b->ob_type != &pattern_type) return newref(kNotImplemented);
  PatternObject *x = as_pattern(a), *y = as_pattern(b);
  int eq = 1;
  if (x != y) {
    eq = x->flags == y->flags && x->is_bytes == y->is_bytes && *x->code == *y->code;
    if (eq) {
      eq = object_equal(x->pattern, y->pattern);
      if (eq < 0) return nullptr;
    }
  }
  return newref(bool_from((eq != 0) == (op == CompareOp::kEq)));
}

int64_t pattern_hash(Object* self) {
  PatternObject* p = as_pattern(self);
  int64_t h = object_hash(p->pattern);
  if (h == -1) return -1;
  uint64_t mixed = static_cast<uint64_t>(h) ^ static_cast<uint64_t>(hash_bytes(p->code->data(), p->code->size() * 4));
  mixed ^= static_cast<uint64_t>(p->flags) * 1000003u ^ static_cast<uint64_t>(p->is_bytes + 1);
  int64_t r = static_cast<int64_t>(mixed);
  return r == -1 ? -2 : r;
}

Object* pattern_getattr(Object* self, Str* name) {
  PatternObject* p = as_pattern(self);
  std::string_view n = str_view(name);
  if (n == "pattern") return newref(p->pattern);
  if (n == "flags") return int_from_i64(p->flags);
  if (n == "groups") return int_from_i64(p->groups);
  if (n == "groupindex") return mappingproxy_new(p->groupindex);
  return generic_getattr(self, name);
}

const MethodDef kPatternMethods[] = {
    {"match", p_match},     {"fullmatch", p_fullmatch}, {"search", p_search},   {"findall", p_findall},
    {"finditer", p_finditer}, {"scanner", p_scanner},   {"split", p_split},     {"sub", p_sub},
    {"subn", p_subn},       {"__copy__", p_copy},       {"__deepcopy__", p_deepcopy}, {nullptr, nullptr},
};

// ---- the module ----

// _sre.compile(pattern, flags, code, groups, groupindex, indexgroup), as
// re/_compiler.py calls it.
Object* m_compile(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[6] = {};
  if (!parse_args("compile", args, nargs, kwnames, {"pattern", "flags", "code", "groups", "groupindex", "indexgroup"},
                  6, a)) {
    return nullptr;
  }
  int64_t flags, groups;
  if (!is_int(a[1])) return raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(a[1]));
  if (!int_as_i64(a[1], &flags)) return nullptr;
  if (!is_list(a[2])) return raise_fmt(&TypeError_type, "compile() argument 'code' must be list, not %s", type_name(a[2]));
  if (!index_as_i64(a[3], &groups)) return nullptr;
  if (!is_dict(a[4])) {
    return raise_fmt(&TypeError_type, "compile() argument 'groupindex' must be dict, not %s", type_name(a[4]));
  }
  if (!is_tuple(a[5])) {
    return raise_fmt(&TypeError_type, "compile() argument 'indexgroup' must be tuple, not %s", type_name(a[5]));
  }
  if (groups < 0 || groups > sre::kMaxGroups) return raise(&RuntimeError_type, "invalid SRE code");
  int is_bytes_pattern = -1;
  if (a[0] != kNone) {
    if (is_str(a[0])) {
      is_bytes_pattern = 0;
    } else if (is_bytes_like(a[0])) {
      is_bytes_pattern = 1;
    } else {
      return raise_fmt(&TypeError_type, "expected string or bytes-like object, got '%s'", type_name(a[0]));
    }
  }
  auto code = std::make_unique<std::vector<uint32_t>>();
  auto* list = static_cast<List*>(a[2]);
  for (int64_t i = 0; i < list_size(list); i++) {
    Ref<> item(list_item_ref(list, i));
    if (!item) break;
    if (!is_int(item.get())) {
      return raise_fmt(&TypeError_type, "an integer is required (got type %s)", type_name(item.get()));
    }
    int64_t v;
    if (!int_as_i64(item.get(), &v) || v < 0 || v > 0xFFFFFFFFll) {
      clear_error();
      return raise(&OverflowError_type, "regular expression code size limit exceeded");
    }
    code->push_back(static_cast<uint32_t>(v));
  }
  if (!sre::validate({code->data(), code->size()}, groups)) return raise(&RuntimeError_type, "invalid SRE code");
  Ref<Dict> groupindex(dict_copy(static_cast<Dict*>(a[4])));
  if (!groupindex) return nullptr;
  auto* p = gc_alloc_object<PatternObject>(&pattern_type);
  if (!p) return nullptr;
  p->pattern = newref(a[0]);
  p->groupindex = groupindex.release();
  p->indexgroup = newref(a[5]);
  p->flags = flags;
  p->groups = groups;
  p->is_bytes = is_bytes_pattern;
  p->code = code.release();
  p->weaklist = nullptr;
  return p;
}

// The one-character functions re/_compiler.py uses for IGNORECASE.
bool char_arg(const char* fname, Args args, size_t nargs, uint32_t* out) {
  if (!check_nargs(fname, nargs, 1, 1)) return false;
  int64_t v;
  if (!is_int(args[0])) {
    raise_fmt(&TypeError_type, "'%s' object cannot be interpreted as an integer", type_name(args[0]));
    return false;
  }
  if (!int_as_i64(args[0], &v)) return false;
  *out = static_cast<uint32_t>(v);
  return true;
}

Object* m_ascii_iscased(Object*, Args args, size_t nargs, Tuple*) {
  uint32_t ch;
  return char_arg("ascii_iscased", args, nargs, &ch) ? newref(bool_from(sre::ascii_iscased(ch))) : nullptr;
}
Object* m_unicode_iscased(Object*, Args args, size_t nargs, Tuple*) {
  uint32_t ch;
  return char_arg("unicode_iscased", args, nargs, &ch) ? newref(bool_from(sre::unicode_iscased(ch))) : nullptr;
}
Object* m_ascii_tolower(Object*, Args args, size_t nargs, Tuple*) {
  uint32_t ch;
  return char_arg("ascii_tolower", args, nargs, &ch) ? int_from_i64(sre::ascii_tolower(ch)) : nullptr;
}
Object* m_unicode_tolower(Object*, Args args, size_t nargs, Tuple*) {
  uint32_t ch;
  return char_arg("unicode_tolower", args, nargs, &ch) ? int_from_i64(sre::unicode_tolower(ch)) : nullptr;
}
Object* m_getcodesize(Object*, Args, size_t nargs, Tuple*) {
  return check_nargs("getcodesize", nargs, 0, 0) ? int_from_i64(4) : nullptr;
}

const MethodDef kModuleFunctions[] = {
    {"compile", m_compile},           {"ascii_iscased", m_ascii_iscased}, {"unicode_iscased", m_unicode_iscased},
    {"ascii_tolower", m_ascii_tolower}, {"unicode_tolower", m_unicode_tolower}, {"getcodesize", m_getcodesize},
    {nullptr, nullptr},
};

}  // namespace

void init_sre_module() {
  pattern_type.name = "re.Pattern";
  pattern_type.dealloc = pattern_dealloc;
  pattern_type.flags |= kTypeGc;
  pattern_type.traverse = pattern_traverse;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
  pattern_type.weaklist_offset = static_cast<int32_t>(offsetof(PatternObject, weaklist));
#pragma GCC diagnostic pop
  pattern_type.repr = pattern_repr;
  pattern_type.compare = pattern_compare;
  pattern_type.hash = pattern_hash;
  pattern_type.getattr = pattern_getattr;
  pattern_type.doc = "Compiled regular expression object.";
  init_static_type(&pattern_type);
  add_methods(&pattern_type, kPatternMethods);
  add_slot_methods(&pattern_type);  // __repr__, __eq__, __hash__
  add_native_attrs(&pattern_type, {"pattern", "flags", "groups", "groupindex"}, {});
  add_class_getitem(&pattern_type);
  init_sre_match_types();

  Module* m = module_new("_sre");
  add_functions(m->dict, m, kModuleFunctions);
  dict_set_str(m->dict, "MAGIC", Ref<>(int_from_i64(sre::kMagic)).get());
  dict_set_str(m->dict, "CODESIZE", Ref<>(int_from_i64(4)).get());
  dict_set_str(m->dict, "MAXREPEAT", Ref<>(int_from_i64(sre::kMaxRepeat)).get());
  dict_set_str(m->dict, "MAXGROUPS", Ref<>(int_from_i64(sre::kMaxGroups)).get());
  dict_set_str(m->dict, "copyright", Ref<>(str_new(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ")).get());
  register_module(m);
  decref(m);
}

}  // namespace ftpy

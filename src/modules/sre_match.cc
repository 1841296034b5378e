// re.Match, the scanner behind finditer and Pattern.scanner, and the
// subject text they read (sre_objects.h), after CPython's Modules/_sre/sre.c.
//
// A Match keeps its spans in code points and, for a non-ASCII str, in
// UTF-8 bytes too, so group() slices without walking the string.
//
// Threads may share a scanner (a finditer iterator). Each step reads the
// scanner's position under its critical section, matches with the lock
// released, and commits only if no other thread moved the scanner
// meanwhile (otherwise it retries from the new position): every match is
// handed out once, and no lock is held while the engine runs. CPython
// 3.13t raises ValueError("regular expression scanner already executing")
// instead.
#include <algorithm>
#include <atomic>
#include <memory>
#include <string>

#include "ftpy/builtin_subclass.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/generic_alias.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "sre_objects.h"

namespace ftpy {

Type match_type, scanner_type;

// ---- the subject ----

bool Subject::init(PatternObject* pattern, Object* string) {
  object = Ref<>::borrow(string);
  if (is_str(string)) {
    auto* s = static_cast<Str*>(string);
    if (s->is_ascii) {
      text = s->data;
      length = s->size;
    } else {
      wide = true;
      length = s->length;
      text = str_code_points(s);
      if (!text) {
        std::string_view v = str_view(s);
        points.reserve(static_cast<size_t>(s->length));
        for (size_t pos = 0; pos < v.size();) points.push_back(decode_utf8(v, &pos));
        text = points.data();
      }
    }
  } else if (ftpy::is_bytes(string)) {
    is_bytes = true;
    text = bytes_view(string).data();
    length = static_cast<int64_t>(bytes_view(string).size());
  } else if (is_bytes_like(string)) {
    is_bytes = true;
    if (!bytes_like_copy(string, &copy)) return false;
    text = copy.data();
    length = static_cast<int64_t>(copy.size());
  } else {
    raise_fmt(&TypeError_type, "expected string or bytes-like object, got '%s'", type_name(string));
    return false;
  }
  if (pattern && is_bytes && pattern->is_bytes == 0) {
    raise(&TypeError_type, "cannot use a string pattern on a bytes-like object");
    return false;
  }
  if (pattern && !is_bytes && pattern->is_bytes == 1) {
    raise(&TypeError_type, "cannot use a bytes pattern on a string-like object");
    return false;
  }
  return true;
}

int64_t Subject::byte_offset(int64_t i) const {
  if (!wide) return i;
  return str_byte_offset(static_cast<Str*>(object.get()), i);
}

namespace {

// string[i:j] for a str given its UTF-8 offsets, or for a bytes-like
// object: CPython's getslice (an exact str or bytes that is sliced whole
// is returned itself).
Object* slice_object(Object* string, int64_t i, int64_t j, int64_t bi, int64_t bj) {
  if (is_str(string)) {
    auto* s = static_cast<Str*>(string);
    if (i == 0 && j == s->length && string->ob_type == &str_type) return newref(string);
    return str_new(str_view(s).substr(static_cast<size_t>(bi), static_cast<size_t>(bj - bi)));
  }
  if (is_bytes(string)) {
    std::string_view v = bytes_view(string);
    if (i == 0 && j == static_cast<int64_t>(v.size()) && string->ob_type == &bytes_type) return newref(string);
    return bytes_new(v.substr(static_cast<size_t>(i), static_cast<size_t>(j - i)));
  }
  // bytearray, memoryview...: read now, as CPython does (a resize since the
  // match only shortens what is there to slice).
  std::string copy;
  if (!bytes_like_copy(string, &copy)) return nullptr;
  size_t a = std::min(copy.size(), static_cast<size_t>(i)), b = std::min(copy.size(), static_cast<size_t>(j));
  return bytes_new(std::string_view(copy).substr(a, b > a ? b - a : 0));
}

}  // namespace

Object* Subject::slice(int64_t i, int64_t j) const {
  if (!is_bytes && !wide) return slice_object(object.get(), i, j, i, j);
  if (wide) return slice_object(object.get(), i, j, byte_offset(i), byte_offset(j));
  if (i == 0 && j == length && object->ob_type == &bytes_type) return newref(object.get());
  return bytes_new(std::string_view(static_cast<const char*>(text) + i, static_cast<size_t>(j - i)));
}

bool Subject::prepare(PatternObject* pattern, sre::State* st, int64_t pos, int64_t endpos) const {
  pos = std::clamp<int64_t>(pos, 0, length);
  endpos = std::clamp<int64_t>(endpos, 0, length);
  if (pattern->groups > (int64_t{1} << 26)) {
    raise_no_memory();
    return false;
  }
  st->text = text;
  st->wide = wide;
  st->length = length;
  st->pos = st->start = st->ptr = pos;
  st->endpos = st->end = endpos;
  st->marks.assign(static_cast<size_t>(pattern->groups) * 2, -1);
  st->must_advance = st->match_all = false;
  st->reset();
  return true;
}

std::nullptr_t sre_error(int64_t status) {
  if (status == sre::kErrorInterrupted) return nullptr;  // the exception is set
  if (status == sre::kErrorMemory) return raise_no_memory();
  return raise(&RuntimeError_type, "internal error in regular expression engine");
}

// ---- re.Match ----

namespace {

struct MatchObject : Object {
  Object* string;
  PatternObject* pattern;
  int64_t pos, endpos;
  int64_t lastindex;    // -1: None
  int64_t ngroups;      // capture groups + 1
  int64_t* spans;       // 2 per group, code points; -1 unmatched
  int64_t* byte_spans;  // the same in UTF-8 bytes for a non-ASCII str, else nullptr
};

MatchObject* as_match(Object* o) { return static_cast<MatchObject*>(o); }

void match_dealloc(Object* o) {
  MatchObject* m = as_match(o);
  decref(m->string);
  decref(m->pattern);
  delete[] m->spans;
  delete[] m->byte_spans;
  gc_free_object(o);
}

void match_traverse(Object* o, GcVisitFn visit, void* arg) {
  gc_visit_each(visit, arg, as_match(o)->string, static_cast<Object*>(as_match(o)->pattern));
}

}  // namespace

Object* sre_match_result(PatternObject* pattern, const Subject& subject, const sre::State& st, int64_t status) {
  if (status < 0) return sre_error(status);
  if (status == 0) return newref(kNone);
  auto* m = gc_alloc_object<MatchObject>(&match_type);
  if (!m) return nullptr;
  m->string = newref(subject.object.get());
  m->pattern = newref(pattern);
  m->pos = st.pos;
  m->endpos = st.endpos;
  m->lastindex = st.lastindex;
  m->ngroups = pattern->groups + 1;
  m->spans = new int64_t[static_cast<size_t>(m->ngroups) * 2];
  m->byte_spans = nullptr;
  Ref<> guard(m);
  m->spans[0] = st.start;
  m->spans[1] = st.ptr;
  for (int64_t g = 0, j = 0; g < pattern->groups; g++, j += 2) {
    int64_t a = -1, b = -1;
    if (j + 1 <= st.lastmark && st.marks[static_cast<size_t>(j)] >= 0 && st.marks[static_cast<size_t>(j) + 1] >= 0) {
      a = st.marks[static_cast<size_t>(j)];
      b = st.marks[static_cast<size_t>(j) + 1];
      if (a > b) {
        return raise(&SystemError_type,
                     "The span of capturing group is wrong, please report a bug for the re module.");
      }
    }
    m->spans[j + 2] = a;
    m->spans[j + 3] = b;
  }
  if (subject.wide) {
    m->byte_spans = new int64_t[static_cast<size_t>(m->ngroups) * 2];
    for (int64_t k = 0; k < m->ngroups * 2; k++) {
      m->byte_spans[k] = m->spans[k] < 0 ? -1 : subject.byte_offset(m->spans[k]);
    }
  }
  return guard.release();
}

namespace {

// A group number from an int or a group name (sre.c's match_getindex);
// -1 with IndexError("no such group").
int64_t group_index(MatchObject* m, Object* key) {
  int64_t i = -1;
  if (is_index(key) && !is_str(key)) {
    Ref<> index(number_index(key));
    if (!index) return -1;
    if (!int_as_i64(index.get(), &i)) {
      clear_error();  // far out of range: no such group
      i = -1;
    }
  } else {
    // An unhashable key is no group name either (CPython looks names up
    // ignoring errors).
    Ref<> found(dict_get_ref(static_cast<Dict*>(m->pattern->groupindex), key));
    if (!found) clear_error();
    if (found && is_int(found.get()) && !int_as_i64(found.get(), &i)) {
      clear_error();
      i = -1;
    }
  }
  if (i < 0 || i >= m->ngroups) {
    raise(&IndexError_type, "no such group");
    return -1;
  }
  return i;
}

// Group `g`'s text, or `def` (borrowed) when it did not take part.
Object* group_text(MatchObject* m, int64_t g, Object* def) {
  int64_t a = m->spans[2 * g], b = m->spans[2 * g + 1];
  if (a < 0) return newref(def);
  int64_t ba = m->byte_spans ? m->byte_spans[2 * g] : a, bb = m->byte_spans ? m->byte_spans[2 * g + 1] : b;
  return slice_object(m->string, a, b, ba, bb);
}

Object* group_by_key(MatchObject* m, Object* key) {
  int64_t g = group_index(m, key);
  return g < 0 ? nullptr : group_text(m, g, kNone);
}

using Args = Object* const*;

Object* m_group(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("group", kwnames)) return nullptr;
  MatchObject* m = as_match(self);
  if (nargs == 0) return group_text(m, 0, kNone);
  if (nargs == 1) return group_by_key(m, args[0]);
  Ref<Tuple> out(tuple_new(static_cast<int64_t>(nargs)));
  if (!out) return nullptr;
  for (size_t k = 0; k < nargs; k++) out->items[k] = nullptr;
  for (size_t k = 0; k < nargs; k++) {
    out->items[k] = group_by_key(m, args[k]);
    if (!out->items[k]) {
      for (size_t r = k; r < nargs; r++) out->items[r] = newref(kNone);
      return nullptr;
    }
  }
  return out.release();
}

Object* m_getitem(Object* self, Object* key) { return group_by_key(as_match(self), key); }

Object* m_groups(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("groups", args, nargs, kwnames, {"default"}, 0, a)) return nullptr;
  MatchObject* m = as_match(self);
  Object* def = a[0] ? a[0] : kNone;
  Ref<Tuple> out(tuple_new(m->ngroups - 1));
  if (!out) return nullptr;
  for (int64_t g = 1; g < m->ngroups; g++) out->items[g - 1] = nullptr;
  for (int64_t g = 1; g < m->ngroups; g++) {
    out->items[g - 1] = group_text(m, g, def);
    if (!out->items[g - 1]) {
      for (int64_t r = g; r < m->ngroups; r++) out->items[r - 1] = newref(kNone);
      return nullptr;
    }
  }
  return out.release();
}

Object* m_groupdict(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("groupdict", args, nargs, kwnames, {"default"}, 0, a)) return nullptr;
  MatchObject* m = as_match(self);
  Object* def = a[0] ? a[0] : kNone;
  Ref<Dict> out(dict_new());
  if (!out) return nullptr;
  Ref<> names(call_method(m->pattern->groupindex, "keys", nullptr, 0));
  if (!names) return nullptr;
  Ref<> it(object_iter(names.get()));
  if (!it) return nullptr;
  while (Object* raw = iter_next(it.get())) {
    Ref<> name(raw);
    int64_t g = group_index(m, name.get());
    if (g < 0) return nullptr;
    Ref<> value(group_text(m, g, def));
    if (!value || dict_set(out.get(), name.get(), value.get()) < 0) return nullptr;
  }
  if (error_occurred()) return nullptr;
  return out.release();
}

// start/end/span's optional group argument.
bool span_group(const char* fname, MatchObject* m, Args args, size_t nargs, int64_t* g) {
  if (!check_nargs(fname, nargs, 0, 1)) return false;
  *g = nargs ? group_index(m, args[0]) : 0;
  return *g >= 0;
}

Object* m_start(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t g;
  if (!check_no_kwargs("start", kwnames) || !span_group("start", as_match(self), args, nargs, &g)) return nullptr;
  return int_from_i64(as_match(self)->spans[2 * g]);
}

Object* m_end(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t g;
  if (!check_no_kwargs("end", kwnames) || !span_group("end", as_match(self), args, nargs, &g)) return nullptr;
  return int_from_i64(as_match(self)->spans[2 * g + 1]);
}

Object* span_tuple(MatchObject* m, int64_t g) {
  Ref<> a(int_from_i64(m->spans[2 * g])), b(int_from_i64(m->spans[2 * g + 1]));
  return a && b ? tuple_pack({a.get(), b.get()}) : nullptr;
}

Object* m_span(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t g;
  if (!check_no_kwargs("span", kwnames) || !span_group("span", as_match(self), args, nargs, &g)) return nullptr;
  return span_tuple(as_match(self), g);
}

Object* m_expand(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("expand", args, nargs, kwnames, {"template"}, 1, a)) return nullptr;
  Ref<> re(import_module(FTPY_ID("re")));
  if (!re) return nullptr;
  Ref<> expand(object_getattr(re.get(), FTPY_ID("_expand")));
  if (!expand) return nullptr;
  Object* call_args[] = {as_match(self)->pattern, self, a[0]};
  return object_call(expand.get(), call_args, 3, nullptr);
}

Object* m_copy(Object* self, Args, size_t nargs, Tuple*) {
  return check_nargs("__copy__", nargs, 0, 0) ? newref(self) : nullptr;
}

Object* m_deepcopy(Object* self, Args, size_t nargs, Tuple*) {
  return check_nargs("__deepcopy__", nargs, 1, 1) ? newref(self) : nullptr;
}

Object* match_repr(Object* self) {
  MatchObject* m = as_match(self);
  Ref<> text(group_text(m, 0, kNone));
  if (!text) return nullptr;
  std::string r;
  if (!repr_string(text.get(), &r)) return nullptr;
  // %.50R: the repr cut to 50 code points.
  std::string cut;
  size_t pos = 0;
  for (int n = 0; n < 50 && pos < r.size(); n++) append_utf8(cut, decode_utf8(r, &pos));
  return str_new("<re.Match object; span=(" + std::to_string(m->spans[0]) + ", " + std::to_string(m->spans[1]) +
                 "), match=" + cut + ">");
}

Object* match_getattr(Object* self, Str* name) {
  MatchObject* m = as_match(self);
  std::string_view n = str_view(name);
  if (n == "string") return newref(m->string);
  if (n == "re") return newref(m->pattern);
  if (n == "pos") return int_from_i64(m->pos);
  if (n == "endpos") return int_from_i64(m->endpos);
  if (n == "lastindex") return m->lastindex < 0 ? newref(kNone) : int_from_i64(m->lastindex);
  if (n == "lastgroup") {
    auto* names = static_cast<Tuple*>(m->pattern->indexgroup);
    if (m->lastindex < 0 || !is_tuple(names) || m->lastindex >= names->size) return newref(kNone);
    return newref(names->items[m->lastindex]);
  }
  if (n == "regs") {
    Ref<Tuple> out(tuple_new(m->ngroups));
    if (!out) return nullptr;
    for (int64_t g = 0; g < m->ngroups; g++) out->items[g] = nullptr;
    for (int64_t g = 0; g < m->ngroups; g++) {
      out->items[g] = span_tuple(m, g);
      if (!out->items[g]) {
        for (int64_t r = g; r < m->ngroups; r++) out->items[r] = newref(kNone);
        return nullptr;
      }
    }
    return out.release();
  }
  return generic_getattr(self, name);
}

const MethodDef kMatchMethods[] = {
    {"group", m_group},       {"groups", m_groups}, {"groupdict", m_groupdict}, {"start", m_start},
    {"end", m_end},           {"span", m_span},     {"expand", m_expand},       {"__copy__", m_copy},
    {"__deepcopy__", m_deepcopy}, {nullptr, nullptr},
};

// ---- the scanner ----

struct ScannerObject : Object {
  PatternObject* pattern;
  Subject* subject;
  int64_t pos, endpos;
  // Under the scanner's critical section:
  int64_t start;
  bool must_advance;
  bool exhausted;
  uint64_t generation;  // bumped by every committed step
};

ScannerObject* as_scanner(Object* o) { return static_cast<ScannerObject*>(o); }

void scanner_dealloc(Object* o) {
  ScannerObject* s = as_scanner(o);
  decref(s->pattern);
  delete s->subject;
  gc_free_object(o);
}

void scanner_traverse(Object* o, GcVisitFn visit, void* arg) {
  ScannerObject* s = as_scanner(o);
  gc_visit_each(visit, arg, static_cast<Object*>(s->pattern), s->subject->object.get());
}

Object* scanner_step(Object* self, bool search) {
  ScannerObject* s = as_scanner(self);
  sre::State st;
  for (;;) {
    int64_t start;
    bool must_advance;
    uint64_t generation;
    {
      ScopedCriticalSection cs(s);
      if (s->exhausted) return newref(kNone);
      start = s->start;
      must_advance = s->must_advance;
      generation = s->generation;
    }
    if (!s->subject->prepare(s->pattern, &st, s->pos, s->endpos)) return nullptr;
    st.start = st.ptr = start;
    st.must_advance = must_advance;
    int64_t status = search ? sre::search(st, s->pattern->view()) : sre::match(st, s->pattern->view());
    if (status < 0) return sre_error(status);
    {
      ScopedCriticalSection cs(s);
      if (s->generation != generation) continue;  // another thread stepped it: retry from there
      s->generation++;
      if (status == 0) {
        s->exhausted = true;
      } else {
        s->must_advance = st.ptr == st.start;
        s->start = st.ptr;
      }
    }
    return sre_match_result(s->pattern, *s->subject, st, status);
  }
}

Object* scanner_match(Object* self, Args, size_t nargs, Tuple*) {
  return check_nargs("match", nargs, 0, 0) ? scanner_step(self, false) : nullptr;
}

Object* scanner_search(Object* self, Args, size_t nargs, Tuple*) {
  return check_nargs("search", nargs, 0, 0) ? scanner_step(self, true) : nullptr;
}

Object* scanner_getattr(Object* self, Str* name) {
  if (str_view(name) == "pattern") return newref(as_scanner(self)->pattern);
  return generic_getattr(self, name);
}

const MethodDef kScannerMethods[] = {{"match", scanner_match}, {"search", scanner_search}, {nullptr, nullptr}};

}  // namespace

Object* sre_scanner_new(PatternObject* pattern, Object* string, int64_t pos, int64_t endpos) {
  auto subject = std::make_unique<Subject>();
  if (!subject->init(pattern, string)) return nullptr;
  auto* s = gc_alloc_object<ScannerObject>(&scanner_type);
  if (!s) return nullptr;
  s->pattern = newref(pattern);
  s->pos = std::clamp<int64_t>(pos, 0, subject->length);
  s->endpos = std::clamp<int64_t>(endpos, 0, subject->length);
  s->start = s->pos;
  s->must_advance = false;
  s->exhausted = false;
  s->generation = 0;
  s->subject = subject.release();
  return s;
}

void init_sre_match_types() {
  match_type.name = "re.Match";
  match_type.dealloc = match_dealloc;
  match_type.flags |= kTypeGc;
  match_type.traverse = match_traverse;
  match_type.repr = match_repr;
  match_type.getitem = m_getitem;
  match_type.getattr = match_getattr;
  match_type.doc = "The result of re.match() and re.search().";
  init_static_type(&match_type);
  add_methods(&match_type, kMatchMethods);
  add_slot_methods(&match_type);  // __getitem__, __repr__
  add_native_attrs(&match_type, {"string", "re", "pos", "endpos", "lastindex", "lastgroup", "regs"}, {});
  add_class_getitem(&match_type);

  scanner_type.name = "_sre.SRE_Scanner";
  scanner_type.dealloc = scanner_dealloc;
  scanner_type.flags |= kTypeGc;
  scanner_type.traverse = scanner_traverse;
  scanner_type.getattr = scanner_getattr;
  init_static_type(&scanner_type);
  add_methods(&scanner_type, kScannerMethods);
  add_native_attrs(&scanner_type, {"pattern"}, {});
}

}  // namespace ftpy

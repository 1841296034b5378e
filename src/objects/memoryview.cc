// memoryview (ftpy/memoryview.h): a window on a bytes or bytearray, with
// CPython's one-dimensional API (Objects/memoryobject.c): items by struct
// format, slices with steps, cast, tolist/tobytes/hex, release and the
// context manager, comparison and hashing.
//
// Threads: a view's fields change only at release(), and every operation
// runs under the critical sections of both the view and its exporter
// (two-object sections cannot deadlock). A bytearray's export count is
// changed under the bytearray's section too, so an operation that finds
// the view unreleased knows the bytearray has not moved its buffer, and
// reads and writes of the bytes never race with the bytearray's own
// methods.
#include "ftpy/memoryview.h"

#include <cstring>
#include <vector>

#include "absl/strings/str_format.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/pyhash.h"
#include "ftpy/range.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type memoryview_type;

namespace {

using Args = Object* const*;

MemoryView* as_mv(Object* o) { return static_cast<MemoryView*>(o); }

// The size of a native struct format character, or 0 if unsupported.
int64_t format_size(char f) {
  switch (f) {
    case 'B': case 'b': case 'c': case '?': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': case 'q': case 'Q': case 'n': case 'N': case 'd': return 8;
    default: return 0;
  }
}

bool is_byte_format(char f) { return f == 'B' || f == 'b' || f == 'c'; }

std::nullptr_t raise_released() {
  return raise(&ValueError_type, "operation forbidden on released memoryview object");
}

// Holds the view's and its exporter's sections; ok() is false (ValueError
// set) when the view was released.
class ViewLock {
 public:
  explicit ViewLock(MemoryView* v) : cs_(v, v->obj), view_(v) {}
  bool ok() const {
    if (view_->released) raise_released();
    return !view_->released;
  }

 private:
  ScopedCriticalSection cs_;
  MemoryView* view_;
};

// A new view of `obj`, registered in a bytearray's export count: the
// caller holds the exporter's critical section.
MemoryView* new_view(Object* obj, char* buf, int64_t length, int64_t stride, int64_t itemsize, char format,
                     bool readonly) {
  auto* v = alloc_object<MemoryView>(&memoryview_type);
  if (!v) return nullptr;
  v->obj = newref(obj);
  v->buf = buf;
  v->length = length;
  v->stride = stride;
  v->itemsize = itemsize;
  v->format = format;
  v->readonly = readonly;
  v->released = false;
  if (is_bytearray(obj)) {
    static_cast<ByteArray*>(obj)->exports++;
  } else if (const BufferProcs* procs = buffer_procs(obj)) {
    procs->add_exports(obj, 1);
  }
  return v;
}

// A whole view of an exporter with BufferProcs.
Object* view_of_exporter(Object* o, const BufferProcs* procs) {
  ScopedCriticalSection cs(o);
  BufferSpan span;
  procs->describe(o, &span);
  return new_view(o, span.buf, span.length, span.itemsize, span.itemsize, span.format, false);
}

// The view's release; the caller holds both sections.
void release_locked(MemoryView* v) {
  if (v->released) return;
  v->released = true;
  if (is_bytearray(v->obj)) {
    static_cast<ByteArray*>(v->obj)->exports--;
  } else if (const BufferProcs* procs = buffer_procs(v->obj)) {
    procs->add_exports(v->obj, -1);
  }
}

void memoryview_dealloc(Object* o) {
  MemoryView* v = as_mv(o);
  {
    ScopedCriticalSection cs(v, v->obj);
    release_locked(v);
  }
  decref(v->obj);
  free_object(o);
}

// The Python value of the item at p.
Object* unpack(char f, const char* p) {
  auto load = [p](auto v) {
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  switch (f) {
    case 'B': return int_from_i64(load(uint8_t{}));
    case 'b': return int_from_i64(load(int8_t{}));
    case 'c': return bytes_new(std::string_view(p, 1));
    case '?': return newref(bool_from(load(uint8_t{}) != 0));
    case 'h': return int_from_i64(load(int16_t{}));
    case 'H': return int_from_i64(load(uint16_t{}));
    case 'i': return int_from_i64(load(int32_t{}));
    case 'I': return int_from_i64(load(uint32_t{}));
    case 'l': case 'q': case 'n': return int_from_i64(load(int64_t{}));
    case 'L': case 'Q': case 'N': return int_from_u64(load(uint64_t{}));
    case 'f': return float_from(load(float{}));
    case 'd': return float_from(load(double{}));
    default: return raise_fmt(&NotImplementedError_type, "memoryview: format %c not supported", f);
  }
}

// Converts `value` for format f into out (itemsize bytes); false with
// CPython's TypeError/ValueError. Runs no Python code for ints, floats and
// bytes; other objects are converted by the caller first (pack_value).
bool pack(char f, Object* value, char* out) {
  if (!format_size(f)) {  // an exporter's own format ('w', array's 'u')
    raise_fmt(&NotImplementedError_type, "memoryview: format %c not supported", f);
    return false;
  }
  auto invalid_type = [f]() {
    raise_fmt(&TypeError_type, "memoryview: invalid type for format '%c'", f);
    return false;
  };
  auto invalid_value = [f]() {
    raise_fmt(&ValueError_type, "memoryview: invalid value for format '%c'", f);
    return false;
  };
  if (f == 'c') {
    if (!is_bytes(value)) return invalid_type();
    if (bytes_view(value).size() != 1) return invalid_value();
    out[0] = bytes_view(value)[0];
    return true;
  }
  if (f == '?') {
    int t = object_is_true(value);
    if (t < 0) return false;
    out[0] = static_cast<char>(t);
    return true;
  }
  if (f == 'f' || f == 'd') {
    double d;
    if (!is_float(value) && !is_int(value)) return invalid_type();
    if (!number_as_double(value, &d)) return false;
    if (f == 'f') {
      float x = static_cast<float>(d);
      std::memcpy(out, &x, sizeof x);
    } else {
      std::memcpy(out, &d, sizeof d);
    }
    return true;
  }
  if (!is_int(value)) return invalid_type();
  bool is_unsigned = f == 'B' || f == 'H' || f == 'I' || f == 'L' || f == 'Q' || f == 'N';
  int64_t size = format_size(f);
  if (is_unsigned && size == 8) {
    if (int_sign(value) < 0) return invalid_value();
    mpz_t z;
    mpz_init(z);
    int_to_mpz(value, z);
    bool fits = mpz_sizeinbase(z, 2) <= 64;
    uint64_t u = 0;
    if (fits) mpz_export(&u, nullptr, -1, sizeof u, 0, 0, z);
    mpz_clear(z);
    if (!fits) return invalid_value();
    std::memcpy(out, &u, 8);
    return true;
  }
  int64_t v;
  if (!int_as_i64(value, &v)) {
    clear_error();
    return invalid_value();
  }
  int64_t lo = is_unsigned ? 0 : size == 8 ? INT64_MIN : -(int64_t{1} << (size * 8 - 1));
  int64_t hi = size == 8 ? INT64_MAX : is_unsigned ? (int64_t{1} << (size * 8)) - 1 : (int64_t{1} << (size * 8 - 1)) - 1;
  if (v < lo || v > hi) return invalid_value();
  std::memcpy(out, &v, static_cast<size_t>(size));  // little-endian: the low bytes
  return true;
}

// The bytes a view covers; the caller holds both sections.
void copy_locked(MemoryView* v, std::string* out) {
  out->clear();
  if (v->stride == v->itemsize) {
    out->assign(v->buf, static_cast<size_t>(v->length * v->itemsize));
    return;
  }
  out->reserve(static_cast<size_t>(v->length * v->itemsize));
  for (int64_t i = 0; i < v->length; i++) out->append(v->buf + i * v->stride, static_cast<size_t>(v->itemsize));
}

// The view's items as Python values (tolist()); the caller holds both sections.
Object* tolist_locked(MemoryView* v) {
  List* l = list_new(v->length);
  if (!l) return nullptr;
  Ref<> guard(l);
  for (int64_t i = 0; i < v->length; i++) {
    Object* item = unpack(v->format, v->buf + i * v->stride);
    if (!item) return nullptr;
    l->array->items[i] = item;
    l->size = i + 1;
  }
  return guard.release();
}

Object* mv_getitem(Object* o, Object* key) {
  MemoryView* v = as_mv(o);
  if (key->ob_type == &slice_type) {
    ViewLock lock(v);
    if (!lock.ok()) return nullptr;
    int64_t start, stop, step;
    int64_t n = slice_indices(static_cast<Slice*>(key), v->length, &start, &stop, &step);
    if (n < 0) return nullptr;
    (void)stop;
    return new_view(v->obj, v->buf + start * v->stride, n, v->stride * step, v->itemsize, v->format, v->readonly);
  }
  if (!key->ob_type->number.index) {
    if (key->ob_type == &tuple_type) return raise(&NotImplementedError_type, "multi-dimensional sub-views are not implemented");
    return raise(&TypeError_type, "memoryview: invalid slice key");
  }
  int64_t i;
  if (!index_as_i64_or(key, &IndexError_type, &i)) return nullptr;
  ViewLock lock(v);
  if (!lock.ok()) return nullptr;
  if (i < 0) i += v->length;
  if (i < 0 || i >= v->length) return raise(&IndexError_type, "index out of bounds on dimension 1");
  return unpack(v->format, v->buf + i * v->stride);
}

int mv_setitem(Object* o, Object* key, Object* value) {
  MemoryView* v = as_mv(o);
  if (!value) {
    raise(&TypeError_type, "cannot delete memory");
    return -1;
  }
  if (key->ob_type == &slice_type) {
    // The right side's bytes first: its conversion may run code (and lock).
    std::string data;
    if (!is_bytes_like(value)) {
      raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(value));
      return -1;
    }
    char rformat = is_memoryview(value) ? as_mv(value)->format : 'B';
    if (!bytes_like_copy(value, &data)) return -1;
    ViewLock lock(v);
    if (!lock.ok()) return -1;
    if (v->readonly) {
      raise(&TypeError_type, "cannot modify read-only memory");
      return -1;
    }
    int64_t start, stop, step;
    int64_t n = slice_indices(static_cast<Slice*>(key), v->length, &start, &stop, &step);
    if (n < 0) return -1;
    (void)stop;
    if (rformat != v->format || static_cast<int64_t>(data.size()) != n * v->itemsize) {
      raise(&ValueError_type, "memoryview assignment: lvalue and rvalue have different structures");
      return -1;
    }
    for (int64_t k = 0; k < n; k++) {
      std::memcpy(v->buf + (start + k * step) * v->stride, data.data() + k * v->itemsize, static_cast<size_t>(v->itemsize));
    }
    return 0;
  }
  if (!key->ob_type->number.index) {
    raise(&TypeError_type, "memoryview: invalid slice key");
    return -1;
  }
  int64_t i;
  if (!index_as_i64_or(key, &IndexError_type, &i)) return -1;
  // Convert before locking: truth testing may run Python code.
  char item[8];
  {
    ViewLock lock(v);
    if (!lock.ok()) return -1;
    if (v->readonly) {
      raise(&TypeError_type, "cannot modify read-only memory");
      return -1;
    }
  }
  char format = v->format;
  if (!pack(format, value, item)) return -1;
  ViewLock lock(v);
  if (!lock.ok()) return -1;
  if (i < 0) i += v->length;
  if (i < 0 || i >= v->length) {
    raise(&IndexError_type, "index out of bounds on dimension 1");
    return -1;
  }
  std::memcpy(v->buf + i * v->stride, item, static_cast<size_t>(v->itemsize));
  return 0;
}

int64_t mv_len(Object* o) {
  MemoryView* v = as_mv(o);
  ViewLock lock(v);
  if (!lock.ok()) return -1;
  return v->length;
}

Object* mv_repr(Object* o) {
  MemoryView* v = as_mv(o);
  ScopedCriticalSection cs(v);
  return str_new(absl::StrFormat("<%smemory at %p>", v->released ? "released " : "", static_cast<void*>(o)));
}

int64_t mv_hash(Object* o) {
  MemoryView* v = as_mv(o);
  std::string data;
  {
    ViewLock lock(v);
    if (!lock.ok()) return -1;
    if (!v->readonly) {
      raise(&ValueError_type, "cannot hash writable memoryview object");
      return -1;
    }
    if (!is_byte_format(v->format)) {
      raise(&ValueError_type, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
      return -1;
    }
    copy_locked(v, &data);
  }
  return hash_bytes(data.data(), data.size());
}

// The items of a bytes-like object as Python values, and their count.
Object* values_of(Object* o) {
  if (is_memoryview(o)) {
    MemoryView* v = as_mv(o);
    ViewLock lock(v);
    if (!lock.ok()) return nullptr;
    return tolist_locked(v);
  }
  std::string data;
  if (!bytes_like_copy(o, &data)) return nullptr;
  List* l = list_new(static_cast<int64_t>(data.size()));
  if (!l) return nullptr;
  for (size_t i = 0; i < data.size(); i++) l->array->items[i] = int_from_i64(static_cast<uint8_t>(data[i]));
  l->size = static_cast<int64_t>(data.size());
  return l;
}

Object* mv_compare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::kEq && op != CompareOp::kNe) || !is_bytes_like(b)) return newref(kNotImplemented);
  if (as_mv(a)->released || (is_memoryview(b) && as_mv(b)->released)) {
    return newref(bool_from((a == b) == (op == CompareOp::kEq)));
  }
  Ref<> x(values_of(a));
  if (!x) return nullptr;
  Ref<> y(values_of(b));
  if (!y) return nullptr;
  return object_compare(x.get(), y.get(), op);
}

Object* mv_iter(Object* o) { return getitem_iter_new(o); }

// -- methods --

Object* mv_tobytes(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* order = nullptr;
  if (!parse_args("tobytes", args, nargs, kwnames, {"order"}, 0, &order)) return nullptr;
  std::string data;
  if (!memoryview_copy(self, &data)) return nullptr;
  return bytes_new(data);
}

Object* mv_tolist(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("memoryview.tolist", nargs, 0, 0)) return nullptr;
  MemoryView* v = as_mv(self);
  ViewLock lock(v);
  if (!lock.ok()) return nullptr;
  return tolist_locked(v);
}

Object* mv_hex(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  std::string data;
  if (!memoryview_copy(self, &data)) return nullptr;
  Ref<> b(bytes_new(data));
  if (!b) return nullptr;
  Ref<> hex(object_getattr_cstr(b.get(), "hex"));
  return hex ? object_call(hex.get(), args, nargs, kwnames) : nullptr;
}

Object* mv_release(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("memoryview.release", nargs, 0, 0)) return nullptr;
  MemoryView* v = as_mv(self);
  ScopedCriticalSection cs(v, v->obj);
  release_locked(v);
  return newref(kNone);
}

Object* mv_enter(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__enter__", nargs, 0, 0)) return nullptr;
  MemoryView* v = as_mv(self);
  ViewLock lock(v);
  if (!lock.ok()) return nullptr;
  return newref(self);
}

Object* mv_exit(Object* self, Args, size_t, Tuple*) { return mv_release(self, nullptr, 0, nullptr); }

Object* mv_toreadonly(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("memoryview.toreadonly", nargs, 0, 0)) return nullptr;
  MemoryView* v = as_mv(self);
  ViewLock lock(v);
  if (!lock.ok()) return nullptr;
  return new_view(v->obj, v->buf, v->length, v->stride, v->itemsize, v->format, true);
}

Object* mv_cast(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {nullptr, nullptr};
  if (!parse_args("cast", args, nargs, kwnames, {"format", "shape"}, 1, slots)) return nullptr;
  if (!is_str(slots[0])) {
    return raise_fmt(&TypeError_type, "cast() argument 'format' must be str, not %s", type_name(slots[0]));
  }
  std::string_view fmt = str_view(slots[0]);
  if (fmt.size() == 2 && fmt[0] == '@') fmt.remove_prefix(1);
  if (fmt.size() != 1 || !format_size(fmt[0])) {
    return raise(&ValueError_type,
                 "memoryview: destination format must be a native single character format prefixed with an optional '@'");
  }
  if (slots[1]) return raise(&NotImplementedError_type, "memoryview: cast to a shape is not supported by ftpy yet");
  char f = fmt[0];
  MemoryView* v = as_mv(self);
  ViewLock lock(v);
  if (!lock.ok()) return nullptr;
  if (v->stride != v->itemsize) return raise(&TypeError_type, "memoryview: casts are restricted to C-contiguous views");
  if (!is_byte_format(v->format) && !is_byte_format(f)) {
    return raise(&TypeError_type, "memoryview: cannot cast between two non-byte formats");
  }
  int64_t nbytes = v->length * v->itemsize, size = format_size(f);
  if (nbytes % size != 0) return raise(&TypeError_type, "memoryview: length is not a multiple of itemsize");
  return new_view(v->obj, v->buf, nbytes / size, size, size, f, v->readonly);
}

const MethodDef kMemoryViewMethods[] = {
    {"tobytes", mv_tobytes}, {"tolist", mv_tolist}, {"hex", mv_hex}, {"release", mv_release},
    {"__enter__", mv_enter}, {"__exit__", mv_exit}, {"toreadonly", mv_toreadonly}, {"cast", mv_cast},
    {nullptr, nullptr},
};

Object* mv_getattr(Object* o, Str* name) {
  MemoryView* v = as_mv(o);
  std::string_view n = str_view(name);
  bool attribute = n == "obj" || n == "nbytes" || n == "readonly" || n == "itemsize" || n == "format" ||
                   n == "ndim" || n == "shape" || n == "strides" || n == "suboffsets" || n == "c_contiguous" ||
                   n == "f_contiguous" || n == "contiguous";
  if (!attribute) return generic_getattr(o, name);
  ViewLock lock(v);
  if (!lock.ok()) return nullptr;
  bool contiguous = v->stride == v->itemsize || v->length <= 1;
  if (n == "obj") return newref(v->obj);
  if (n == "nbytes") return int_from_i64(v->length * v->itemsize);
  if (n == "readonly") return newref(bool_from(v->readonly));
  if (n == "itemsize") return int_from_i64(v->itemsize);
  if (n == "format") return str_new(std::string(1, v->format));
  if (n == "ndim") return int_from_i64(1);
  if (n == "shape") {
    Ref<> len(int_from_i64(v->length));
    return tuple_pack({len.get()});
  }
  if (n == "strides") {
    Ref<> stride(int_from_i64(v->stride));
    return tuple_pack({stride.get()});
  }
  if (n == "suboffsets") return tuple_empty();
  return newref(bool_from(contiguous));
}

Object* mv_construct(Type*, Args args, size_t nargs, Tuple* kwnames) {
  Object* obj = nullptr;
  if (!parse_args("memoryview", args, nargs, kwnames, {"object"}, 1, &obj)) return nullptr;
  return memoryview_from(obj);
}

}  // namespace

bool writable_buffer(Object* o, const char* what, Ref<>* view, char** data, int64_t* size) {
  bool exporter = is_bytes_like(o) || buffer_procs(o);
  if (exporter) *view = Ref<>(memoryview_from(o));
  if (!exporter || (*view && static_cast<MemoryView*>(view->get())->readonly)) {
    raise_fmt(&TypeError_type, "%s must be read-write bytes-like object, not %s", what, type_name(o));
    return false;
  }
  if (!*view) return false;
  auto* mv = static_cast<MemoryView*>(view->get());
  if (mv->stride != mv->itemsize) {
    raise(&BufferError_type, "memoryview: underlying buffer is not C-contiguous");
    return false;
  }
  *data = mv->buf;
  *size = mv->length * mv->itemsize;
  return true;
}

Object* memoryview_from(Object* o) {
  if (is_bytes(o)) {
    auto* b = static_cast<Bytes*>(o);
    return new_view(o, b->data, b->size, 1, 1, 'B', true);
  }
  if (is_bytearray(o)) {
    auto* ba = static_cast<ByteArray*>(o);
    ScopedCriticalSection cs(ba);
    // An empty bytearray may have no buffer yet; a view of it has no items to reach.
    return new_view(o, ba->data, ba->size, 1, 1, 'B', false);
  }
  if (is_memoryview(o)) {
    MemoryView* v = as_mv(o);
    ViewLock lock(v);
    if (!lock.ok()) return nullptr;
    return new_view(v->obj, v->buf, v->length, v->stride, v->itemsize, v->format, v->readonly);
  }
  if (const BufferProcs* procs = buffer_procs(o)) return view_of_exporter(o, procs);
  return raise_fmt(&TypeError_type, "memoryview: a bytes-like object is required, not '%s'", type_name(o));
}

const BufferProcs* buffer_procs(const Object* o) {
  const Type* t = o->ob_type;
  if (is_heap_type(t)) t = static_cast<const HeapType*>(t)->solid_base;
  return t->buffer;
}

void buffer_copy(Object* o, const BufferProcs* procs, std::string* out) {
  ScopedCriticalSection cs(o);
  BufferSpan span;
  procs->describe(o, &span);
  out->assign(span.buf ? span.buf : "", static_cast<size_t>(span.length * span.itemsize));
}

bool memoryview_copy(Object* o, std::string* out) {
  MemoryView* v = as_mv(o);
  ViewLock lock(v);
  if (!lock.ok()) return false;
  copy_locked(v, out);
  return true;
}

void init_memoryview_type() {
  memoryview_type.name = "memoryview";
  memoryview_type.dealloc = memoryview_dealloc;
  memoryview_type.repr = mv_repr;
  memoryview_type.hash = mv_hash;
  memoryview_type.compare = mv_compare;
  memoryview_type.len = mv_len;
  memoryview_type.getitem = mv_getitem;
  memoryview_type.setitem = mv_setitem;
  memoryview_type.iter = mv_iter;
  memoryview_type.getattr = mv_getattr;
  memoryview_type.new_ = mv_construct;
  memoryview_type.doc = "Create a new memoryview object which references the given object.";
  init_static_type(&memoryview_type);
  add_methods(&memoryview_type, kMemoryViewMethods);
}

}  // namespace ftpy

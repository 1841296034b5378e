// The _struct module (CPython Modules/_struct.c): Struct objects, the
// unpack iterator and the module functions, under the struct and pickle
// modules. The format language itself (parsing, packing, unpacking) is in
// struct_codec.cc.
//
// Thread-safety: a Struct is immutable once made (its parsed items and
// size), so threads share one freely; the module-level functions share a
// cache of Structs in an ordinary dict (its own lock). An unpack iterator
// snapshots its buffer when made and advances under its critical section,
// so threads sharing one get each record once.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/memoryview.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/range.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "module_init.h"
#include "struct_codec.h"

namespace ftpy {

namespace {

Type struct_type, unpack_iter_type;
Dict* g_cache = nullptr;  // format -> Struct, immortal
constexpr int64_t kMaxCache = 100;

struct StructObject : Object {
  StructLayout* layout;
  Str* format;
};

struct UnpackIter : Object {
  StructObject* s;
  std::string* data;
  int64_t offset;
};

StructObject* as_struct(Object* o) { return static_cast<StructObject*>(o); }

Object* struct_new_from(Object* format) {
  std::string_view text;
  if (is_str(format)) {
    text = str_view(format);
  } else if (is_bytes(format)) {
    text = bytes_view(format);
  } else {
    return raise_fmt(&TypeError_type, "Struct() argument 1 must be a str or bytes object, not %s", type_name(format));
  }
  auto* s = alloc_object<StructObject>(&struct_type);
  if (!s) return nullptr;
  s->layout = new StructLayout();
  s->format = nullptr;
  Ref<> guard(s);
  if (!parse_format_into(text, s->layout)) return nullptr;
  s->format = str_new(text);
  if (!s->format) return nullptr;
  return guard.release();
}

void struct_dealloc(Object* o) {
  delete as_struct(o)->layout;
  xdecref(as_struct(o)->format);
  free_object(o);
}

Object* struct_construct(Type*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("Struct", args, nargs, kwnames, {"format"}, 1, a)) return nullptr;
  return struct_new_from(a[0]);
}

// The cached Struct for a module-level call's format.
Object* cached_struct(Object* format) {
  if (Object* s = dict_get_ref(g_cache, format)) return s;
  if (error_occurred()) {
    if (!error_matches(&TypeError_type)) return nullptr;
    clear_error();  // an unhashable format: Struct() gives the right error
  }
  Ref<> s(struct_new_from(format));
  if (!s) return nullptr;
  if (object_len(g_cache) >= kMaxCache) dict_clear(g_cache);
  if (dict_set(g_cache, format, s.get()) < 0) return nullptr;
  return s.release();
}

bool buffer_bytes(Object* buffer, std::string* out) {
  if (!is_bytes_like(buffer)) {
    raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(buffer));
    return false;
  }
  return bytes_like_copy(buffer, out);
}

// ---- Struct methods (the module functions call them on a cached Struct) ----

Object* do_pack(StructObject* s, Object* const* values, size_t n) {
  if (static_cast<int64_t>(n) != s->layout->nvalues) {
    return struct_error("pack expected " + std::to_string(s->layout->nvalues) + " items for packing (got " +
                        std::to_string(n) + ")");
  }
  std::string out(static_cast<size_t>(s->layout->size), '\0');
  if (!pack_values_into(s->layout, values, out.data())) return nullptr;
  return bytes_new(out);
}

Object* do_unpack(StructObject* s, Object* buffer) {
  std::string data;
  if (!buffer_bytes(buffer, &data)) return nullptr;
  if (static_cast<int64_t>(data.size()) != s->layout->size) {
    return struct_error("unpack requires a buffer of " + std::to_string(s->layout->size) + " bytes");
  }
  return unpack_values_at(s->layout, reinterpret_cast<const unsigned char*>(data.data()));
}

// size + offset as CPython prints it (size_t arithmetic: sys.maxsize + 4
// for a huge offset, not a negative number).
std::string needed_bytes(StructObject* s, int64_t offset) {
  return std::to_string(static_cast<uint64_t>(s->layout->size) + static_cast<uint64_t>(offset));
}

Object* do_unpack_from(StructObject* s, Object* buffer, Object* offset_arg) {
  std::string data;
  if (!buffer_bytes(buffer, &data)) return nullptr;
  int64_t offset = 0, len = static_cast<int64_t>(data.size());
  if (offset_arg && !index_as_i64(offset_arg, &offset)) return nullptr;
  if (offset < 0) {
    if (offset + s->layout->size > 0) {
      return struct_error("not enough data to unpack " + std::to_string(s->layout->size) + " bytes at offset " +
                          std::to_string(offset));
    }
    if (offset + len < 0) {
      return struct_error("offset " + std::to_string(offset) + " out of range for " + std::to_string(len) +
                          "-byte buffer");
    }
    offset += len;
  }
  if (len - offset < s->layout->size) {
    return struct_error("unpack_from requires a buffer of at least " + needed_bytes(s, offset) +
                        " bytes for unpacking " + std::to_string(s->layout->size) + " bytes at offset " +
                        std::to_string(offset) + " (actual buffer size is " + std::to_string(len) + ")");
  }
  return unpack_values_at(s->layout, reinterpret_cast<const unsigned char*>(data.data()) + offset);
}

Object* do_pack_into(StructObject* s, Object* const* args, size_t nargs) {
  if (nargs < 1) return struct_error("pack_into expected buffer argument");
  if (nargs < 2) return struct_error("pack_into expected offset argument");
  if (static_cast<int64_t>(nargs - 2) != s->layout->nvalues) {
    return struct_error("pack_into expected " + std::to_string(s->layout->nvalues) + " items for packing (got " +
                        std::to_string(nargs - 2) + ")");
  }
  // The buffer is pinned (no resize, no move) while the record is written;
  // a concurrent writer may interleave, as in CPython.
  Ref<> view;
  char* data;
  int64_t len;
  if (!writable_buffer(args[0], "argument", &view, &data, &len)) return nullptr;
  int64_t offset;
  if (!index_as_i64(args[1], &offset)) return nullptr;
  if (offset < 0) {
    if (offset + s->layout->size > 0) {
      return struct_error("no space to pack " + std::to_string(s->layout->size) + " bytes at offset " + std::to_string(offset));
    }
    if (offset + len < 0) {
      return struct_error("offset " + std::to_string(offset) + " out of range for " + std::to_string(len) +
                          "-byte buffer");
    }
    offset += len;
  }
  if (len - offset < s->layout->size) {
    return struct_error("pack_into requires a buffer of at least " + needed_bytes(s, offset) +
                        " bytes for packing " + std::to_string(s->layout->size) + " bytes at offset " +
                        std::to_string(offset) + " (actual buffer size is " + std::to_string(len) + ")");
  }
  // Packed aside first: converting a value may run Python code, and a
  // failure must leave the buffer untouched.
  std::string out(static_cast<size_t>(s->layout->size), '\0');
  if (!pack_values_into(s->layout, args + 2, out.data())) return nullptr;
  // Under the exporter's lock, as its own readers and writers are.
  ScopedCriticalSection cs(static_cast<MemoryView*>(view.get())->obj);
  if (!out.empty()) std::memcpy(data + offset, out.data(), out.size());  // an empty buffer may have no data pointer
  return newref(kNone);
}

Object* make_unpack_iter(StructObject* s, Object* buffer) {
  std::string data;
  if (!buffer_bytes(buffer, &data)) return nullptr;
  if (s->layout->size == 0) return struct_error("cannot iteratively unpack with a struct of length 0");
  if (static_cast<int64_t>(data.size()) % s->layout->size != 0) {
    return struct_error("iterative unpacking requires a buffer of a multiple of " + std::to_string(s->layout->size) +
                        " bytes");
  }
  auto* it = alloc_object<UnpackIter>(&unpack_iter_type);
  if (!it) return nullptr;
  it->s = static_cast<StructObject*>(newref(s));
  it->data = new std::string(std::move(data));
  it->offset = 0;
  return it;
}

Object* struct_pack_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("pack", kwnames)) return nullptr;
  return do_pack(as_struct(self), args, nargs);
}

Object* struct_unpack_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("unpack", nargs, 1, 1)) return nullptr;
  return do_unpack(as_struct(self), args[0]);
}

Object* struct_unpack_from_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("unpack_from", args, nargs, kwnames, {"buffer", "offset"}, 1, a)) return nullptr;
  return do_unpack_from(as_struct(self), a[0], a[1]);
}

Object* struct_pack_into_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("pack_into", kwnames)) return nullptr;
  return do_pack_into(as_struct(self), args, nargs);
}

Object* struct_iter_unpack_m(Object* self, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("iter_unpack", nargs, 1, 1)) return nullptr;
  return make_unpack_iter(as_struct(self), args[0]);
}

Object* struct_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "format") return newref(as_struct(o)->format);
  if (n == "size") return int_from_i64(as_struct(o)->layout->size);
  return generic_getattr(o, name);
}

const MethodDef kStructMethods[] = {
    {"pack", struct_pack_m}, {"unpack", struct_unpack_m}, {"unpack_from", struct_unpack_from_m},
    {"pack_into", struct_pack_into_m}, {"iter_unpack", struct_iter_unpack_m}, {nullptr, nullptr},
};

// ---- the unpack iterator ----

void unpack_iter_dealloc(Object* o) {
  auto* it = static_cast<UnpackIter*>(o);
  decref(it->s);
  delete it->data;
  free_object(o);
}

Object* unpack_iter_next(Object* o) {
  auto* it = static_cast<UnpackIter*>(o);
  int64_t at;
  {
    ScopedCriticalSection cs(o);
    if (it->offset + it->s->layout->size > static_cast<int64_t>(it->data->size())) return nullptr;
    at = it->offset;
    it->offset += it->s->layout->size;
  }
  return unpack_values_at(it->s->layout, reinterpret_cast<const unsigned char*>(it->data->data()) + at);
}

Object* length_hint_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__length_hint__", nargs, 0, 0)) return nullptr;
  auto* it = static_cast<UnpackIter*>(self);
  ScopedCriticalSection cs(self);
  return int_from_i64((static_cast<int64_t>(it->data->size()) - it->offset) / it->s->layout->size);
}

const MethodDef kLengthHint = {"__length_hint__", length_hint_m};

// ---- module functions: fmt first, then as the Struct method ----

template <class F>
Object* with_struct(Object* const* args, size_t nargs, const char* fname, F f) {
  if (nargs < 1) return raise_fmt(&TypeError_type, "%s() missing required argument 'format' (pos 1)", fname);
  Ref<> s(cached_struct(args[0]));
  if (!s) return nullptr;
  return f(as_struct(s.get()));
}

Object* m_pack(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("pack", kwnames)) return nullptr;
  return with_struct(args, nargs, "pack", [&](StructObject* s) { return do_pack(s, args + 1, nargs - 1); });
}

Object* m_unpack(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("unpack", nargs, 2, 2)) return nullptr;
  return with_struct(args, nargs, "unpack", [&](StructObject* s) { return do_unpack(s, args[1]); });
}

Object* m_unpack_from(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("unpack_from", args, nargs, kwnames, {"format", "buffer", "offset"}, 2, a)) return nullptr;
  return with_struct(a, 1, "unpack_from", [&](StructObject* s) { return do_unpack_from(s, a[1], a[2]); });
}

Object* m_pack_into(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("pack_into", kwnames)) return nullptr;
  return with_struct(args, nargs, "pack_into", [&](StructObject* s) { return do_pack_into(s, args + 1, nargs - 1); });
}

Object* m_iter_unpack(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("iter_unpack", nargs, 2, 2)) return nullptr;
  return with_struct(args, nargs, "iter_unpack", [&](StructObject* s) { return make_unpack_iter(s, args[1]); });
}

Object* m_calcsize(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("calcsize", nargs, 1, 1)) return nullptr;
  return with_struct(args, nargs, "calcsize", [](StructObject* s) { return int_from_i64(s->layout->size); });
}

Object* m_clearcache(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("_clearcache", nargs, 0, 0)) return nullptr;
  dict_clear(g_cache);
  return newref(kNone);
}

const MethodDef kModuleFunctions[] = {
    {"pack", m_pack}, {"unpack", m_unpack}, {"unpack_from", m_unpack_from}, {"pack_into", m_pack_into},
    {"iter_unpack", m_iter_unpack}, {"calcsize", m_calcsize}, {"_clearcache", m_clearcache}, {nullptr, nullptr},
};

}  // namespace

void init_struct_module() {
  struct_type.name = "_struct.Struct";
  struct_type.dealloc = struct_dealloc;
  struct_type.new_ = struct_construct;
  struct_type.getattr = struct_getattr;
  init_static_type(&struct_type);
  add_methods(&struct_type, kStructMethods);
  add_native_attrs(&struct_type, {"format", "size"}, {});
  init_iterator_type(&unpack_iter_type, "_struct.unpack_iterator", unpack_iter_next, unpack_iter_dealloc);
  add_method(&unpack_iter_type, &kLengthHint);
  g_struct_error = class_new("error", "struct", &Exception_type);
  make_immortal(g_struct_error);
  g_cache = dict_new();
  make_immortal(g_cache);
  Module* m = module_new("_struct");
  add_functions(m->dict, m, kModuleFunctions);
  dict_set_str(m->dict, "Struct", &struct_type);
  dict_set_str(m->dict, "error", g_struct_error);
  register_module(m);
  decref(m);
}

}  // namespace ftpy

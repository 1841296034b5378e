// _io's abstract bases: _IOBase, _RawIOBase, _BufferedIOBase and
// _TextIOBase (CPython Modules/_io/iobase.c, bufferedio.c, textio.c), and
// what every io type shares: allocation, attribute access through the
// instance dict and the finalizer (io_internal.h; the argument helpers are
// in io_args.cc).
//
// The bases' methods call the object's own methods by name (readline calls
// self.read and self.peek, close calls self.flush), so classes derived in
// Python, such as io.py's IOBase and the library's raw streams, change
// their behaviour by overriding them, as in CPython.
//
// Threading: the bases keep one flag (closed); the rest is in the derived
// classes, each with its own rules (their files).
#include <cstring>

#include "ftpy/builtin_subclass.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/memoryview.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/weakref.h"
#include "io_internal.h"

namespace ftpy {

Type iobase_type, rawiobase_type, bufferediobase_type, textiobase_type;

namespace io {

Type* g_unsupported_operation = nullptr;

namespace {

void io_dealloc(Object* o) {
  Type* t = o->ob_type;
  // An exact BytesIO or StringIO holds nothing to flush: skip close().
  if (t != &bytesio_type && t != &stringio_type && !run_native_finalizer(o)) return;
  clear_weakrefs(o, &as_io(o)->weaklist);
  t->release(o);
  gc_free_object(o);
}

// _IOBase's finalizer (CPython's iobase_finalize): an object dropped while
// open is closed, so that buffered data reaches its file. Errors are
// dropped, as CPython does outside its development mode.
void iobase_finalize(Object* self) {
  int closed = read_closed(self);
  if (closed < 0) {
    clear_error();
    return;
  }
  if (closed) return;
  as_io(self)->finalizing.store(true, std::memory_order_relaxed);
  Ref<> r(call_method(self, "close", nullptr, 0));
  if (!r) clear_error();
}

}  // namespace

void forward_dealloc_warn(Object* inner, Object* self) {
  if (!inner) return;
  Ref<> r(call_method(inner, "_dealloc_warn", &self, 1));
  if (!r) clear_error();
}

void release_iobase(Object* o) {
  IOObject* io = as_io(o);
  Dict* d = io->dict;
  io->dict = nullptr;
  xdecref(d);
}

// io objects are tracked by the cycle collector (`f.f = f`, a raw stream
// whose attribute refers to its buffered wrapper): each type visits its
// dict and the streams it wraps. A derived class's instance reports the
// dict itself (instance_traverse), so only an exact io object's is visited
// here. The collector stops the world first: no thread is inside a method
// then, and a thread blocked in a system call changes no field.
void io_traverse(Object* o, GcVisitFn visit, void* arg) {
  if (!is_heap_type(o->ob_type)) gc_visit(as_io(o)->dict, visit, arg);
}

namespace {

// Breaks a cycle through the dict; the wrapped streams stay (the object
// may still be finalized, and close() needs them).
void io_clear(Object* o) {
  if (is_heap_type(o->ob_type)) return;  // instance_clear dropped it
  if (Dict* d = std::atomic_ref<Dict*>(as_io(o)->dict).exchange(nullptr, std::memory_order_acq_rel)) decref(d);
}

}  // namespace

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
void init_io_type(Type* t, const char* name, Type* base, size_t basicsize, DeallocFn release, GetAttrFn getattr) {
  t->name = name;
  t->base = base;
  t->flags = kTypeBaseType | kTypeGc;
  t->basicsize = static_cast<int32_t>(basicsize);
  t->builtin_dict_offset = static_cast<int32_t>(offsetof(IOObject, dict));
  t->weaklist_offset = static_cast<int32_t>(offsetof(IOObject, weaklist));
  t->dealloc = io_dealloc;
  t->release = release ? release : release_iobase;
  t->finalize = iobase_finalize;
  t->traverse = io_traverse;
  t->clear = io_clear;
  t->getattr = getattr ? getattr : io_getattr;
  t->setattr = io_setattr;
  init_static_type(t);
}
#pragma GCC diagnostic pop

Object* io_alloc(Type* type, size_t bytes) {
  Object* o = alloc_instance_of(type, bytes);
  if (o) std::memset(reinterpret_cast<char*>(o) + sizeof(Object), 0, bytes - sizeof(Object));
  return o;
}

Object* io_getattr(Object* o, Str* name) {
  Type* t = o->ob_type;
  Object* attr = type_lookup(t, name);
  if (attr && is_member_descriptor(attr)) {
    // A native attribute its type's getattr should have answered.
    return raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", t->name, str_view(name));
  }
  if (Dict* d = instance_dict(o)) {
    if (Object* v = dict_get_str_ref(d, name)) return v;
  }
  if (name == FTPY_ID("__dict__")) {
    Dict* d = instance_dict_ensure(o);
    return d ? newref(d) : nullptr;
  }
  return generic_getattr(o, name);
}

int io_setattr(Object* o, Str* name, Object* value) {
  Object* attr = type_lookup(o->ob_type, name);
  if (attr && (is_member_descriptor(attr) || name == FTPY_ID("__class__"))) return generic_setattr(o, name, value);
  Dict* d = instance_dict_ensure(o);
  if (!d) return -1;
  if (value) return dict_set(d, name, value);
  if (dict_delete(d, name) < 0) {
    if (!error_matches(&KeyError_type)) return -1;
    clear_error();
    raise_fmt(&AttributeError_type, "'%s' object has no attribute '%s'", type_name(o), str_view(name));
    return -1;
  }
  return 0;
}

Object* iobase_close(Object* self) {
  IOObject* io = as_io(self);
  if (io->iobase_closed.load(std::memory_order_acquire)) return newref(kNone);
  Ref<> r(call_method(self, "flush", nullptr, 0));
  io->iobase_closed.store(true, std::memory_order_release);
  return r ? newref(kNone) : nullptr;
}

Object* finish_close(Ref<> first, Ref<> result) {
  if (!first) return result.release();
  if (result) {
    raise_object(first.release());
    return nullptr;
  }
  Object* second = fetch_error();
  auto* e = static_cast<BaseException*>(second);
  Object* old = e->context;
  e->context = first.release();
  xdecref(old);
  raise_object(second);
  return nullptr;
}

Object* iobase_iternext(Object* self) {
  Ref<> line(call_method(self, "readline", nullptr, 0));
  if (!line) return nullptr;
  int64_t n = object_len(line.get());
  if (n < 0) return nullptr;
  return n ? line.release() : nullptr;  // empty: the end
}

Object* iobase_readlines(Object* self, int64_t hint) {
  Ref<List> result(list_new());
  if (!result) return nullptr;
  Ref<> it(object_iter(self));
  if (!it) return nullptr;
  int64_t total = 0;
  for (;;) {
    Ref<> line(iter_next(it.get()));
    if (!line) return error_occurred() ? nullptr : result.release();
    if (list_append(result.get(), line.get()) < 0) return nullptr;
    if (hint > 0) {
      int64_t n = object_len(line.get());
      if (n < 0) return nullptr;
      total += n;
      if (total >= hint) return result.release();
    }
  }
}

Object* readinto_via_read(Object* self, Object* const* args, size_t nargs, Tuple* kwnames, bool one) {
  const char* method = one ? "readinto1" : "readinto";
  if (!check_no_kwargs(method, kwnames) || !check_nargs(method, nargs, 1, 1)) return nullptr;
  Ref<> view;
  char* data;
  int64_t size;
  if (!writable_buffer(args[0], "readinto() argument", &view, &data, &size)) return nullptr;
  Ref<> count(int_from_i64(size));
  Object* arg = count.get();
  Ref<> got(call_method(self, one ? "read1" : "read", &arg, 1));
  if (!got) return nullptr;
  if (got.get() == kNone) return newref(kNone);  // a non-blocking stream had nothing
  if (!is_bytes(got.get())) return raise(&TypeError_type, "read() should return bytes");
  std::string_view g = bytes_view(got.get());
  if (static_cast<int64_t>(g.size()) > size) {
    return raise_fmt(&ValueError_type, "read() returned too much data: %d bytes requested, %d returned", size,
                     static_cast<int64_t>(g.size()));
  }
  if (!g.empty()) std::memcpy(data, g.data(), g.size());  // an empty buffer may have no data pointer
  return int_from_i64(static_cast<int64_t>(g.size()));
}

Object* text_iternext_via_readline(Object* self) {
  Ref<> line(call_method(self, "readline", nullptr, 0));
  if (!line) return nullptr;
  if (!is_str(line.get())) {
    return raise_fmt(&OSError_type, "readline() should have returned a str object, not '%s'", type_name(line.get()));
  }
  return str_view(line.get()).empty() ? nullptr : line.release();
}

namespace {

using Args = Object* const*;

Object* iobase_seek_m(Object*, Args, size_t, Tuple*) { return unsupported("seek"); }
Object* iobase_truncate_m(Object*, Args, size_t, Tuple*) { return unsupported("truncate"); }
Object* iobase_fileno_m(Object*, Args, size_t, Tuple*) { return unsupported("fileno"); }

Object* iobase_tell_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("tell", kwnames) || !check_nargs("tell", nargs, 0, 0)) return nullptr;
  Object* args[] = {int_from_i64(0), int_from_i64(1)};
  return call_method(self, "seek", args, 2);
}

Object* iobase_flush_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("flush", nargs, 0, 0)) return nullptr;
  if (as_io(self)->iobase_closed.load(std::memory_order_acquire)) return closed_file_error();
  return newref(kNone);
}

Object* iobase_close_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("close", nargs, 0, 0)) return nullptr;
  return iobase_close(self);
}

Object* false_m(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("readable", nargs, 0, 0)) return nullptr;
  return newref(kFalse);
}

Object* check_closed_m(Object* self, Args, size_t, Tuple*) {
  return check_not_closed(self) ? newref(kNone) : nullptr;
}
Object* check_readable_m(Object* self, Args, size_t, Tuple*) {
  return check_readable(self) ? newref(kTrue) : nullptr;
}
Object* check_writable_m(Object* self, Args, size_t, Tuple*) {
  return check_writable(self) ? newref(kTrue) : nullptr;
}
Object* check_seekable_m(Object* self, Args, size_t, Tuple*) {
  return check_seekable(self) ? newref(kTrue) : nullptr;
}

Object* iobase_isatty_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("isatty", nargs, 0, 0) || !check_not_closed(self)) return nullptr;
  return newref(kFalse);
}

Object* iobase_enter_m(Object* self, Args, size_t, Tuple*) {
  return check_not_closed(self) ? newref(self) : nullptr;
}

Object* iobase_exit_m(Object* self, Args, size_t, Tuple*) { return call_method(self, "close", nullptr, 0); }

Object* iobase_iter_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("__iter__", nargs, 0, 0) || !check_not_closed(self)) return nullptr;
  return newref(self);
}

Object* iobase_iter(Object* self) { return check_not_closed(self) ? newref(self) : nullptr; }

Object* iobase_del_m(Object* self, Args, size_t, Tuple*) {
  iobase_finalize(self);
  return newref(kNone);
}

// _IOBase.readline: through peek() where the object has one (a line ends
// inside what it shows), else a byte at a time (CPython's
// _io__IOBase_readline_impl).
Object* iobase_readline_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t limit;
  if (!size_arg("readline", "size", args, nargs, kwnames, &limit)) return nullptr;
  Ref<> peek(object_getattr(self, FTPY_ID("peek")));
  if (!peek) {
    if (!error_matches(&AttributeError_type)) return nullptr;
    clear_error();
  }
  std::string line;
  while (limit < 0 || static_cast<int64_t>(line.size()) < limit) {
    int64_t nreadahead = 1;
    if (peek) {
      Object* one = int_from_i64(1);
      Ref<> ahead(call1(peek.get(), one));
      if (!ahead) return nullptr;
      if (!is_bytes(ahead.get())) {
        return raise_fmt(&OSError_type, "peek() should have returned a bytes object, not '%s'",
                         type_name(ahead.get()));
      }
      std::string_view a = bytes_view(ahead.get());
      if (!a.empty()) {
        int64_t n = 0;
        while (n < static_cast<int64_t>(a.size()) && (limit < 0 || n < limit)) {
          if (a[n++] == '\n') break;
        }
        nreadahead = n;
      }
    }
    Ref<> count(int_from_i64(nreadahead));
    Object* arg = count.get();
    Ref<> b(call_method(self, "read", &arg, 1));
    if (!b) return nullptr;
    if (b.get() == kNone) break;
    if (!is_bytes(b.get())) {
      return raise_fmt(&OSError_type, "read() should have returned a bytes object, not '%s'", type_name(b.get()));
    }
    std::string_view chunk = bytes_view(b.get());
    if (chunk.empty()) break;
    line.append(chunk);
    if (line.back() == '\n') break;
  }
  return bytes_new(line);
}

Object* iobase_readlines_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t hint;
  if (!size_arg("readlines", "hint", args, nargs, kwnames, &hint)) return nullptr;
  return iobase_readlines(self, hint);
}

Object* iobase_writelines_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("writelines", kwnames) || !check_nargs("writelines", nargs, 1, 1)) return nullptr;
  if (!check_not_closed(self)) return nullptr;
  Ref<> it(object_iter(args[0]));
  if (!it) return nullptr;
  for (;;) {
    Ref<> line(iter_next(it.get()));
    if (!line) return error_occurred() ? nullptr : newref(kNone);
    Object* arg = line.get();
    Ref<> r(call_method(self, "write", &arg, 1));
    if (!r) return nullptr;
  }
}

const MethodDef kIOBaseMethods[] = {
    {"seek", iobase_seek_m},
    {"tell", iobase_tell_m},
    {"truncate", iobase_truncate_m},
    {"flush", iobase_flush_m},
    {"close", iobase_close_m},
    {"seekable", false_m},
    {"readable", false_m},
    {"writable", false_m},
    {"_checkClosed", check_closed_m},
    {"_checkSeekable", check_seekable_m},
    {"_checkReadable", check_readable_m},
    {"_checkWritable", check_writable_m},
    {"fileno", iobase_fileno_m},
    {"isatty", iobase_isatty_m},
    {"__enter__", iobase_enter_m},
    {"__exit__", iobase_exit_m},
    {"__iter__", iobase_iter_m},
    {"__del__", iobase_del_m},
    {"readline", iobase_readline_m},
    {"readlines", iobase_readlines_m},
    {"writelines", iobase_writelines_m},
    {nullptr, nullptr},
};

Object* iobase_getattr(Object* o, Str* name) {
  if (name == FTPY_ID("closed")) return newref(bool_from(as_io(o)->iobase_closed.load(std::memory_order_acquire)));
  return io_getattr(o, name);
}

Object* iobase_construct(Type* type, Args, size_t, Tuple*) { return io_alloc(type, sizeof(IOObject)); }

// ---- _RawIOBase ----

Object* rawiobase_read_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  int64_t size;
  if (!size_arg("read", "size", args, nargs, kwnames, &size)) return nullptr;
  if (size < 0) return call_method(self, "readall", nullptr, 0);
  if (!bytes_size_ok(size)) return nullptr;
  Ref<ByteArray> b(bytearray_new(std::string(static_cast<size_t>(size), '\0')));
  if (!b) return nullptr;
  Object* arg = b.get();
  int64_t n;
  if (!call_int_method(self, "readinto", &arg, 1, &n, true)) return nullptr;
  if (n == -2) return newref(kNone);
  if (n < 0 || n > size) return raise_fmt(&ValueError_type, "readinto returned %d outside buffer size %d", n, size);
  return bytes_new(std::string_view(b->data ? b->data : "", static_cast<size_t>(n)));
}

Object* rawiobase_readall_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("readall", nargs, 0, 0)) return nullptr;
  std::string all;
  bool any = false;
  Ref<> size(int_from_i64(kDefaultBufferSize));
  for (;;) {
    Object* arg = size.get();
    Ref<> data(call_method(self, "read", &arg, 1));
    if (!data) return nullptr;
    if (data.get() == kNone) {
      if (!any) return newref(kNone);
      break;
    }
    if (!is_bytes(data.get())) return raise(&TypeError_type, "read() should return bytes");
    if (bytes_view(data.get()).empty()) break;
    all.append(bytes_view(data.get()));
    any = true;
  }
  return bytes_new(all);
}

Object* not_implemented_m(Object*, Args, size_t, Tuple*) { return raise(&NotImplementedError_type, ""); }

const MethodDef kRawIOBaseMethods[] = {
    {"read", rawiobase_read_m},
    {"readall", rawiobase_readall_m},
    {"readinto", not_implemented_m},
    {"write", not_implemented_m},
    {nullptr, nullptr},
};

// ---- _BufferedIOBase ----

Object* unsupported_read_m(Object*, Args, size_t, Tuple*) { return unsupported("read"); }
Object* unsupported_read1_m(Object*, Args, size_t, Tuple*) { return unsupported("read1"); }
Object* unsupported_write_m(Object*, Args, size_t, Tuple*) { return unsupported("write"); }
Object* unsupported_detach_m(Object*, Args, size_t, Tuple*) { return unsupported("detach"); }
Object* unsupported_readline_m(Object*, Args, size_t, Tuple*) { return unsupported("readline"); }

Object* bufferediobase_readinto_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return readinto_via_read(self, args, nargs, kwnames, false);
}
Object* bufferediobase_readinto1_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return readinto_via_read(self, args, nargs, kwnames, true);
}

const MethodDef kBufferedIOBaseMethods[] = {
    {"detach", unsupported_detach_m},
    {"read", unsupported_read_m},
    {"read1", unsupported_read1_m},
    {"readinto", bufferediobase_readinto_m},
    {"readinto1", bufferediobase_readinto1_m},
    {"write", unsupported_write_m},
    {nullptr, nullptr},
};

// ---- _TextIOBase ----

const MethodDef kTextIOBaseMethods[] = {
    {"detach", unsupported_detach_m},
    {"read", unsupported_read_m},
    {"readline", unsupported_readline_m},
    {"write", unsupported_write_m},
    {nullptr, nullptr},
};

Object* textiobase_getattr(Object* o, Str* name) {
  if (name == FTPY_ID("encoding") || name == FTPY_ID("newlines") || name == FTPY_ID("errors")) return newref(kNone);
  return iobase_getattr(o, name);
}

}  // namespace

void init_io_base_types() {
  init_io_type(&iobase_type, "_io._IOBase", nullptr, sizeof(IOObject), nullptr, iobase_getattr);
  iobase_type.new_ = iobase_construct;
  iobase_type.iter = iobase_iter;
  iobase_type.iternext = iobase_iternext;
  iobase_type.doc = "The abstract base class for all I/O classes.";
  add_methods(&iobase_type, kIOBaseMethods);
  add_native_attrs(&iobase_type, {"closed"}, {});

  init_io_type(&rawiobase_type, "_io._RawIOBase", &iobase_type, sizeof(IOObject), nullptr, iobase_getattr);
  rawiobase_type.doc = "Base class for raw binary I/O.";
  add_methods(&rawiobase_type, kRawIOBaseMethods);

  init_io_type(&bufferediobase_type, "_io._BufferedIOBase", &iobase_type, sizeof(IOObject), nullptr,
               iobase_getattr);
  bufferediobase_type.doc = "Base class for buffered IO objects.";
  add_methods(&bufferediobase_type, kBufferedIOBaseMethods);

  init_io_type(&textiobase_type, "_io._TextIOBase", &iobase_type, sizeof(IOObject), nullptr, textiobase_getattr);
  textiobase_type.doc = "Base class for text I/O.";
  add_methods(&textiobase_type, kTextIOBaseMethods);
  add_native_attrs(&textiobase_type, {"encoding", "newlines", "errors"}, {});
}

}  // namespace io

}  // namespace ftpy

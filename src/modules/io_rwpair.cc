// _io.BufferedRWPair: a BufferedReader and a BufferedWriter over two raw
// streams (a pipe's two ends, a socket's two directions) behind one object
// (CPython Modules/_io/bufferedio.c). Each half keeps its own lock; the
// pair only forwards, so it needs none of its own: its two references are
// set by __init__ before the pair is shared and dropped when it is freed.
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "io_internal.h"

namespace ftpy {

Type buffered_rwpair_type;

namespace io {

namespace {

using Args = Object* const*;

struct RWPair : IOObject {
  Object* reader;  // owned BufferedReader
  Object* writer;  // owned BufferedWriter
};

RWPair* as_pair(Object* o) { return static_cast<RWPair*>(o); }

bool pair_init(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[3] = {};
  if (!parse_args("BufferedRWPair", args, nargs, kwnames, {"reader", "writer", "buffer_size"}, 2, slots)) return false;
  if (!check_readable(slots[0]) || !check_writable(slots[1])) return false;
  Object* rargs[] = {slots[0], slots[2]};
  Object* wargs[] = {slots[1], slots[2]};
  size_t n = slots[2] ? 2 : 1;
  Ref<> reader(object_call(&buffered_reader_type, rargs, n, nullptr));
  if (!reader) return false;
  Ref<> writer(object_call(&buffered_writer_type, wargs, n, nullptr));
  if (!writer) return false;
  RWPair* p = as_pair(self);
  Object* old_r = p->reader;
  Object* old_w = p->writer;
  p->reader = reader.release();
  p->writer = writer.release();
  xdecref(old_r);
  xdecref(old_w);
  return true;
}

Object* pair_construct(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  Ref<> self(io_alloc(type, sizeof(RWPair)));
  if (!self) return nullptr;
  if (is_heap_type(type)) return self.release();
  return pair_init(self.get(), args, nargs, kwnames) ? self.release() : nullptr;
}

Object* pair_init_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  return pair_init(self, args, nargs, kwnames) ? newref(kNone) : nullptr;
}

Object* pair_part(Object* self, bool writer) {
  RWPair* p = as_pair(self);
  Object* part = writer ? p->writer : p->reader;
  if (!part) return raise(&ValueError_type, "I/O operation on uninitialized object");
  return part;
}

Object* pair_call(Object* self, bool writer, const char* name, Args args, size_t nargs) {
  Object* part = pair_part(self, writer);
  return part ? call_method(part, name, args, nargs) : nullptr;
}

Object* pair_read_m(Object* self, Args a, size_t n, Tuple*) { return pair_call(self, false, "read", a, n); }
Object* pair_peek_m(Object* self, Args a, size_t n, Tuple*) { return pair_call(self, false, "peek", a, n); }
Object* pair_read1_m(Object* self, Args a, size_t n, Tuple*) { return pair_call(self, false, "read1", a, n); }
Object* pair_readinto_m(Object* self, Args a, size_t n, Tuple*) { return pair_call(self, false, "readinto", a, n); }
Object* pair_readinto1_m(Object* self, Args a, size_t n, Tuple*) { return pair_call(self, false, "readinto1", a, n); }
Object* pair_write_m(Object* self, Args a, size_t n, Tuple*) { return pair_call(self, true, "write", a, n); }
Object* pair_flush_m(Object* self, Args a, size_t n, Tuple*) { return pair_call(self, true, "flush", a, n); }
Object* pair_readable_m(Object* self, Args a, size_t n, Tuple*) { return pair_call(self, false, "readable", a, n); }
Object* pair_writable_m(Object* self, Args a, size_t n, Tuple*) { return pair_call(self, true, "writable", a, n); }

Object* pair_isatty_m(Object* self, Args, size_t, Tuple*) {
  Ref<> w(pair_call(self, true, "isatty", nullptr, 0));
  if (!w) return nullptr;
  int t = object_is_true(w.get());
  if (t < 0) return nullptr;
  if (t) return w.release();
  return pair_call(self, false, "isatty", nullptr, 0);
}

Object* pair_close_m(Object* self, Args, size_t, Tuple*) {
  Ref<> w(pair_call(self, true, "close", nullptr, 0));
  Ref<> error(w ? nullptr : fetch_error());
  Ref<> r(pair_call(self, false, "close", nullptr, 0));
  return finish_close(std::move(error), std::move(r));
}

Object* pair_getattr(Object* o, Str* name) {
  if (name == FTPY_ID("closed")) {
    Object* w = pair_part(o, true);
    return w ? object_getattr(w, name) : nullptr;
  }
  return io_getattr(o, name);
}

void pair_release(Object* o) {
  RWPair* p = as_pair(o);
  xdecref(p->reader);
  xdecref(p->writer);
  p->reader = p->writer = nullptr;
  release_iobase(o);
}

const MethodDef kPairMethods[] = {
    {"__init__", pair_init_m},     {"read", pair_read_m},           {"peek", pair_peek_m},
    {"read1", pair_read1_m},       {"readinto", pair_readinto_m},   {"readinto1", pair_readinto1_m},
    {"write", pair_write_m},       {"flush", pair_flush_m},         {"readable", pair_readable_m},
    {"writable", pair_writable_m}, {"isatty", pair_isatty_m},       {"close", pair_close_m},
    {nullptr, nullptr},
};

}  // namespace

void init_rwpair_type() {
  init_io_type(&buffered_rwpair_type, "_io.BufferedRWPair", &bufferediobase_type, sizeof(RWPair), pair_release,
               pair_getattr);
  buffered_rwpair_type.new_ = pair_construct;
  buffered_rwpair_type.traverse = [](Object* o, GcVisitFn visit, void* arg) {
    io_traverse(o, visit, arg);
    gc_visit_each(visit, arg, as_pair(o)->reader, as_pair(o)->writer);
  };
  buffered_rwpair_type.doc = "A buffered reader and writer object together.";
  add_methods(&buffered_rwpair_type, kPairMethods);
  add_native_attrs(&buffered_rwpair_type, {"closed"}, {});
}

}  // namespace io

}  // namespace ftpy

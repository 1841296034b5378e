// zlib's streaming objects, Compress and Decompress (CPython's compobject in
// Modules/zlibmodule.c); the module is zlib.cc.
//
// Threading: a stream object's z_stream is updated in place by zlib, so
// each operation holds the object's own mutex (MutexLock) for its whole
// length, as CPython's ENTER_ZLIB does, and each deflate/inflate call runs
// detached (zlib.cc's header comment). Attribute reads take the mutex too.
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdint>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/mutex.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "zlib_internal.h"

namespace ftpy {
namespace zlib {

namespace {

using Args = Object* const*;

Type compress_type, decompress_type;

// A Compress or a Decompress object.
struct ZStreamObject : Object {
  std::atomic<uint8_t> lock;  // held for each whole operation (header comment)
  bool initialised;           // the stream is live (false after the end)
  bool eof;                   // Decompress: the end of the stream was seen
  z_stream zst;
  Object* unused_data;      // Decompress: bytes after the stream's end
  Object* unconsumed_tail;  // Decompress: input held back by max_length
  Object* zdict;            // nullptr or the bytes-like dictionary
};

ZStreamObject* as_z(Object* o) { return static_cast<ZStreamObject*>(o); }

ZStreamObject* new_stream_object(Type* type) {
  auto* z = alloc_object<ZStreamObject>(type);
  if (!z) return nullptr;
  z->lock.store(0, std::memory_order_relaxed);
  z->initialised = false;
  z->eof = false;
  init_stream(&z->zst);
  z->unused_data = bytes_empty();
  z->unconsumed_tail = bytes_empty();
  z->zdict = nullptr;
  return z;
}

void stream_dealloc(Object* o) {
  ZStreamObject* z = as_z(o);
  if (z->initialised) {
    if (o->ob_type == &compress_type) {
      deflateEnd(&z->zst);
    } else {
      inflateEnd(&z->zst);
    }
  }
  decref(z->unused_data);
  decref(z->unconsumed_tail);
  xdecref(z->zdict);
  free_object(o);
}

// Sets a Decompress object's dictionary from its zdict (set_inflate_zdict).
bool set_inflate_zdict(ZStreamObject* z) {
  ByteData dict;
  if (!dict.init(z->zdict, "a bytes-like object is required")) return false;
  if (dict.view().size() > UINT_MAX) {
    raise(&OverflowError_type, "zdict length does not fit in an unsigned int");
    return false;
  }
  int err = inflateSetDictionary(&z->zst, reinterpret_cast<const Bytef*>(dict.view().data()),
                                 static_cast<uInt>(dict.view().size()));
  if (err != Z_OK) {
    zlib_error(z->zst, err, "while setting zdict");
    return false;
  }
  return true;
}

}  // namespace

Object* m_compressobj(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[6] = {};
  if (!parse_args("compressobj", args, nargs, kwnames, {"level", "method", "wbits", "memLevel", "strategy", "zdict"}, 0,
                  a)) {
    return nullptr;
  }
  int level = Z_DEFAULT_COMPRESSION, method = Z_DEFLATED, wbits = MAX_WBITS, mem_level = kDefMemLevel,
      strategy = Z_DEFAULT_STRATEGY;
  if ((a[0] && !c_int_arg(a[0], &level)) || (a[1] && !c_int_arg(a[1], &method)) ||
      (a[2] && !c_int_arg(a[2], &wbits)) || (a[3] && !c_int_arg(a[3], &mem_level)) ||
      (a[4] && !c_int_arg(a[4], &strategy))) {
    return nullptr;
  }
  ByteData dict;
  if (a[5] && !dict.init(a[5], "a bytes-like object is required")) return nullptr;
  Ref<ZStreamObject> z(new_stream_object(&compress_type));
  if (!z) return nullptr;
  int err = deflateInit2(&z->zst, level, method, wbits, mem_level, strategy);
  if (err == Z_MEM_ERROR) return raise(&MemoryError_type, "Can't allocate memory for compression object");
  if (err == Z_STREAM_ERROR) return raise(&ValueError_type, "Invalid initialization option");
  if (err != Z_OK) return zlib_error(z->zst, err, "while creating compression object");
  z->initialised = true;
  if (a[5]) {
    if (dict.view().size() > UINT_MAX) return raise(&OverflowError_type, "zdict length does not fit in an unsigned int");
    err = deflateSetDictionary(&z->zst, reinterpret_cast<const Bytef*>(dict.view().data()),
                               static_cast<uInt>(dict.view().size()));
    if (err != Z_OK) return raise(&ValueError_type, "Invalid dictionary");
  }
  return z.release();
}

Object* m_decompressobj(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {};
  if (!parse_args("decompressobj", args, nargs, kwnames, {"wbits", "zdict"}, 0, a)) return nullptr;
  int wbits = MAX_WBITS;
  if (a[0] && !c_int_arg(a[0], &wbits)) return nullptr;
  if (a[1] && !is_bytes_like(a[1])) return raise(&TypeError_type, "zdict argument must support the buffer protocol");
  Ref<ZStreamObject> z(new_stream_object(&decompress_type));
  if (!z) return nullptr;
  if (a[1]) z->zdict = newref(a[1]);
  int err = inflateInit2(&z->zst, wbits);
  if (err == Z_STREAM_ERROR) return raise(&ValueError_type, "Invalid initialization option");
  if (err == Z_MEM_ERROR) return raise(&MemoryError_type, "Can't allocate memory for decompression object");
  if (err != Z_OK) return zlib_error(z->zst, err, "while creating decompression object");
  z->initialised = true;
  // A raw stream (no header) has no dictionary request: set it now.
  if (z->zdict && wbits < 0 && !set_inflate_zdict(z.get())) return nullptr;
  return z.release();
}

namespace {

// Compress.compress(data, /)
Object* compress_compress(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {};
  if (!parse_args_posonly("compress", args, nargs, kwnames, 1, {"data"}, 1, a)) return nullptr;
  ByteData data;
  if (!data.init(a[0], "a bytes-like object is required")) return nullptr;
  ZStreamObject* z = as_z(self);
  MutexLock lock(&z->lock);
  Input in(data.view());
  Output out(&z->zst, kDefBufSize, -1);
  do {
    in.feed(&z->zst);
    do {
      if (z->zst.avail_out == 0 && !out.grow()) return nullptr;
      int err = run_detached(deflate, &z->zst, Z_NO_FLUSH);
      if (err == Z_STREAM_ERROR) return zlib_error(z->zst, err, "while compressing data");
    } while (z->zst.avail_out == 0);
  } while (in.left != 0);
  return out.finish();
}

// Compress.flush(mode=Z_FINISH, /)
Object* compress_flush(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {};
  if (!parse_args_posonly("flush", args, nargs, kwnames, 1, {"mode"}, 0, a)) return nullptr;
  int mode = Z_FINISH;
  if (a[0] && !c_int_arg(a[0], &mode)) return nullptr;
  if (mode == Z_NO_FLUSH) return bytes_empty();  // a no-op
  ZStreamObject* z = as_z(self);
  MutexLock lock(&z->lock);
  z->zst.avail_in = 0;
  Output out(&z->zst, kDefBufSize, -1);
  int err;
  do {
    if (z->zst.avail_out == 0 && !out.grow()) return nullptr;
    err = run_detached(deflate, &z->zst, mode);
    if (err == Z_STREAM_ERROR) return zlib_error(z->zst, err, "while flushing");
  } while (z->zst.avail_out == 0);
  if (err == Z_STREAM_END && mode == Z_FINISH) {
    // The end: free what zlib holds now rather than at deallocation.
    err = deflateEnd(&z->zst);
    if (err != Z_OK) return zlib_error(z->zst, err, "while finishing compression");
    z->initialised = false;
  } else if (err != Z_OK && err != Z_BUF_ERROR) {
    // Z_BUF_ERROR only says the last call had no more output: not an error.
    return zlib_error(z->zst, err, "while flushing");
  }
  return out.finish();
}

// After an inflate pass over `data` (CPython's save_unconsumed_input): input
// past the stream's end goes to unused_data, input held back by max_length
// to unconsumed_tail (cleared once everything is consumed).
bool save_unconsumed_input(ZStreamObject* z, std::string_view data, int err) {
  auto left = [&] {
    auto consumed = reinterpret_cast<const char*>(z->zst.next_in) - data.data();
    return data.substr(static_cast<size_t>(consumed));
  };
  if (err == Z_STREAM_END && z->zst.avail_in > 0) {
    std::string joined(bytes_view(z->unused_data));
    joined.append(left());
    Object* fresh = bytes_new(joined);
    if (!fresh) return false;
    decref(z->unused_data);
    z->unused_data = fresh;
    z->zst.avail_in = 0;
  }
  if (z->zst.avail_in > 0 || bytes_view(z->unconsumed_tail).size() > 0) {
    Object* fresh = bytes_new(left());
    if (!fresh) return false;
    decref(z->unconsumed_tail);
    z->unconsumed_tail = fresh;
  }
  return true;
}

// The inflate loop that Decompress.decompress and flush share: `flush_at_end`
// finishes the stream once all input is given.
int inflate_all(ZStreamObject* z, Input* in, Output* out, bool flush_at_end, bool* failed) {
  int err = Z_OK;
  do {
    in->feed(&z->zst);
    int flush = flush_at_end && in->left == 0 ? Z_FINISH : Z_SYNC_FLUSH;
    do {
      if (z->zst.avail_out == 0) {
        if (out->at_limit()) return err;
        if (!out->grow()) {
          *failed = true;
          return err;
        }
      }
      err = run_detached(inflate, &z->zst, flush);
      if (err == Z_NEED_DICT && z->zdict) {
        if (!set_inflate_zdict(z)) {
          *failed = true;
          return err;
        }
        continue;
      }
      if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) return err;
    } while (z->zst.avail_out == 0 || err == Z_NEED_DICT);
  } while (err != Z_STREAM_END && in->left != 0);
  return err;
}

// Decompress.decompress(data, /, max_length=0)
Object* decompress_decompress(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {};
  if (!parse_args_posonly("decompress", args, nargs, kwnames, 1, {"data", "max_length"}, 1, a)) return nullptr;
  int64_t max_length = 0;
  if (a[1] && !index_as_i64(a[1], &max_length)) return nullptr;
  if (max_length < 0) return raise(&ValueError_type, "max_length must be non-negative");
  ByteData data;
  if (!data.init(a[0], "a bytes-like object is required")) return nullptr;
  ZStreamObject* z = as_z(self);
  MutexLock lock(&z->lock);
  Input in(data.view());
  Output out(&z->zst, max_length == 0 ? kDefBufSize : std::min<int64_t>(max_length, kDefBufSize),
             max_length == 0 ? -1 : max_length);
  bool failed = false;
  int err = inflate_all(z, &in, &out, false, &failed);
  if (failed || !save_unconsumed_input(z, data.view(), err)) return nullptr;
  if (err == Z_STREAM_END) {
    // inflateEnd waits for flush(), as in CPython.
    z->eof = true;
  } else if (err != Z_OK && err != Z_BUF_ERROR) {
    return zlib_error(z->zst, err, "while decompressing data");
  }
  return out.finish();
}

// Decompress.flush(length=DEF_BUF_SIZE, /): the rest, from unconsumed_tail.
Object* decompress_flush(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {};
  if (!parse_args_posonly("flush", args, nargs, kwnames, 1, {"length"}, 0, a)) return nullptr;
  int64_t length = kDefBufSize;
  if (a[0] && !index_as_i64(a[0], &length)) return nullptr;
  if (length <= 0) return raise(&ValueError_type, "length must be greater than zero");
  ZStreamObject* z = as_z(self);
  MutexLock lock(&z->lock);
  Ref<> tail(newref(z->unconsumed_tail));  // save_unconsumed_input replaces it
  std::string_view data = bytes_view(tail.get());
  Input in(data);
  Output out(&z->zst, static_cast<size_t>(length), -1);
  bool failed = false;
  int err = inflate_all(z, &in, &out, true, &failed);
  if (failed || !save_unconsumed_input(z, data, err)) return nullptr;
  if (err == Z_STREAM_END) {
    z->eof = true;
    z->initialised = false;
    err = inflateEnd(&z->zst);
    if (err != Z_OK) return zlib_error(z->zst, err, "while finishing decompression");
  }
  return out.finish();
}

// copy(), __copy__() and __deepcopy__(memo).
Object* stream_copy(Object* self) {
  ZStreamObject* z = as_z(self);
  bool compress = self->ob_type == &compress_type;
  Ref<ZStreamObject> copy(new_stream_object(self->ob_type));
  if (!copy) return nullptr;
  MutexLock lock(&z->lock);
  if (!z->initialised) return raise(&ValueError_type, "Inconsistent stream state");
  int err = compress ? deflateCopy(&copy->zst, &z->zst) : inflateCopy(&copy->zst, &z->zst);
  if (err == Z_STREAM_ERROR) return raise(&ValueError_type, "Inconsistent stream state");
  if (err == Z_MEM_ERROR) {
    return raise(&MemoryError_type, compress ? "Can't allocate memory for compression object"
                                             : "Can't allocate memory for decompression object");
  }
  if (err != Z_OK) {
    return zlib_error(z->zst, err, compress ? "while copying compression object" : "while copying decompression object");
  }
  copy->initialised = true;
  copy->eof = z->eof;
  decref(copy->unused_data);
  copy->unused_data = newref(z->unused_data);
  decref(copy->unconsumed_tail);
  copy->unconsumed_tail = newref(z->unconsumed_tail);
  copy->zdict = z->zdict ? newref(z->zdict) : nullptr;
  return copy.release();
}

Object* copy_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("copy", kwnames) || !check_nargs("copy", nargs, 0, 0)) return nullptr;
  return stream_copy(self);
}
Object* copy_dunder_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("__copy__", kwnames) || !check_nargs("__copy__", nargs, 0, 0)) return nullptr;
  return stream_copy(self);
}
Object* deepcopy_m(Object* self, Args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("__deepcopy__", kwnames) || !check_nargs("__deepcopy__", nargs, 1, 1)) return nullptr;
  return stream_copy(self);
}

Object* decompress_getattr(Object* o, Str* name) {
  ZStreamObject* z = as_z(o);
  if (name == FTPY_ID("eof")) {
    MutexLock lock(&z->lock);
    return newref(z->eof ? kTrue : kFalse);
  }
  if (name == FTPY_ID("unused_data")) {
    MutexLock lock(&z->lock);
    return newref(z->unused_data);
  }
  if (name == FTPY_ID("unconsumed_tail")) {
    MutexLock lock(&z->lock);
    return newref(z->unconsumed_tail);
  }
  return generic_getattr(o, name);
}

const MethodDef kCompressMethods[] = {
    {"compress", compress_compress}, {"flush", compress_flush},         {"copy", copy_m},
    {"__copy__", copy_dunder_m},     {"__deepcopy__", deepcopy_m},      {nullptr, nullptr},
};

const MethodDef kDecompressMethods[] = {
    {"decompress", decompress_decompress}, {"flush", decompress_flush},   {"copy", copy_m},
    {"__copy__", copy_dunder_m},           {"__deepcopy__", deepcopy_m}, {nullptr, nullptr},
};

}  // namespace

void init_stream_types() {
  compress_type.name = "zlib.Compress";
  compress_type.dealloc = stream_dealloc;
  init_static_type(&compress_type);
  add_methods(&compress_type, kCompressMethods);
  decompress_type.name = "zlib.Decompress";
  decompress_type.dealloc = stream_dealloc;
  decompress_type.getattr = decompress_getattr;
  init_static_type(&decompress_type);
  add_methods(&decompress_type, kDecompressMethods);
  add_native_attrs(&decompress_type, {}, {"eof", "unused_data", "unconsumed_tail"});
}

}  // namespace zlib
}  // namespace ftpy

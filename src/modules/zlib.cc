// zlib (CPython's Modules/zlibmodule.c) on the zlib library (zlib1g-dev):
// compress/decompress, the streaming Compress and Decompress objects,
// crc32 and adler32, with CPython 3.11's arguments, results and messages.
// gzip, zipfile, tarfile and shutil's archives build on it.
//
// Threading: a Compress or Decompress object owns a z_stream that zlib
// updates in place, so each operation holds the object's own mutex for its
// whole length, as CPython's ENTER_ZLIB does. The zlib calls themselves run
// detached (DetachScope kBlocking: the GIL released, QSBR offline, no
// stop-the-world waits on them), so a long compression neither stalls the
// other threads of the GIL build nor the collector of the free-threaded
// one. That is why the lock is a plain mutex and not a critical section,
// which detaching would suspend. While detached, the call touches only the
// stream, the input (an immutable bytes kept alive by the caller, or a
// private copy of a mutable buffer) and a private output buffer.
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdint>
#include <mutex>
#include <new>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/mutex.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "module_init.h"

namespace ftpy {

namespace {

using Args = Object* const*;

constexpr int kDefMemLevel = 8;          // zlib's DEF_MEM_LEVEL (zutil.h, not installed)
constexpr int64_t kDefBufSize = 16384;   // CPython's DEF_BUF_SIZE
constexpr size_t kMaxChunk = 1u << 30;   // output grown at most this much at a time

Type* g_error = nullptr;  // zlib.error
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

// deflate or inflate, detached.
int run_detached(int (*fn)(z_streamp, int), z_stream* zst, int flush) {
  DetachScope detached(DetachMode::kBlocking);
  return fn(zst, flush);
}

// zlib.error with CPython's "Error %d %s: %.200s" (zlib_error).
std::nullptr_t zlib_error(const z_stream& zst, int err, const char* what) {
  const char* zmsg = err == Z_VERSION_ERROR ? "library version mismatch" : zst.msg;
  if (!zmsg) {
    switch (err) {
      case Z_BUF_ERROR: zmsg = "incomplete or truncated stream"; break;
      case Z_STREAM_ERROR: zmsg = "inconsistent stream state"; break;
      case Z_DATA_ERROR: zmsg = "invalid input data"; break;
      default: break;
    }
  }
  if (!zmsg) return raise_fmt(g_error, "Error %d %s", err, what);
  return raise_fmt(g_error, "Error %d %s: %.200s", err, what, zmsg);
}

// The input, handed to zlib at most UINT_MAX bytes at a time
// (CPython's arrange_input_buffer).
struct Input {
  const Bytef* next;
  size_t left;

  explicit Input(std::string_view v) : next(reinterpret_cast<const Bytef*>(v.data())), left(v.size()) {}
  void feed(z_stream* zst) {
    // zlib's next_in is not const-qualified but is never written through.
    zst->next_in = const_cast<Bytef*>(next);
    zst->avail_in = static_cast<uInt>(std::min<size_t>(left, UINT_MAX));
    next += zst->avail_in;
    left -= zst->avail_in;
  }
};

// A growing output buffer that zst writes into; `limit` < 0: unbounded.
class Output {
 public:
  Output(z_stream* zst, size_t first, int64_t limit) : zst_(zst), first_(std::max<size_t>(first, 1)), limit_(limit) {
    zst_->next_out = nullptr;
    zst_->avail_out = 0;
  }
  size_t size() const { return buf_.empty() ? 0 : reinterpret_cast<char*>(zst_->next_out) - buf_.data(); }
  bool at_limit() const { return limit_ >= 0 && size() == static_cast<size_t>(limit_); }
  // Gives zst more room (doubling); false with MemoryError.
  bool grow() {
    size_t used = size();
    size_t add = std::min(std::max(first_, used), kMaxChunk);
    if (limit_ >= 0) add = std::min(add, static_cast<size_t>(limit_) - used);
    try {
      buf_.resize(used + add);
    } catch (const std::bad_alloc&) {
      raise_no_memory();
      return false;
    }
    zst_->next_out = reinterpret_cast<Bytef*>(buf_.data() + used);
    zst_->avail_out = static_cast<uInt>(add);
    return true;
  }
  Object* finish() { return bytes_new(std::string_view(buf_.data(), size())); }

 private:
  z_stream* zst_;
  size_t first_;
  int64_t limit_;
  std::string buf_;
};

void init_stream(z_stream* zst) {
  zst->zalloc = Z_NULL;
  zst->zfree = Z_NULL;
  zst->opaque = Z_NULL;
  zst->next_in = Z_NULL;
  zst->avail_in = 0;
  zst->msg = nullptr;
}

bool ssize_arg(Object* o, int64_t* out) { return index_as_i64(o, out); }

// ---- one-shot functions ----

Object* m_compress(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {};
  if (!parse_args_posonly("compress", args, nargs, kwnames, 1, {"data", "level", "wbits"}, 1, a)) return nullptr;
  int level = Z_DEFAULT_COMPRESSION, wbits = MAX_WBITS;
  if ((a[1] && !c_int_arg(a[1], &level)) || (a[2] && !c_int_arg(a[2], &wbits))) return nullptr;
  ByteData data;
  if (!data.init(a[0], "a bytes-like object is required")) return nullptr;
  z_stream zst;
  init_stream(&zst);
  int err = deflateInit2(&zst, level, Z_DEFLATED, wbits, kDefMemLevel, Z_DEFAULT_STRATEGY);
  if (err == Z_MEM_ERROR) return raise(&MemoryError_type, "Out of memory while compressing data");
  if (err == Z_STREAM_ERROR) return raise(g_error, "Bad compression level");
  if (err != Z_OK) {
    deflateEnd(&zst);
    return zlib_error(zst, err, "while compressing data");
  }
  Input in(data.view());
  Output out(&zst, std::max<size_t>(data.view().size() / 2, kDefBufSize), -1);
  int flush;
  do {
    in.feed(&zst);
    flush = in.left == 0 ? Z_FINISH : Z_NO_FLUSH;
    do {
      if (zst.avail_out == 0 && !out.grow()) {
        deflateEnd(&zst);
        return nullptr;
      }
      err = run_detached(deflate, &zst, flush);
      if (err == Z_STREAM_ERROR) {
        deflateEnd(&zst);
        return zlib_error(zst, err, "while compressing data");
      }
    } while (zst.avail_out == 0);
  } while (flush != Z_FINISH);
  err = deflateEnd(&zst);
  if (err != Z_OK) return zlib_error(zst, err, "while finishing compression");
  return out.finish();
}

Object* m_decompress(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {};
  if (!parse_args_posonly("decompress", args, nargs, kwnames, 1, {"data", "wbits", "bufsize"}, 1, a)) return nullptr;
  int wbits = MAX_WBITS;
  int64_t bufsize = kDefBufSize;
  if ((a[1] && !c_int_arg(a[1], &wbits)) || (a[2] && !ssize_arg(a[2], &bufsize))) return nullptr;
  if (bufsize < 0) return raise(&ValueError_type, "bufsize must be non-negative");
  ByteData data;
  if (!data.init(a[0], "a bytes-like object is required")) return nullptr;
  z_stream zst;
  init_stream(&zst);
  int err = inflateInit2(&zst, wbits);
  if (err == Z_MEM_ERROR) return raise(&MemoryError_type, "Out of memory while decompressing data");
  if (err != Z_OK) {
    inflateEnd(&zst);
    return zlib_error(zst, err, "while preparing to decompress data");
  }
  Input in(data.view());
  Output out(&zst, static_cast<size_t>(std::max<int64_t>(bufsize, 1)), -1);
  do {
    in.feed(&zst);
    int flush = in.left == 0 ? Z_FINISH : Z_NO_FLUSH;
    do {
      if (zst.avail_out == 0 && !out.grow()) {
        inflateEnd(&zst);
        return nullptr;
      }
      err = run_detached(inflate, &zst, flush);
      if (err == Z_MEM_ERROR) {
        inflateEnd(&zst);
        return raise(&MemoryError_type, "Out of memory while decompressing data");
      }
      if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) {
        inflateEnd(&zst);
        return zlib_error(zst, err, "while decompressing data");
      }
    } while (zst.avail_out == 0);
  } while (err != Z_STREAM_END && in.left != 0);
  if (err != Z_STREAM_END) {
    inflateEnd(&zst);
    return zlib_error(zst, err, "while decompressing data");
  }
  err = inflateEnd(&zst);
  if (err != Z_OK) return zlib_error(zst, err, "while finishing decompression");
  return out.finish();
}

// crc32(data, value=0, /) and adler32(data, value=1, /).
template <uLong (*Fn)(uLong, const Bytef*, z_size_t)>
Object* checksum(const char* qualname, uLong start, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs(qualname, kwnames)) return nullptr;
  const char* name = qualname + 5;  // without "zlib."
  if (!check_nargs(name, nargs, 1, 2)) return nullptr;
  ByteData data;
  if (!data.init(args[0], "a bytes-like object is required")) return nullptr;
  uint64_t value = start;
  if (nargs == 2 && !masked_int_arg(args[1], 0xFFFFFFFFu, &value)) return nullptr;
  std::string_view v = data.view();
  uLong r = Fn(static_cast<uLong>(value), reinterpret_cast<const Bytef*>(v.data()), v.size());
  return int_from_i64(static_cast<int64_t>(r & 0xFFFFFFFFu));
}

Object* m_crc32(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return checksum<crc32_z>("zlib.crc32", 0, args, nargs, kwnames);
}
Object* m_adler32(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return checksum<adler32_z>("zlib.adler32", 1, args, nargs, kwnames);
}

// ---- stream objects ----

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
  if (a[1] && !ssize_arg(a[1], &max_length)) return nullptr;
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
  if (a[0] && !ssize_arg(a[0], &length)) return nullptr;
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

const MethodDef kFunctions[] = {
    {"compress", m_compress},         {"decompress", m_decompress}, {"compressobj", m_compressobj},
    {"decompressobj", m_decompressobj}, {"crc32", m_crc32},         {"adler32", m_adler32},
    {nullptr, nullptr},
};

// The types and zlib.error are made once; the module on every first import
// (again after `del sys.modules["zlib"]`).
void init_types() {
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
  g_error = class_new("error", "zlib", &Exception_type);
  make_immortal(g_error);
}

Module* make_zlib_module() {
  static std::once_flag once;
  std::call_once(once, init_types);
  Ref<Module> module(module_new("zlib"));
  if (!module) return nullptr;
  Module* m = module.get();
  add_functions(m->dict, m, kFunctions);
  dict_set_str(m->dict, "error", g_error);
  const struct {
    const char* name;
    int64_t value;
  } ints[] = {
      {"MAX_WBITS", MAX_WBITS},
      {"DEFLATED", Z_DEFLATED},
      {"DEF_MEM_LEVEL", kDefMemLevel},
      {"DEF_BUF_SIZE", kDefBufSize},
      {"Z_NO_COMPRESSION", Z_NO_COMPRESSION},
      {"Z_BEST_SPEED", Z_BEST_SPEED},
      {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
      {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION},
      {"Z_FILTERED", Z_FILTERED},
      {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
      {"Z_RLE", Z_RLE},
      {"Z_FIXED", Z_FIXED},
      {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY},
      {"Z_NO_FLUSH", Z_NO_FLUSH},
      {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH},
      {"Z_SYNC_FLUSH", Z_SYNC_FLUSH},
      {"Z_FULL_FLUSH", Z_FULL_FLUSH},
      {"Z_FINISH", Z_FINISH},
      {"Z_BLOCK", Z_BLOCK},
      {"Z_TREES", Z_TREES},
  };
  for (const auto& [name, value] : ints) {
    Ref<> v(int_from_i64(value));
    if (!v || dict_set_str(m->dict, name, v.get()) < 0) return nullptr;
  }
  const char* strs[][2] = {{"ZLIB_VERSION", ZLIB_VERSION}, {"ZLIB_RUNTIME_VERSION", zlibVersion()}, {"__version__", "1.0"}};
  for (const auto& [name, value] : strs) {
    Ref<> v(str_new(value));
    if (!v || dict_set_str(m->dict, name, v.get()) < 0) return nullptr;
  }
  return module.release();
}

}  // namespace

void init_zlib_module() { register_lazy_module("zlib", make_zlib_module); }

}  // namespace ftpy

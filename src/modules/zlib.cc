// zlib (CPython's Modules/zlibmodule.c) on the zlib library (zlib1g-dev):
// compress/decompress, crc32 and adler32 here, the streaming Compress and
// Decompress objects in zlib_stream.cc, with CPython 3.11's arguments,
// results and messages.
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
#include "zlib_internal.h"

namespace ftpy {
namespace zlib {

Type* g_error = nullptr;

int run_detached(int (*fn)(z_streamp, int), z_stream* zst, int flush) {
  DetachScope detached(DetachMode::kBlocking);
  return fn(zst, flush);
}

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

namespace {

using Args = Object* const*;

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
  if ((a[1] && !c_int_arg(a[1], &wbits)) || (a[2] && !index_as_i64(a[2], &bufsize))) return nullptr;
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

const MethodDef kFunctions[] = {
    {"compress", m_compress},         {"decompress", m_decompress}, {"compressobj", m_compressobj},
    {"decompressobj", m_decompressobj}, {"crc32", m_crc32},         {"adler32", m_adler32},
    {nullptr, nullptr},
};

// The types and zlib.error are made once; the module on every first import
// (again after `del sys.modules["zlib"]`).
void init_types() {
  init_stream_types();
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
  const IntConstant ints[] = {
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
  if (!add_int_constants(m->dict, ints)) return nullptr;
  const char* strs[][2] = {{"ZLIB_VERSION", ZLIB_VERSION}, {"ZLIB_RUNTIME_VERSION", zlibVersion()}, {"__version__", "1.0"}};
  for (const auto& [name, value] : strs) {
    Ref<> v(str_new(value));
    if (!v || dict_set_str(m->dict, name, v.get()) < 0) return nullptr;
  }
  return module.release();
}

}  // namespace

}  // namespace zlib

void init_zlib_module() { register_lazy_module("zlib", zlib::make_zlib_module); }

}  // namespace ftpy

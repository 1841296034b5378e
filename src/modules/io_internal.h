// _io's shared layout and helpers: the native core of CPython's `io`
// package (design/io.md). One file per class family:
//   io_module.cc    the module, open(), the exception, sys.std* streams
//   io_base.cc      _IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase
//   io_fileio.cc    FileIO: a file descriptor
//   io_bytesio.cc   BytesIO
//   io_stringio.cc  StringIO
//   io_buffered.cc  BufferedReader, BufferedWriter, BufferedRandom (io_buffered.h, io_buffered_raw.cc)
//   io_rwpair.cc    BufferedRWPair
//   io_textio.cc    TextIOWrapper (io_textio.h; reading in io_textio_read.cc, tell/seek in io_textio_seek.cc)
//   io_newlines.cc  IncrementalNewlineDecoder and the newline scanner TextIOWrapper shares
//
// Every io object starts with IOObject: an instance dict (open() stores
// `mode` there, as CPython does), a weak-reference list and _IOBase's own
// closed flag. Classes derived from them (io.py's IOBase, user classes) use
// the same dict field (Type::dict_offset).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "ftpy/gc.h"
#include "ftpy/native.h"
#include "ftpy/object.h"
#include "ftpy/refcount.h"
#include "ftpy/type.h"

namespace ftpy {

struct Dict;
struct Str;
struct Tuple;

extern Type iobase_type, rawiobase_type, bufferediobase_type, textiobase_type;
extern Type fileio_type, bytesio_type, stringio_type;
extern Type buffered_reader_type, buffered_writer_type, buffered_random_type, buffered_rwpair_type;
extern Type textiowrapper_type, newline_decoder_type;

namespace io {

inline constexpr int64_t kDefaultBufferSize = 8192;

struct IOObject : Object {
  Dict* dict;
  Object* weaklist;
  std::atomic<bool> iobase_closed;  // _IOBase.close() ran (CPython's __IOBase_closed)
  // Set by the finalizer before it calls close() (CPython's `finalizing`,
  // read back as `_finalizing`): close() then warns that the file was left
  // open (ResourceWarning, through the raw stream's _dealloc_warn).
  std::atomic<bool> finalizing;
};

inline bool io_finalizing(Object* o) {
  return static_cast<IOObject*>(o)->finalizing.load(std::memory_order_relaxed);
}
// close() of a Buffered or TextIOWrapper being finalized:
// `inner._dealloc_warn(self)`, its errors dropped (CPython's
// buffered_close and _io_TextIOWrapper_close_impl).
void forward_dealloc_warn(Object* inner, Object* self);

inline IOObject* as_io(Object* o) { return static_cast<IOObject*>(o); }

// io.UnsupportedOperation (OSError and ValueError), made at start-up.
extern Type* g_unsupported_operation;

// Fills what every io type shares: the layout size, the dict and weak-list
// offsets, attribute access through the instance dict, the finalizer that
// closes an object dropped while open, and the dealloc that runs it.
// `getattr` answers the type's native attributes first (nullptr: none).
void init_io_type(Type* t, const char* name, Type* base, size_t basicsize, DeallocFn release,
                  GetAttrFn getattr = nullptr);
// Drops the IOObject part's references (every release ends with it).
void release_iobase(Object* o);
// The cycle collector's visit of the IOObject part (init_io_type installs
// it; a type that wraps streams calls it from its own).
void io_traverse(Object* o, GcVisitFn visit, void* arg);
// A fresh instance of `type` (or a class derived from it) with `bytes` of
// layout, the IOObject part cleared.
Object* io_alloc(Type* type, size_t bytes);
// Attribute access of io objects: the type's data descriptors, the instance
// dict, then the type. A type's own getattr calls io_getattr for names it
// does not answer.
Object* io_getattr(Object* o, Str* name);
int io_setattr(Object* o, Str* name, Object* value);

// CPython's errors.
std::nullptr_t unsupported(const char* message);  // io.UnsupportedOperation(message)
std::nullptr_t closed_file_error();               // ValueError: I/O operation on closed file.
// Whether self.closed is true (through the attribute, as CPython does, so
// that classes derived in Python decide); -1 with an exception.
int read_closed(Object* self);
// Raises the closed-file error when self.closed; false after an error.
bool check_not_closed(Object* self);
// self.readable()/writable()/seekable() must be true, else
// UnsupportedOperation("File or stream is not readable.").
bool check_readable(Object* self);
bool check_writable(Object* self);
bool check_seekable(Object* self);

// A size argument: None or a missing one is -1; an int (through __index__)
// otherwise. False with TypeError.
bool parse_size(Object* arg, int64_t* out);
// A method's one optional size argument (read(size=-1), readline(size=-1),
// readlines(hint=-1)), parsed as parse_size does.
bool size_arg(const char* fname, const char* param, Object* const* args, size_t nargs, Tuple* kwnames,
              int64_t* out);
// An offset for seek/truncate: an int through __index__.
bool parse_offset(Object* arg, int64_t* out);

// Calls obj.name(args...) and converts an integer result (None: -2 when
// `none_ok`, the "would block" answer of non-blocking raw streams).
bool call_int_method(Object* obj, const char* name, Object* const* args, size_t nargs, int64_t* out,
                     bool none_ok = false);
// obj.name() as a truth value; -1 with an exception.
int call_bool_method(Object* obj, const char* name);

// The line-reading algorithm of _IOBase.readline and BytesIO/buffered
// readline: whether a line ends at data[i].
bool text_encoding_is_utf8(std::string_view normalized);

// _IOBase's own close, flush, __enter__... (io_base.cc), shared by the
// native classes' methods of the same names.
Object* iobase_close(Object* self);
Object* iobase_iternext(Object* self);
// The end of a close() whose first step (a flush) failed with `first`
// (nullptr: it did not) and whose second (the inner close) gave `result`:
// the result, or the second error with the first as its __context__, or
// the first error (CPython's _PyErr_ChainExceptions in close).
Object* finish_close(Ref<> first, Ref<> result);
// readinto(b)/readinto1(b) through self.read(len(b))/read1 (CPython's
// _bufferediobase_readinto_generic; BufferedReader's too).
Object* readinto_via_read(Object* self, Object* const* args, size_t nargs, Tuple* kwnames, bool one);
// __next__ of a class derived from StringIO or TextIOWrapper: its readline().
Object* text_iternext_via_readline(Object* self);
// Reads lines until `hint` bytes or characters (-1: all) through
// self.readline (readlines of _IOBase).
Object* iobase_readlines(Object* self, int64_t hint);

// Open writers (buffered writers and text wrappers), so that those still
// reachable when the program ends are flushed, as CPython's finalization
// does by clearing the modules (io_module.cc). Registered by __init__,
// unregistered by the release.
void register_writer(Object* o);
void unregister_writer(Object* o);

// The module's init functions, one per file.
void init_io_base_types();
void init_fileio_type();
void init_bytesio_type();
void init_stringio_type();
void init_buffered_types();
void init_rwpair_type();
void init_textio_type();
void init_newline_decoder_type();

// The system calls of an exact FileIO, for the buffered classes' fast
// path: nullptr/false when `raw` is not one. The count, -1 with an
// exception, or -2 when a non-blocking descriptor would block.
bool is_exact_fileio(Object* raw);
int64_t fileio_raw_read(Object* raw, char* buf, int64_t n);
int64_t fileio_raw_write(Object* raw, const char* data, int64_t n);

// FileIO's constructor for open() and the standard streams.
Object* fileio_open(Object* file, std::string_view mode, bool closefd, Object* opener);
Object* fileio_from_fd(int fd, std::string_view mode, bool closefd);
// TextIOWrapper(buffer, encoding, errors, newline, line_buffering, write_through).
Object* textio_new(Object* buffer, Object* encoding, Object* errors, Object* newline, bool line_buffering,
                   bool write_through);
// Flushes a TextIOWrapper's pending text into its buffer and the buffer to
// its file, if `o` is an exact one; the standard streams at exit.
bool textio_flush(Object* o);

}  // namespace io

}  // namespace ftpy

namespace ftpy::io {

// Universal-newline state (CPython's IncrementalNewlineDecoder fields): a
// '\r' held back at the end of a chunk, in case a '\n' follows, and which
// kinds of line ending were seen.
struct NewlineState {
  enum : int { kLF = 1, kCR = 2, kCRLF = 4 };
  bool pendingcr = false;
  int seennl = 0;
};
// What a newline= argument (None, '', '\n', '\r' or '\r\n') asks of a
// text stream, as StringIO and TextIOWrapper read it.
struct NewlineMode {
  bool readuniversal;  // lines end at \r, \n or \r\n (None or '')
  bool readtranslate;  // and read as '\n' (None)
  char readnl[3];      // otherwise the one ending: the argument ('' for None)
  char writenl[3];     // what '\n' becomes when writing ("" for no change)
};
// Sets *out from the argument (nullptr or None: not given); false, with
// nothing raised, for any other string: the callers word that error
// differently.
bool parse_newline_mode(Object* newline, NewlineMode* out);
// text with each '\n' replaced by `nl`.
std::string replace_newlines(std::string_view text, const char* nl);

// Applies the state to the next decoded UTF-8 chunk (CPython's
// _PyIncrementalNewlineDecoder_decode after the inner decoder): prepends a
// held '\r', holds a final '\r' unless `final`, records the endings seen
// and, with `translate`, turns "\r\n" and "\r" into "\n".
void newline_decode(NewlineState* st, std::string* text, bool final, bool translate);
// The `newlines` attribute for seennl: None, a str or a tuple of them.
Object* newlines_value(int seennl);
// Where the first line of text[start..] ends (the index after its ending),
// or npos when none is complete: universal (\r, \n, \r\n; a '\r' at the
// very end counts only when `final`), or the ending `nl`.
size_t find_line_end(std::string_view text, size_t start, bool universal, std::string_view nl, bool final);

}  // namespace ftpy::io

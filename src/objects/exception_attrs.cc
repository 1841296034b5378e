// The attributes CPython's builtin exceptions derive from their arguments
// (Objects/exceptions.c): OSError's errno/strerror/filename and its
// errno-to-subclass mapping, SyntaxError's location fields, ImportError's
// name/path, AttributeError's and NameError's name, StopIteration.value,
// SystemExit.code, and the Unicode errors' encoding/object/start/end/reason.
//
// They are computed from `args` when read (exception_getattr asks here
// after the instance dict, so an assignment overrides them); the keyword
// arguments some constructors take (name=, path=, obj=) are stored in the
// exception's dict at construction.
#include <cerrno>
#include <cstdio>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"

namespace ftpy {

namespace {

Object* arg(BaseException* e, int64_t i) { return i < e->args->size ? e->args->items[i] : kNone; }

bool is_a(Object* o, Type* t) { return is_subtype(o->ob_type, t); }

// OSError(errno, strerror[, filename[, winerror[, filename2]]]): CPython
// reads them only when 2 to 5 arguments are given.
bool os_error_fields(BaseException* e) { return e->args->size >= 2 && e->args->size <= 5; }

// BlockingIOError(errno, strerror, characters_written): CPython's
// oserror_init takes a number as the third argument of an exact
// BlockingIOError as characters written, not a file name.
bool written_arg(BaseException* e) {
  if (e->ob_type != &BlockingIOError_type || !os_error_fields(e) || e->args->size < 3) return false;
  return e->args->items[2] != kNone && number_check(e->args->items[2]);
}

// UnicodeDecodeError(encoding, object, start, end, reason) and friends.
bool unicode_fields(BaseException* e) {
  int64_t n = is_a(e, &UnicodeTranslateError_type) ? 4 : 5;
  return e->args->size == n;
}

}  // namespace

Object* exception_builtin_attr(Object* o, std::string_view n) {
  auto* e = static_cast<BaseException*>(o);
  if (is_a(o, &StopIteration_type) && n == "value") return newref(arg(e, 0));
  if (is_a(o, &SystemExit_type) && n == "code") {
    return newref(e->args->size == 0 ? kNone : e->args->size == 1 ? e->args->items[0] : e->args);
  }
  if (is_a(o, &OSError_type)) {
    bool f = os_error_fields(e);
    if (n == "errno") return newref(f ? arg(e, 0) : kNone);
    if (n == "strerror") return newref(f ? arg(e, 1) : kNone);
    if (n == "filename") return newref(f && !written_arg(e) ? arg(e, 2) : kNone);
    if (n == "filename2") return newref(f && e->args->size == 5 ? arg(e, 4) : kNone);
  }
  if (is_a(o, &SyntaxError_type)) {
    // SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset]))
    Object* details = arg(e, 1);
    Tuple* d = is_tuple(details) ? static_cast<Tuple*>(details) : nullptr;
    auto field = [d](int64_t i) { return newref(d && i < d->size ? d->items[i] : kNone); };
    if (n == "msg") return newref(arg(e, 0));
    if (n == "filename") return field(0);
    if (n == "lineno") return field(1);
    if (n == "offset") return field(2);
    if (n == "text") return field(3);
    if (n == "end_lineno") return field(4);
    if (n == "end_offset") return field(5);
    if (n == "print_file_and_line") return newref(kNone);
  }
  if (is_a(o, &ImportError_type)) {
    if (n == "msg") return newref(e->args->size == 1 ? arg(e, 0) : kNone);
    if (n == "name" || n == "path") return newref(kNone);
  }
  if ((is_a(o, &AttributeError_type) || is_a(o, &NameError_type)) && n == "name") return newref(kNone);
  if (is_a(o, &AttributeError_type) && n == "obj") return newref(kNone);
  if (is_a(o, &UnicodeError_type) && unicode_fields(e)) {
    bool translate = is_a(o, &UnicodeTranslateError_type);
    int64_t base = translate ? -1 : 0;  // UnicodeTranslateError has no encoding
    if (n == "encoding" && !translate) return newref(arg(e, 0));
    if (n == "object") return newref(arg(e, base + 1));
    if (n == "start") return newref(arg(e, base + 2));
    if (n == "end") return newref(arg(e, base + 3));
    if (n == "reason") return newref(arg(e, base + 4));
  }
  return nullptr;
}

namespace {

// A field read through getattr (the dict's value wins over args').
Object* field(Object* o, Str* name) {
  Object* v = object_getattr(o, name);
  if (!v) clear_error();
  return v ? v : newref(kNone);
}

Object* os_error_str(Object* o) {
  auto* e = static_cast<BaseException*>(o);
  // "[Errno 2] No such file or directory: 'f'" (-> 'g' with filename2)
  Ref<> no(object_str(arg(e, 0))), text(object_str(arg(e, 1)));
  if (!no || !text) return nullptr;
  std::string out = "[Errno " + std::string(str_view(no.get())) + "] " + std::string(str_view(text.get()));
  Ref<> filename(field(o, FTPY_ID("filename"))), filename2(field(o, FTPY_ID("filename2")));
  if (filename.get() != kNone) {
    std::string f;
    if (!repr_string(filename.get(), &f)) return nullptr;
    out += ": " + f;
    if (filename2.get() != kNone) {
      std::string f2;
      if (!repr_string(filename2.get(), &f2)) return nullptr;
      out += " -> " + f2;
    }
  }
  return str_new(out);
}

Object* unicode_error_str(Object* o);

}  // namespace

bool exception_builtin_str(Object* o, Object** out) {
  auto* e = static_cast<BaseException*>(o);
  if (is_a(o, &OSError_type) && os_error_fields(e)) {
    *out = os_error_str(o);
    return true;
  }
  if (is_a(o, &UnicodeError_type) && unicode_fields(e)) {
    *out = unicode_error_str(o);
    return *out || error_occurred();
  }
  return false;
}

namespace {

// UnicodeDecodeError/UnicodeEncodeError with their five arguments; nullptr
// without an exception when the arguments have other types (the generic str).
Object* unicode_error_str(Object* o) {
  {
    // The fields as they are now (assigning u.end changes the message, as
    // in CPython), each made a str as CPython's UnicodeEncodeError_str does.
    Ref<> enc_field(field(o, FTPY_ID("encoding"))), object(field(o, FTPY_ID("object")));
    Ref<> start_field(field(o, FTPY_ID("start"))), end_field(field(o, FTPY_ID("end")));
    Object* obj = object.get();
    int64_t start, end;
    if (!is_int(start_field.get()) || !is_int(end_field.get()) || !int_as_i64(start_field.get(), &start) ||
        !int_as_i64(end_field.get(), &end)) {
      clear_error();
      return nullptr;  // the generic str of the arguments
    }
    Ref<> reason_field(field(o, FTPY_ID("reason")));
    Ref<> reason(object_str(reason_field.get()));
    if (!reason) return nullptr;
    bool translate = is_a(o, &UnicodeTranslateError_type);  // no codec named
    Ref<> enc(translate ? nullptr : object_str(enc_field.get()));
    if (!translate && !enc) return nullptr;
    std::string head = translate ? "can't " : "'" + std::string(str_view(enc.get())) + "' codec can't ";
    const char* verb = translate ? "translate" : "encode";
    if (is_a(o, &UnicodeDecodeError_type) && is_bytes_like(obj)) {
      std::string data;
      if (!bytes_like_copy(obj, &data)) return nullptr;
      if (start >= 0 && start < static_cast<int64_t>(data.size()) && end == start + 1) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02x", static_cast<unsigned char>(data[start]));
        return str_new(head + "decode byte " + buf + " in position " + std::to_string(start) + ": " +
                       std::string(str_view(reason.get())));
      }
      return str_new(head + "decode bytes in position " + std::to_string(start) + "-" + std::to_string(end - 1) +
                     ": " + std::string(str_view(reason.get())));
    }
    if ((is_a(o, &UnicodeEncodeError_type) || translate) && is_str(obj)) {
      if (end == start + 1 && start >= 0 && start < static_cast<Str*>(obj)->length) {
        Ref<> ch(object_getitem(obj, start_field.get()));
        if (!ch) return nullptr;
        // CPython escapes the character whatever it is: '\xe9', '\u20ac'.
        size_t pos = 0;
        uint32_t c = decode_utf8(str_view(ch.get()), &pos);
        char buf[16];
        if (c < 0x100) std::snprintf(buf, sizeof buf, "'\\x%02x'", static_cast<unsigned>(c));
        else if (c < 0x10000) std::snprintf(buf, sizeof buf, "'\\u%04x'", static_cast<unsigned>(c));
        else std::snprintf(buf, sizeof buf, "'\\U%08x'", static_cast<unsigned>(c));
        std::string r = buf;
        return str_new(head + verb + " character " + r + " in position " + std::to_string(start) + ": " +
                       std::string(str_view(reason.get())));
      }
      return str_new(head + verb + " characters in position " + std::to_string(start) + "-" +
                     std::to_string(end - 1) + ": " + std::string(str_view(reason.get())));
    }
  }
  return nullptr;
}

}  // namespace

Type* os_error_subclass_for(Object* errno_value) {
  int64_t code;
  if (!is_int(errno_value) || !int_as_i64(errno_value, &code)) {
    clear_error();
    return nullptr;
  }
  switch (code) {
    case EAGAIN: case EALREADY: case EINPROGRESS: return &BlockingIOError_type;
    case ECHILD: return &ChildProcessError_type;
    case EPIPE: case ESHUTDOWN: return &BrokenPipeError_type;
    case ECONNABORTED: return &ConnectionAbortedError_type;
    case ECONNREFUSED: return &ConnectionRefusedError_type;
    case ECONNRESET: return &ConnectionResetError_type;
    case EEXIST: return &FileExistsError_type;
    case ENOENT: return &FileNotFoundError_type;
    case EISDIR: return &IsADirectoryError_type;
    case ENOTDIR: return &NotADirectoryError_type;
    case EINTR: return &InterruptedError_type;
    case EACCES: case EPERM: return &PermissionError_type;
    case ESRCH: return &ProcessLookupError_type;
    case ETIMEDOUT: return &TimeoutError_type;
    default: return nullptr;
  }
}

}  // namespace ftpy

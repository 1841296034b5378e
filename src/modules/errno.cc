// The errno module: the platform's error numbers by name, and errorcode,
// the reverse map (CPython Modules/errnomodule.c). Where two names share a
// number (EAGAIN/EWOULDBLOCK, EDEADLK/EDEADLOCK, ENOTSUP/EOPNOTSUPP),
// errorcode gives the one CPython 3.11 gives on Linux.
//
// Thread-safety: built once at start-up; afterwards only read.
#include <cerrno>

#include "ftpy/dict.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/refcount.h"
#include "ftpy/str.h"
#include "module_init.h"

namespace ftpy {

namespace {

struct ErrnoName {
  const char* name;
  int value;
};

#define E(name) {#name, name},
// The aliases CPython's errorcode does not report come first: later entries win.
const ErrnoName kErrnoNames[] = {
    E(EWOULDBLOCK) E(EDEADLK) E(EOPNOTSUPP) E(E2BIG) E(EACCES) E(EADDRINUSE) E(EADDRNOTAVAIL)
    E(EADV) E(EAFNOSUPPORT) E(EAGAIN) E(EALREADY) E(EBADE) E(EBADF) E(EBADFD) E(EBADMSG) E(EBADR)
    E(EBADRQC) E(EBADSLT) E(EBFONT) E(EBUSY) E(ECANCELED) E(ECHILD) E(ECHRNG) E(ECOMM)
    E(ECONNABORTED) E(ECONNREFUSED) E(ECONNRESET) E(EDEADLOCK) E(EDESTADDRREQ) E(EDOM) E(EDOTDOT)
    E(EDQUOT) E(EEXIST) E(EFAULT) E(EFBIG) E(EHOSTDOWN) E(EHOSTUNREACH) E(EIDRM) E(EILSEQ)
    E(EINPROGRESS) E(EINTR) E(EINVAL) E(EIO) E(EISCONN) E(EISDIR) E(EISNAM) E(EKEYEXPIRED)
    E(EKEYREJECTED) E(EKEYREVOKED) E(EL2HLT) E(EL2NSYNC) E(EL3HLT) E(EL3RST) E(ELIBACC) E(ELIBBAD)
    E(ELIBEXEC) E(ELIBMAX) E(ELIBSCN) E(ELNRNG) E(ELOOP) E(EMEDIUMTYPE) E(EMFILE) E(EMLINK)
    E(EMSGSIZE) E(EMULTIHOP) E(ENAMETOOLONG) E(ENAVAIL) E(ENETDOWN) E(ENETRESET) E(ENETUNREACH)
    E(ENFILE) E(ENOANO) E(ENOBUFS) E(ENOCSI) E(ENODATA) E(ENODEV) E(ENOENT) E(ENOEXEC) E(ENOKEY)
    E(ENOLCK) E(ENOLINK) E(ENOMEDIUM) E(ENOMEM) E(ENOMSG) E(ENONET) E(ENOPKG) E(ENOPROTOOPT)
    E(ENOSPC) E(ENOSR) E(ENOSTR) E(ENOSYS) E(ENOTBLK) E(ENOTCONN) E(ENOTDIR) E(ENOTEMPTY) E(ENOTNAM)
    E(ENOTRECOVERABLE) E(ENOTSOCK) E(ENOTSUP) E(ENOTTY) E(ENOTUNIQ) E(ENXIO) E(EOVERFLOW)
    E(EOWNERDEAD) E(EPERM) E(EPFNOSUPPORT) E(EPIPE) E(EPROTO) E(EPROTONOSUPPORT) E(EPROTOTYPE)
    E(ERANGE) E(EREMCHG) E(EREMOTE) E(EREMOTEIO) E(ERESTART) E(ERFKILL) E(EROFS) E(ESHUTDOWN)
    E(ESOCKTNOSUPPORT) E(ESPIPE) E(ESRCH) E(ESRMNT) E(ESTALE) E(ESTRPIPE) E(ETIME) E(ETIMEDOUT)
    E(ETOOMANYREFS) E(ETXTBSY) E(EUCLEAN) E(EUNATCH) E(EUSERS) E(EXDEV) E(EXFULL)
};
#undef E

}  // namespace

void init_errno_module() {
  Module* m = module_new("errno");
  Ref<Dict> errorcode(dict_new());
  for (const ErrnoName& e : kErrnoNames) {
    Ref<> value(int_from_i64(e.value));
    Str* name = str_intern(e.name);  // immortal
    dict_set(m->dict, name, value.get());
    dict_set(errorcode.get(), value.get(), name);
  }
  dict_set_str(m->dict, "errorcode", errorcode.get());
  register_module(m);
  decref(m);
}

}  // namespace ftpy

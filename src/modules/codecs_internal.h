// What the files of `_codecs` share: codecs_module.cc (the registry and
// the module), codecs_handlers.cc (the standard error handlers),
// codecs_charmap.cc (the charmap codec functions) and codecs_utf16.cc (the
// UTF-16 and UTF-32 ones).
#pragma once

#include <cstdint>

#include "ftpy/native.h"

namespace ftpy {

// codecs.lookup_error(name): the handler registered under `name`, or
// LookupError. New reference.
Object* codec_lookup_error(Object* name);
// (replacement, pos), taking the reference to `replacement` (nullptr
// passes an error through).
Object* codec_result_pair(Object* replacement, int64_t pos);

// strict_errors ... surrogatepass, and the names they are registered under
// (same order; the table ends with a null entry).
extern const MethodDef kErrorHandlers[];
extern const char* const kErrorHandlerNames[];
// charmap_decode, charmap_encode, charmap_build.
extern const MethodDef kCharmapFunctions[];
// utf_16_* and utf_32_* (codecs_utf16.cc).
extern const MethodDef kUtf16Functions[];

}  // namespace ftpy

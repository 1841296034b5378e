// What the files of `_codecs` share: codecs_module.cc (the registry and
// the module), codecs_handlers.cc (the standard error handlers),
// codecs_charmap.cc (the charmap codec functions), codecs_utf16.cc (the
// UTF-16 and UTF-32 ones) and codecs_escape.cc (unicode_escape).
#pragma once

#include <cstdint>
#include <string>

#include "../objects/codecs.h"
#include "ftpy/native.h"

namespace ftpy {

// \xhh, \uhhhh or \Uhhhhhhhh for one code point (backslashreplace, the
// unicode_escape encoders).
void codec_append_hex_escape(std::string& out, uint32_t cp);
// A hex digit's value, or -1.
int codec_hex_value(unsigned char c);
// (replacement, pos), taking the reference to `replacement` (nullptr
// passes an error through).
Object* codec_result_pair(Object* replacement, int64_t pos);
// Makes `type`(encoding, object, start, end, reason) and passes it to the
// handler named `errors` (strict when nullptr): its (replacement, position)
// tuple, checked for shape. New reference. codecs_handlers.cc.
Object* codec_call_error_handler(Type* type, const char* encoding, Object* object, int64_t start, int64_t end,
                                 const char* reason, Object* errors);
// The handler's position, negative counted from the end, checked against
// `size` (CPython's IndexError otherwise).
bool codec_handler_position(Object* pos_obj, int64_t size, int64_t* out);

// strict_errors ... surrogatepass, and the names they are registered under
// (same order; the table ends with a null entry).
extern const MethodDef kErrorHandlers[];
extern const char* const kErrorHandlerNames[];
// charmap_decode, charmap_encode, charmap_build.
extern const MethodDef kCharmapFunctions[];
// utf_16_* and utf_32_* (codecs_utf16.cc).
extern const MethodDef kUtf16Functions[];
// unicode_escape and raw_unicode_escape (codecs_escape.cc).
extern const MethodDef kEscapeFunctions[];

}  // namespace ftpy

// The _json module's two halves (CPython Modules/_json.c): the scanner
// (json_scanner.cc: scanstring and make_scanner, under json.decoder) and
// the encoder (json_encoder.cc: encode_basestring(_ascii) and make_encoder,
// under json.encoder). json_encoder.cc builds the module.
#pragma once

#include "ftpy/native.h"
#include "ftpy/type.h"

namespace ftpy::json {

extern Type scanner_type;
void init_scanner_type();
// scanstring(string, end, strict=True) -> (str, end)
Object* scanstring_fn(Object*, Object* const* args, size_t nargs, Tuple* kwnames);

}  // namespace ftpy::json

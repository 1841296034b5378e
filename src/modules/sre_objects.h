// The objects of `_sre`: re.Pattern (sre.cc), re.Match and the scanner
// behind finditer (sre_match.cc), and the subject text they read.
//
// Thread-safety: a Pattern and a Match never change after they are made,
// so threads share them freely. A scanner's position is the one mutable
// thing; see sre_match.cc.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ftpy/object.h"
#include "ftpy/refcount.h"
#include "sre_engine.h"

namespace ftpy {

struct PatternObject : Object {
  Object* pattern;     // the source: str, bytes, or None
  Object* groupindex;  // dict: group name -> number
  Object* indexgroup;  // tuple: number -> name or None
  int64_t flags;
  int64_t groups;      // capture groups, group 0 not counted
  int is_bytes;        // 1 bytes, 0 str, -1 either (a pattern of None)
  std::vector<uint32_t>* code;
  Object* weaklist;    // weak references (re's cache users, test_re's proxy)
  sre::Code view() const { return {code->data(), code->size()}; }
};

// A subject string as the engine reads it: bytes in place (bytes, ASCII
// str), a private copy (bytearray, memoryview: another thread may resize
// them mid-match), or the code points of a non-ASCII str (kept with the
// string, str_code_points, so matching at many positions of one string
// decodes it once; a private copy past kStrMaxCachedPoints).
struct Subject {
  Ref<> object;
  bool is_bytes = false;
  bool wide = false;
  const void* text = nullptr;
  int64_t length = 0;
  std::string copy;
  std::u32string points;  // the private copy of a very long str

  // False with TypeError for anything but str and bytes-like objects, or
  // a subject of the wrong kind for `pattern`.
  bool init(PatternObject* pattern, Object* string);
  // UTF-8 byte offset of code point `i` (wide subjects).
  int64_t byte_offset(int64_t i) const;
  // string[i:j] as CPython's getslice makes it: a str, or bytes for any
  // bytes-like subject (the subject itself when it is exact and whole).
  Object* slice(int64_t i, int64_t j) const;
  // Points `state` at the text, clamping pos/endpos as sre.c's state_init.
  bool prepare(PatternObject* pattern, sre::State* state, int64_t pos, int64_t endpos) const;
};

extern Type pattern_type, match_type, scanner_type;

// A re.Match for a successful engine run, None for 0, or the exception
// for an error status. New reference.
Object* sre_match_result(PatternObject* pattern, const Subject& subject, const sre::State& state, int64_t status);
// Raises the exception for an engine error status; nullptr.
std::nullptr_t sre_error(int64_t status);
// pattern.scanner(string, pos, endpos) / finditer's scanner.
Object* sre_scanner_new(PatternObject* pattern, Object* string, int64_t pos, int64_t endpos);
// Readies re.Match and the scanner type (sre_match.cc).
void init_sre_match_types();

}  // namespace ftpy

// Hashing of str (and, later, bytes): SipHash-1-3 under a per-process
// secret key, as CPython 3.11 (Python/pyhash.c, PEP 456). Without a
// secret, whoever chooses dictionary keys (a JSON document, HTTP headers)
// can choose keys that collide and make every insert a linear scan.
//
// The key comes from the OS's random source at first use, or from
// PYTHONHASHSEED: an integer in [0, 4294967295] fills the key with
// CPython's LCG (bootstrap_hash.c, lcg_urandom), and 0 means a zero key
// (randomization off). So `PYTHONHASHSEED=N` gives the same hash values,
// and the same set and dict orders of strings, as CPython 3.11 with the
// same N: a str is hashed over CPython's internal representation (1, 2 or
// 4 bytes per code point by the widest one), not over its UTF-8.
//
// Threading: any thread. The key is computed once (a function-local
// static), before the first str hash; hashes are cached per string.
// Cost: design/objects.md ("String hashing").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ftpy {

// Reads PYTHONHASHSEED and fixes the key; exits with CPython's fatal
// error on an invalid value. Called at start-up; str_hash also calls it.
void hash_secret_init();

// sys.flags.hash_randomization: 0 when PYTHONHASHSEED=0, else 1.
bool hash_randomization();

// CPython's _Py_HashBytes: SipHash-1-3 of the bytes, 0 for no bytes, never -1.
int64_t hash_bytes(const void* data, size_t size);

// The hash of the text `utf8` as CPython hashes the same str.
int64_t hash_str_utf8(std::string_view utf8, bool is_ascii);

}  // namespace ftpy

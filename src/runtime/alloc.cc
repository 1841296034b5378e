// The allocation cap and the allocator's failure path (object.h).
#include <unistd.h>

#include <cstddef>
#include <cstdint>

#include "ftpy/errors.h"
#include "ftpy/object.h"

namespace ftpy {

namespace {

size_t physical_memory_bytes() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return SIZE_MAX / 2;
  return static_cast<size_t>(pages) * static_cast<size_t>(page_size);
}

}  // namespace

size_t g_max_alloc_bytes = physical_memory_bytes();

Object* alloc_failed() { return raise_no_memory(); }

}  // namespace ftpy

// Per-thread free lists (ftpy/freelist.h).
#include "ftpy/freelist.h"

namespace ftpy {

FTPY_TLS_LOCAL_EXEC thread_local constinit FreeLists tls_free_lists;

void free_lists_clear() {
  tls_free_lists.floats.clear();
  tls_free_lists.ints.clear();
}

}  // namespace ftpy

// What the two halves of _operator share: operator.cc makes the module,
// operator_getters.cc adds itemgetter, attrgetter and methodcaller to it.
#pragma once

#include "ftpy/module.h"

namespace ftpy {

void add_operator_getters(Module* m);

}  // namespace ftpy

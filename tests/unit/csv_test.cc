// _csv where ftpy differs from CPython on purpose (design/stdlib.md): a
// reader whose input iterator calls next() on that same reader. CPython
// 3.11 crashes there (the inner call leaves the outer one's record list
// NULL), so no script test can compare the two; ftpy raises ValueError in
// the inner call and the outer one finishes its record.
#include <gtest/gtest.h>

#include "runtime_env.h"

namespace {

using ::ftpy::testing::run;

TEST(CsvTest, AReaderReenteredFromItsInputRaises) {
  const char* source =
      "import csv\n"
      "class Lines:\n"
      "    def __init__(self): self.n = 0\n"
      "    def __iter__(self): return self\n"
      "    def __next__(self):\n"
      "        self.n += 1\n"
      "        if self.n == 1: return 'a,b\\n'\n"
      "        if self.n == 2: return '\"x\\n'\n"
      "        if self.n == 3:\n"
      "            try:\n"
      "                print('inner', next(r))\n"
      "            except ValueError as e:\n"
      "                print('inner', e)\n"
      "            return 'y\",z\\n'\n"
      "        if self.n == 4: return 'c\\n'\n"
      "        raise StopIteration\n"
      "r = csv.reader(Lines())\n"
      "print(list(r), r.line_num)\n";
  EXPECT_EQ(run(source), "inner csv reader already executing\n[['a', 'b'], ['x\\ny', 'z'], ['c']] 4\n");
}

}  // namespace

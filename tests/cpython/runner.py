# Runs one of CPython's regression-test modules (Debian's
# libpython3.11-testsuite) under the interpreter that runs this file, through
# CPython's own unittest, and appends one line per test to a results file:
#   START <id>            before the test runs (a crash leaves it last)
#   <outcome> <id>        pass, fail, error, skip, xfail or xpass
# Usage: runner.py MODULE RESULTS_FILE [ID_TO_LEAVE_OUT...]
# Tests named after RESULTS_FILE are removed from the suite before it runs:
# those that crash or hang the interpreter (tests/cpython/README.md).
# cpython_suite_test.py compares the results with the module's list of
# known failures.
import sys
import unittest

module, results_path, leave_out = sys.argv[1], sys.argv[2], set(sys.argv[3:])
out = open(results_path, "a", buffering=1)


def prune(suite):
    kept = []
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            prune(test)
            kept.append(test)
        elif test.id() not in leave_out:
            kept.append(test)
    suite._tests = kept


class Recorder(unittest.TestResult):
    def _write(self, outcome, test):
        out.write(f"{outcome} {test.id()}\n")

    def startTest(self, test):
        super().startTest(test)
        self._write("START", test)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._write("pass", test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._write("fail", test)

    def addError(self, test, err):
        super().addError(test, err)
        # setUpClass/setUpModule errors arrive with a placeholder "test".
        self._write("error", test)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._write("fail" if issubclass(err[0], test.failureException) else "error", test)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._write("skip", test)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._write("xfail", test)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._write("xpass", test)


suite = unittest.defaultTestLoader.loadTestsFromName("test." + module)
prune(suite)
result = Recorder()
suite(result)
# Details of what failed, for the log (the harness prints this output
# when the module does not match its list).
for test, trace in result.failures + result.errors:
    print("=" * 70, file=sys.stderr)
    print(test.id(), file=sys.stderr)
    print(trace, file=sys.stderr)
out.write("DONE\n")

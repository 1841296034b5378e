# CPython's unittest runs a suite on ftpy: passes, failures with their
# diffs, expected exceptions, skips and subtests, reported as CPython
# reports them (it needs _signal, generator.throw's normalization and a
# writable tb_next). The timing line is left out.
import io
import os
import unittest


class T(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(1 + 1, 2)

    def test_fail(self):
        self.assertEqual([1, 2], [1, 3])

    def test_dict(self):
        self.assertDictEqual({"a": 1, "b": 2}, {"a": 1, "b": 3})

    def test_raises(self):
        with self.assertRaises(ZeroDivisionError):
            1 / 0
        with self.assertRaisesRegex(ValueError, "bad"):
            raise ValueError("bad thing")

    def test_error(self):
        raise KeyError("missing")

    @unittest.skip("because")
    def test_skip(self):
        pass

    @unittest.expectedFailure
    def test_expected(self):
        self.assertTrue(False)

    def test_sub(self):
        for i in range(3):
            with self.subTest(i=i):
                self.assertLess(i, 2)


class WithFixtures(unittest.TestCase):
    log = []

    @classmethod
    def setUpClass(cls):
        cls.log.append("setUpClass")

    def setUp(self):
        self.log.append("setUp")

    def tearDown(self):
        self.log.append("tearDown")

    def test_one(self):
        self.assertIn("setUp", self.log)


stream = io.StringIO()
suite = unittest.defaultTestLoader.loadTestsFromModule(__import__("__main__"))
result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
# Without the checkout's folder, which tracebacks name.
text = stream.getvalue().replace(os.path.dirname(os.path.abspath(__file__)) + os.sep, "")
print("\n".join(line for line in text.splitlines() if not line.startswith("Ran ")))
print(result.testsRun, len(result.failures), len(result.errors), len(result.skipped), len(result.expectedFailures))
print(WithFixtures.log)

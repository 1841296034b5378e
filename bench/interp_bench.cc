// Google Benchmark programs for the primitives the eval loop leans on and for
// whole interpreter paths. Run with --benchmark_format=json to compare two
// builds (see design/performance.md).
#include <benchmark/benchmark.h>

#include <string>

#include "ftpy/code.h"
#include "ftpy/compiler.h"
#include "ftpy/critical_section.h"
#include "ftpy/mutex.h"
#include "ftpy/qsbr.h"
#include "ftpy/thread_state.h"
#include "ftpy/dict.h"
#include "ftpy/eval.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/pyhash.h"
#include "ftpy/refcount.h"
#include "ftpy/runtime.h"
#include "ftpy/str.h"

namespace {

void ensure_runtime() {
  static bool done = [] {
    static char arg0[] = "interp_bench";
    static char* argv[] = {arg0, nullptr};
    ftpy::runtime_init(1, argv, ".");
    return true;
  }();
  (void)done;
}

void BM_IncrefDecrefOwner(benchmark::State& state) {
  ensure_runtime();
  ftpy::Ref<> o(ftpy::int_from_i64(1 << 20));
  for (auto _ : state) {
    ftpy::incref(o.get());
    benchmark::ClobberMemory();
    ftpy::decref(o.get());
  }
}
BENCHMARK(BM_IncrefDecrefOwner);

void BM_IncrefDecrefImmortal(benchmark::State& state) {
  ensure_runtime();
  ftpy::Object* o = ftpy::int_from_i64(7);
  for (auto _ : state) {
    ftpy::incref(o);
    benchmark::ClobberMemory();
    ftpy::decref(o);
  }
}
BENCHMARK(BM_IncrefDecrefImmortal);

void BM_AtomicBaseline(benchmark::State& state) {
  std::atomic<intptr_t> counter{1};
  for (auto _ : state) {
    counter.fetch_add(1, std::memory_order_relaxed);
    counter.fetch_sub(1, std::memory_order_relaxed);
  }
}
BENCHMARK(BM_AtomicBaseline);

#if !FTPY_GIL_BUILD
// A non-owner's refcount operations: atomic adds on ob_ref_shared.
void BM_IncrefDecrefShared(benchmark::State& state) {
  ensure_runtime();
  ftpy::Ref<> o(ftpy::int_from_i64(1 << 20));
  o->ob_tid.store(2, std::memory_order_relaxed);  // pretend another thread owns it (not 0: unowned, 1: immortal)
  for (auto _ : state) {
    ftpy::incref(o.get());
    benchmark::ClobberMemory();
    ftpy::decref(o.get());
  }
  o->ob_tid.store(ftpy::tls_thread_id, std::memory_order_relaxed);
}
BENCHMARK(BM_IncrefDecrefShared);
#endif

void BM_MutexUncontended(benchmark::State& state) {
  std::atomic<uint8_t> m{0};
  for (auto _ : state) {
    ftpy::mutex_lock(&m);
    ftpy::mutex_unlock(&m);
  }
}
BENCHMARK(BM_MutexUncontended);

void BM_MutexContended(benchmark::State& state) {
  static std::atomic<uint8_t> m{0};
  static int64_t counter = 0;
  for (auto _ : state) {
    ftpy::mutex_lock(&m);
    counter++;
    ftpy::mutex_unlock(&m);
  }
}
BENCHMARK(BM_MutexContended)->Threads(2)->UseRealTime();

// Arg 0: before the first thread starts (sections lock nothing);
// arg 1: locking switched on, as after the first thread starts.
class LockingMode {
 public:
  explicit LockingMode(bool on) : saved_(ftpy::g_critical_sections_locking.load()) {
    ftpy::g_critical_sections_locking.store(on);
  }
  ~LockingMode() { ftpy::g_critical_sections_locking.store(saved_); }

 private:
  bool saved_;
};

void BM_CriticalSectionEnterExit(benchmark::State& state) {
  ensure_runtime();
  LockingMode mode(state.range(0) != 0);
  ftpy::Ref<ftpy::List> l(ftpy::list_new());
  for (auto _ : state) {
    ftpy::ScopedCriticalSection cs(l.get());
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_CriticalSectionEnterExit)->ArgName("locking")->Arg(0)->Arg(1);

void BM_QsbrRetirePoll(benchmark::State& state) {
  ensure_runtime();
  ftpy::ThreadState* ts = ftpy::current_thread();
  for (auto _ : state) {
    ftpy::qsbr_retire(nullptr, [](void*) {});
    ftpy::qsbr_quiescent(ts);
    ftpy::qsbr_poll(ts);
  }
}
BENCHMARK(BM_QsbrRetirePoll);

// Lookups on a 64-entry dict of interned string keys, as attribute loads do.
ftpy::Dict* make_string_dict() {
  ftpy::Dict* d = ftpy::dict_new();
  for (int i = 0; i < 64; i++) {
    ftpy::Ref<> v(ftpy::int_from_i64(i));
    ftpy::dict_set(d, ftpy::str_intern("key" + std::to_string(i)), v.get());
  }
  return d;
}

// Times `lookup(dict, "key42")` returning a new reference, with locking off
// (arg 0) or on (arg 1).
template <class Lookup>
void dict_lookup_ref_bench(benchmark::State& state, Lookup lookup) {
  ensure_runtime();
  LockingMode mode(state.range(0) != 0);
  ftpy::Ref<ftpy::Dict> d(make_string_dict());
  ftpy::Str* key = ftpy::str_intern("key42");
  for (auto _ : state) {
    ftpy::Ref<> v(lookup(d.get(), key));
    benchmark::DoNotOptimize(v.get());
  }
}

// The same lookup under the dict's critical section: the path of keys whose
// __eq__ may run Python code (and of every lookup before they were lock-free).
void BM_DictGetStrRefLocked(benchmark::State& state) {
  dict_lookup_ref_bench(state, [](ftpy::Dict* d, ftpy::Str* k) -> ftpy::Object* {
    ftpy::ScopedCriticalSection cs(d);
    ftpy::Object* v = ftpy::dict_get_str(d, k);
    return v ? ftpy::newref(v) : nullptr;
  });
}
BENCHMARK(BM_DictGetStrRefLocked)->ArgName("locking")->Arg(0)->Arg(1);

// dict_get_str_ref: the lock-free string lookup (acquire loads, new reference).
void BM_DictGetStrRefLockFree(benchmark::State& state) {
  dict_lookup_ref_bench(state, [](ftpy::Dict* d, ftpy::Str* k) { return ftpy::dict_get_str_ref(d, k); });
}
BENCHMARK(BM_DictGetStrRefLockFree)->ArgName("locking")->Arg(0)->Arg(1);

// dict_get_str: borrowed, no synchronization at all (the caller holds the lock).
void BM_DictLookupStr(benchmark::State& state) {
  ensure_runtime();
  ftpy::Ref<ftpy::Dict> d(make_string_dict());
  ftpy::Str* key = ftpy::str_intern("key42");
  for (auto _ : state) benchmark::DoNotOptimize(ftpy::dict_get_str(d.get(), key));
}
BENCHMARK(BM_DictLookupStr);

void BM_ListAppend(benchmark::State& state) {
  ensure_runtime();
  ftpy::Object* item = ftpy::int_from_i64(3);
  for (auto _ : state) {
    ftpy::Ref<ftpy::List> l(ftpy::list_new());
    for (int i = 0; i < 1000; i++) ftpy::list_append(l.get(), item);
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_ListAppend);

// Runs a compiled module body once per iteration.
void run_python(benchmark::State& state, const char* source, int64_t items) {
  ensure_runtime();
  auto code = ftpy::compile_source(source, "<bench>");
  if (!code.ok()) {
    state.SkipWithError("compile failed");
    return;
  }
  ftpy::Ref<ftpy::Code> guard(*code);
  ftpy::Ref<ftpy::Module> m(ftpy::module_new("__bench__"));
  for (auto _ : state) {
    ftpy::Ref<> r(ftpy::eval_module_code(guard.get(), m->dict));
    if (!r) {
      state.SkipWithError("python raised");
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * items);
}

void BM_PythonCall(benchmark::State& state) {
  run_python(state, "def f(a):\n    return a\ndef g():\n    for i in range(10000):\n        f(i)\ng()\n", 10000);
}
BENCHMARK(BM_PythonCall);

void BM_PythonListAppend(benchmark::State& state) {
  run_python(state, "def g():\n    l = []\n    for i in range(10000):\n        l.append(i)\ng()\n", 10000);
}
BENCHMARK(BM_PythonListAppend);

void BM_PythonGlobalLoad(benchmark::State& state) {
  run_python(state, "X = 5\ndef g():\n    t = 0\n    for i in range(10000):\n        t += X\ng()\n", 10000);
}
BENCHMARK(BM_PythonGlobalLoad);

void BM_PythonAttrLoad(benchmark::State& state) {
  run_python(state,
             "class P:\n    def __init__(self):\n        self.x = 5\n"
             "def g():\n    p = P()\n    t = 0\n    for i in range(10000):\n        t += p.x\ng()\n",
             10000);
}
BENCHMARK(BM_PythonAttrLoad);

// Hand-off latency: two Python threads pass a token back and forth through two
// _thread locks, 2000 round trips per iteration. Each hand-off wakes the other
// thread; in the GIL build (or under -X gil=1) the GIL changes hands too, so
// comparing the builds' times per item gives the GIL hand-off cost.
void BM_PythonThreadHandoff(benchmark::State& state) {
  run_python(state,
             "import _thread\n"
             "ping = _thread.allocate_lock()\npong = _thread.allocate_lock()\ndone = _thread.allocate_lock()\n"
             "ping.acquire()\npong.acquire()\ndone.acquire()\n"
             "def other():\n    for i in range(2000):\n        ping.acquire()\n        pong.release()\n"
             "    done.release()\n"
             "_thread.start_new_thread(other, ())\n"
             "for i in range(2000):\n    ping.release()\n    pong.acquire()\n"
             "done.acquire()\n",
             4000);
}
BENCHMARK(BM_PythonThreadHandoff)->UseRealTime();

// The cost of a str hash (computed once per string, then cached): SipHash-1-3
// as CPython 3.11 (include/ftpy/pyhash.h) against the FNV-1a that ftpy used
// before, over ASCII text of the given length. A non-ASCII string also pays
// a conversion to CPython's 1/2/4-byte layout (BM_StrHashSip with kind=1).
void BM_StrHashSip(benchmark::State& state) {
  std::string text(static_cast<size_t>(state.range(0)), 'k');
  if (state.range(1)) text += "\xc3\xa9";  // one e-acute: the Latin-1 layout
  bool ascii = state.range(1) == 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(text.data());
    benchmark::DoNotOptimize(ftpy::hash_str_utf8(text, ascii));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_StrHashSip)->ArgNames({"len", "nonascii"})->ArgsProduct({{4, 16, 64, 1024}, {0, 1}});

void BM_StrHashFnv1a(benchmark::State& state) {
  std::string text(static_cast<size_t>(state.range(0)), 'k');
  for (auto _ : state) {
    benchmark::DoNotOptimize(text.data());
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
      h ^= c;
      h *= 1099511628211ull;
    }
    benchmark::DoNotOptimize(h);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_StrHashFnv1a)->ArgName("len")->Arg(4)->Arg(16)->Arg(64)->Arg(1024);

}  // namespace

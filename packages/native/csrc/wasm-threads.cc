// WebAssembly only: the helper threads of parallelChunks, and an allocator that they may share.
//
// The JS loader (src/wasm-kernels.ts) starts each helper as a Web Worker (browsers) or a worker_thread (Node) with
// its own instance of this module over the one shared memory, gives it a stack, and calls lstmkit_worker_loop,
// which never returns: it sleeps (memory.atomic.wait32) until the calling thread posts a job, helps with its
// chunks, and sleeps again. The calling thread runs chunks itself, then waits for the last ones still running
// elsewhere: it spins on a browser's main thread, which may not block, and sleeps on a futex after a short spin
// where it may (Node).
//
// Built without shared memory (-mno-atomics, for pages that are not cross-origin isolated), every chunk runs on
// the caller and none of this starts.
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "parallel.h"

namespace lstmkit {

#if defined(__wasm_atomics__)
namespace {

constexpr uint32_t kOpen = 1u << 31;  // in gState: helpers may join the posted job

// One job at a time (a kernel call is synchronous on its one caller). Its fields are written before kOpen is set
// and read by a helper only after it has joined, and the caller rewrites them only when every helper has left.
struct Job {
  void (*fn)(void*, int);
  void* ctx;
  int chunks;
  int helpers;  // how many helper threads may join
  std::atomic<int> next;
};
Job gJob;
std::atomic<uint32_t> gState{0};    // kOpen | number of helpers inside the job
std::atomic<uint32_t> gPosted{0};   // bumped once per job; helpers sleep on it
std::atomic<int> gStarted{0};       // helpers that have entered lstmkit_worker_loop
bool gCallerMayBlock = false;       // set by the loader where the calling thread may wait (Node; not a page's main thread)

// A short spin before sleeping on a futex: waking takes tens of microseconds, but on a busy machine a spinning
// thread takes the core from the very thread it waits for.
constexpr int kSpins = 2000;

void runMine(const Job& job) {
  for (int c = gJob.next.fetch_add(1); c < job.chunks; c = gJob.next.fetch_add(1)) job.fn(job.ctx, c);
}

}  // namespace

void runChunks(int threads, int chunks, void (*fn)(void*, int), void* ctx) {
  const int helpers = std::min({threads, chunks, gStarted.load(std::memory_order_acquire) + 1}) - 1;
  if (helpers <= 0) {
    for (int c = 0; c < chunks; ++c) fn(ctx, c);
    return;
  }
  gJob.fn = fn;
  gJob.ctx = ctx;
  gJob.chunks = chunks;
  gJob.helpers = helpers;
  gJob.next.store(0, std::memory_order_relaxed);
  gState.store(kOpen, std::memory_order_release);
  gPosted.fetch_add(1, std::memory_order_release);
  __builtin_wasm_memory_atomic_notify(reinterpret_cast<int*>(&gPosted), static_cast<unsigned>(helpers));
  runMine(gJob);
  // Every chunk is taken: close the job to latecomers, then wait for the helpers still running one.
  gState.fetch_and(~kOpen, std::memory_order_acq_rel);
  for (int spin = 0;; ++spin) {
    const uint32_t inside = gState.load(std::memory_order_acquire);
    if (inside == 0) break;
    if (gCallerMayBlock && spin >= kSpins)  // woken by the last helper out, or after 1 ms at the latest
      __builtin_wasm_memory_atomic_wait32(reinterpret_cast<int*>(&gState), static_cast<int>(inside), 1000000);
  }
}

#else

void runChunks(int, int chunks, void (*fn)(void*, int), void* ctx) {
  for (int c = 0; c < chunks; ++c) fn(ctx, c);
}

#endif

}  // namespace lstmkit

#if defined(__wasm_atomics__)
namespace {
// wasi-libc's malloc takes no lock (it is built single-threaded). The kernels allocate only on the calling thread,
// but operator new is locked anyway, so that a helper that ever allocates cannot corrupt the heap.
std::atomic<int> gHeapLock{0};
struct HeapLock {
  HeapLock() {
    while (gHeapLock.exchange(1, std::memory_order_acquire)) {
    }
  }
  ~HeapLock() { gHeapLock.store(0, std::memory_order_release); }
};
}  // namespace
#define LSTMKIT_HEAP_LOCK HeapLock lock
#else
#define LSTMKIT_HEAP_LOCK
#endif

// -fno-exceptions: a failed allocation traps (the JS side sees a RuntimeError) rather than throwing.
void* operator new(std::size_t n) {
  void* p;
  {
    LSTMKIT_HEAP_LOCK;
    p = std::malloc(n);
  }
  if (!p) __builtin_trap();
  return p;
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept {
  LSTMKIT_HEAP_LOCK;
  std::free(p);
}
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }

extern "C" {

// Memory for the JS side's arrays (inputs, outputs, forward states, helper stacks); 16-byte aligned.
__attribute__((export_name("lstmkit_alloc"))) void* lstmkitAlloc(std::size_t bytes) {
  LSTMKIT_HEAP_LOCK;
  return std::aligned_alloc(16, (bytes + 15) / 16 * 16);
}

__attribute__((export_name("lstmkit_free"))) void lstmkitFree(void* p) {
  LSTMKIT_HEAP_LOCK;
  std::free(p);
}

#if defined(__wasm_atomics__)
// A helper thread's life: wait for a job, join it if there is room, run chunks until none are left, leave.
__attribute__((export_name("lstmkit_worker_loop"))) void lstmkitWorkerLoop() {
  using namespace lstmkit;
  uint32_t seen = gPosted.load(std::memory_order_acquire);
  gStarted.fetch_add(1, std::memory_order_acq_rel);
  for (;;) {
    for (int spin = 0; spin < kSpins && gPosted.load(std::memory_order_acquire) == seen; ++spin) {
    }
    while (gPosted.load(std::memory_order_acquire) == seen)
      __builtin_wasm_memory_atomic_wait32(reinterpret_cast<int*>(&gPosted), static_cast<int>(seen), -1);
    seen = gPosted.load(std::memory_order_acquire);
    uint32_t state = gState.load(std::memory_order_acquire);
    bool joined = false;
    while ((state & kOpen) && !joined) joined = gState.compare_exchange_weak(state, state + 1, std::memory_order_acq_rel);
    if (!joined) continue;
    // Joined a job (possibly a newer one than `seen`; its fields are complete once it is open).
    if (static_cast<int>(state & ~kOpen) < gJob.helpers) runMine(gJob);
    if (gState.fetch_sub(1, std::memory_order_acq_rel) == 1) __builtin_wasm_memory_atomic_notify(reinterpret_cast<int*>(&gState), 1);
  }
}

// Whether the calling thread may block on a futex (memory.atomic.wait traps on a browser's main thread).
__attribute__((export_name("lstmkit_caller_may_block"))) void lstmkitCallerMayBlock(int yes) { lstmkit::gCallerMayBlock = yes != 0; }
#endif

}  // extern "C"

// Fork-join over a few threads. Node's worker threads cannot share a tfjs engine, and tfjs' wasm threads do not
// run in Node, so the fused kernels split their own work: the batch rows of a recurrence are independent.
//
// Natively the threads are std::threads, started once and kept asleep between calls (thread-pool.cc). In
// WebAssembly they are Web Workers (browsers) or worker_threads (Node) that the JS loader starts, each running its
// own instance of this module over the one shared memory and waiting in lstmkit_worker_loop (wasm-threads.cc) for
// work; a build without shared memory runs every chunk on the caller.
#pragma once
#include <algorithm>
#include <cstddef>
#include <utility>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#endif

// Scratch buffers kept between calls on the thread that calls a kernel (never touched by helper threads). Natively
// each calling thread has its own; a WebAssembly instance is only ever called by the one JS thread that owns it
// (its workers only run chunks), and thread-local storage would need per-worker set-up for nothing.
#if defined(__wasm__)
#define LSTMKIT_CALLER_LOCAL static
#else
#define LSTMKIT_CALLER_LOCAL static thread_local
#endif

namespace lstmkit {

// Flushes denormal floats to zero while alive. Gradients of a trained LSTM decay into the denormal range
// (below 1e-38), where x86 FMA units take a slow microcode path; zero is exact enough for training.
// (WebAssembly has no such control: its floats are IEEE with denormals.)
class FlushDenormals {
#if defined(__x86_64__) || defined(_M_X64)
 public:
  FlushDenormals() : saved_(_mm_getcsr()) { _mm_setcsr(saved_ | 0x8040); }  // FTZ | DAZ
  ~FlushDenormals() { _mm_setcsr(saved_); }

 private:
  unsigned saved_;
#endif
};

// Runs fn(ctx, chunk) for every chunk in [0, chunks) on up to `threads` threads (the caller is one of them), each
// thread taking the next chunk when it finishes one, and waits for all. Several chunks per thread rather than one
// fixed half: when another process or V8's background threads take a core for a moment, the other thread picks up
// the rest. The helpers persist between calls, asleep when idle: natively in thread-pool.cc (starting a
// std::thread per call cost more than a small model's whole kernel call), in WebAssembly in wasm-threads.cc.
void runChunks(int threads, int chunks, void (*fn)(void*, int), void* ctx);

template <typename F>
void parallelChunks(int threads, int chunks, F f) {
  runChunks(threads, chunks, [](void* ctx, int chunk) { (*static_cast<F*>(ctx))(chunk); }, &f);
}

// The [begin, end) share of `total` items for worker i of n, in multiples of `grain` where possible.
inline std::pair<int, int> shareOf(int total, int n, int i, int grain = 1) {
  const int units = (total + grain - 1) / grain;
  const int begin = std::min(total, units * i / n * grain);
  const int end = std::min(total, units * (i + 1) / n * grain);
  return {begin, end};
}

}  // namespace lstmkit

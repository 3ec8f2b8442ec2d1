// Fork-join over a few threads. Node's worker threads cannot share a tfjs engine, and tfjs' wasm threads do not
// run in Node, so the fused kernels split their own work: the batch rows of a recurrence are independent.
#pragma once
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#endif

namespace lstmkit {

// Flushes denormal floats to zero while alive. Gradients of a trained LSTM decay into the denormal range
// (below 1e-38), where x86 FMA units take a slow microcode path; zero is exact enough for training.
class FlushDenormals {
#if defined(__x86_64__) || defined(_M_X64)
 public:
  FlushDenormals() : saved_(_mm_getcsr()) { _mm_setcsr(saved_ | 0x8040); }  // FTZ | DAZ
  ~FlushDenormals() { _mm_setcsr(saved_); }

 private:
  unsigned saved_;
#endif
};

// Runs f(chunk) for every chunk in [0, chunks) on `threads` threads (the caller is one of them), each thread taking
// the next chunk when it finishes one, and waits for all. Several chunks per thread rather than one fixed half:
// when V8's background threads (GC, compilation) take a core for a moment, the other thread picks up the rest.
template <typename F>
void parallelChunks(int threads, int chunks, F f) {
  std::atomic<int> next{0};
  auto worker = [&]() {
    FlushDenormals flush;
    for (int c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) f(c);
  };
  std::vector<std::thread> pool;
  for (int i = 0; i + 1 < std::min(threads, chunks); ++i) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
}

// The [begin, end) share of `total` items for worker i of n, in multiples of `grain` where possible.
inline std::pair<int, int> shareOf(int total, int n, int i, int grain = 1) {
  const int units = (total + grain - 1) / grain;
  const int begin = std::min(total, units * i / n * grain);
  const int end = std::min(total, units * (i + 1) / n * grain);
  return {begin, end};
}

}  // namespace lstmkit

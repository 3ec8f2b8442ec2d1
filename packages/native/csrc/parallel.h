// Fork-join over a few threads. Node's worker threads cannot share a tfjs engine, and tfjs' wasm threads do not
// run in Node, so the fused kernels split their own work: the batch rows of a recurrence are independent.
#pragma once
#include <algorithm>
#include <thread>
#include <vector>

namespace lstmkit {

// Runs f(i) for i in [0, n) on n threads (the caller runs the last one) and waits for all.
template <typename F>
void parallelFor(int n, F f) {
  std::vector<std::thread> threads;
  for (int i = 0; i + 1 < n; ++i) threads.emplace_back(f, i);
  f(n - 1);
  for (auto& t : threads) t.join();
}

// The [begin, end) share of `total` items for worker i of n, in multiples of `grain` where possible.
inline std::pair<int, int> shareOf(int total, int n, int i, int grain = 1) {
  const int units = (total + grain - 1) / grain;
  const int begin = std::min(total, units * i / n * grain);
  const int end = std::min(total, units * (i + 1) / n * grain);
  return {begin, end};
}

}  // namespace lstmkit

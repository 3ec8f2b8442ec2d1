// Pieces the fused LSTM and GRU share.
#pragma once
#include <algorithm>
#include <vector>

#include "activations.h"
#include "gemm.h"
#include "lstm.h"
#include "parallel.h"

namespace lstmkit {

// Work is split into chunks of whole batch rows: the recurrence of one sample never reads another's, so the
// forward pass and the backward pass through time need no synchronisation. About four chunks a thread, of at
// least 8 rows, or the per-step products get too small to run at full speed (batch 16 still uses two threads).
inline int rowChunks(int batch, int threads) { return std::max(1, std::min(4 * threads, batch / 8)); }

// Keras' `activation` (candidate and cell output) in place.
inline void activate(Activation a, float* x, int n) {
  if (a == Activation::Tanh) return tanhInPlace(x, n);
  for (int j = 0; j < n; ++j) x[j] = x[j] > 0.f ? x[j] : 0.f;
}

// The weight gradients of every step in one product, computed transposed: out [G, K] = dA^T S, where dA [rows, G]
// holds the gate pre-activation gradients and S [rows, K] the inputs each gate saw ([x_t, h_{t-1}, …, 1]).
// Transposed so that S, the large shared operand, is packed once and each chunk of output rows packs only its own
// part of dA^T. Returns `out` (a per-thread buffer, valid until the next call).
inline const float* transposedWeightGradients(const float* dA, int G, const float* S, int K, int rows, int threads) {
  static thread_local std::vector<float> out, packedS;
  out.resize(static_cast<size_t>(G) * K);
  packedS.resize(packedSize(rows, K));
  packMatrixB(rowMajor(S, K), rows, K, packedS.data());
  float* const result = out.data();
  const float* const packed = packedS.data();
  const int m = std::max(1, std::min(4 * threads, G / 48));
  parallelChunks(threads, m, [&](int w) {
    const auto [r0, r1] = shareOf(G, m, w, 6);
    if (r1 == r0) return;
    sgemmPacked(r1 - r0, K, rows, {dA + r0, 1, G}, packed, result + static_cast<size_t>(r0) * K, K, false);
  });
  return result;
}

}  // namespace lstmkit

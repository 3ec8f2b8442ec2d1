// Pieces the fused LSTM, GRU and SimpleRNN share.
#pragma once
#include <algorithm>
#include <cstring>
#include <vector>

#include "activations.h"
#include "gemm.h"
#include "lstm.h"
#include "parallel.h"

// Compiled for AVX2 and for baseline x86-64, picked at load time, where the toolchain supports it (ELF ifuncs): for
// the element-wise loops of the recurrences, which the compiler vectorises.
#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__)
#define LSTMKIT_CLONES __attribute__((target_clones("avx2,fma", "default")))
#else
#define LSTMKIT_CLONES
#endif

namespace lstmkit {

// Work is split into chunks of whole batch rows: the recurrence of one sample never reads another's, so the
// forward pass and the backward pass through time need no synchronisation. About four chunks a thread, of at
// least 8 rows, or the per-step products get too small to run at full speed (batch 16 still uses two threads).
// One thread takes the whole batch at once: taller products reuse each packed panel of weights more.
inline int rowChunks(int batch, int threads) { return threads <= 1 ? 1 : std::max(1, std::min(4 * threads, batch / 8)); }

// The threads a call gets: the caller alone below ~4 million multiply-adds (W4's SimpleRNN(32) at batch 32), where
// waking a helper — tens of microseconds, far more on a busy machine where it waits for a core — costs more than
// the half of the work it would take.
inline int threadsFor(const LstmShape& s, int gates, int threads) {
  const double macs = static_cast<double>(s.batch) * s.steps * (s.features + s.units) * gates * s.units;
  return macs < 4e6 ? 1 : threads;
}

// The [begin, end) rows of chunk w of n: whole 6-row register tiles, the chunks with one tile more first and the
// partial tile last, so that threads taking chunks in order finish close together.
inline std::pair<int, int> rowChunk(int batch, int n, int w) {
  const int tiles = (batch + 5) / 6, base = tiles / n, extra = tiles % n;
  const int begin = 6 * (w * base + std::min(w, extra));
  return {std::min(batch, begin), std::min(batch, begin + 6 * (base + (w < extra ? 1 : 0)))};
}

// Runs f(rows, first) for every chunk of batch rows, in parallel: `rows` samples starting at row `first` of the
// [B * T, ·] arrays. `more` other jobs may join the same parallel run, after the chunks: more(i) for i in
// [0, moreCount), taken by whichever thread is free first (the backward pass packs its weight gradients' operand
// there, in what would be idle time at the end of the recurrence).
template <typename F, typename G>
void forEachRowChunk(int batch, int steps, int threads, F f, int moreCount, G more) {
  const int n = rowChunks(batch, threads);
  parallelChunks(threads, n + moreCount, [&](int w) {
    if (w >= n) return more(w - n);
    const auto [b0, b1] = rowChunk(batch, n, w);
    if (b1 > b0) f(b1 - b0, static_cast<size_t>(b0) * steps);
  });
}

template <typename F>
void forEachRowChunk(int batch, int steps, int threads, F f) {
  forEachRowChunk(batch, steps, threads, f, 0, [](int) {});
}

// Starts the rows [x_t, state, 1] (K wide) of `count` consecutive [B * T] rows: x_t copied, the first `stateWidth`
// state columns zero at t = 0 (the zero initial state; the recurrence fills later steps'), 1 last (for the bias).
inline void startRows(float* S, const float* x, size_t count, int T, int D, int K, int stateWidth) {
  for (size_t row = 0; row < count; ++row) {
    float* sr = S + row * K;
    std::memcpy(sr, x + row * D, D * sizeof(float));
    if (row % T == 0) std::fill(sr + D, sr + D + stateWidth, 0.f);
    sr[K - 1] = 1.f;
  }
}

// The input projection of `count` rows at once, P [count, G] = x W + b, reading x_t from the rows [x_t, …] of S.
inline void projectInputs(const float* S, int K, size_t count, int D, const float* packedW, const float* b, float* P, int G) {
  sgemmPacked(static_cast<int>(count), G, D, {S, K, 1}, packedW, P, G, false);
  for (size_t row = 0; row < count; ++row)
    for (int j = 0; j < G; ++j) P[row * G + j] += b[j];
}

// Keras' `activation` (candidate and cell output) in place.
inline void activate(Activation a, float* x, int n) {
  if (a == Activation::Tanh) return tanhInPlace(x, n);
  for (int j = 0; j < n; ++j) x[j] = x[j] > 0.f ? x[j] : 0.f;
}

// A block of gates whose weight gradients come from one product: gates [first, first + count) of the G columns,
// which saw the K columns [from, from + K) of the step rows S; within that window their input (x) part starts at
// column wAt, their recurrent part at rAt, and the constant 1 (for the bias) at bAt, or bAt = -1 if there is none.
struct GateBlock {
  int first, count, from, K, wAt, rAt, bAt;
};

// S's window for a block of gates, packed as weightGradients' right-hand side: in `parts` pieces that may run at once.
struct PackedSteps {
  std::vector<float> data;
  int parts;
  void prepare(int rows, int K, int maxParts) {
    data.resize(packedSize(rows, K));
    parts = std::max(1, std::min(maxParts, packBlocks(rows, K)));
  }
  void pack(const GateBlock& g, const float* S, int ldS, int rows, int part) { packMatrixBPart({S + g.from, ldS, 1}, rows, g.K, data.data(), part, parts); }
};

// The weight gradients of one block of gates over every step at once, dW [D, G], dR [U, G] and db [G] (their
// columns for these gates): one product out [count, K] = dA^T S over all rows, then scattered. Computed transposed
// so that S, the large shared operand, is packed once and each chunk of output rows packs only its own part of
// dA^T. dA [rows, G] holds the gates' pre-activation gradients, S [rows, ldS] what they saw at each step.
// `prepacked`: S's window already packed (PackedSteps); else packed here, on every thread (2 MB for W1: a serial
// copy would leave the other threads idle).
inline void weightGradients(const GateBlock& g, const float* dA, int G, const float* S, int ldS, int rows, int D, int U, float* dW,
                            float* dR, float* db, int threads, const float* prepacked = nullptr) {
  LSTMKIT_CALLER_LOCAL std::vector<float> out;
  LSTMKIT_CALLER_LOCAL PackedSteps packedS;
  out.resize(static_cast<size_t>(g.count) * g.K);
  float* const result = out.data();
  if (!prepacked) {
    // (Through a pointer: inside the lambda, the name would be the helper thread's own, empty instance.)
    PackedSteps* const pack = &packedS;
    pack->prepare(rows, g.K, threads);
    parallelChunks(threads, pack->parts, [&](int w) { pack->pack(g, S, ldS, rows, w); });
    prepacked = pack->data.data();
  }
  const float* const packed = prepacked;
  const int m = std::max(1, std::min(4 * threads, g.count / 48));
  parallelChunks(threads, m, [&](int w) {
    const auto [r0, r1] = shareOf(g.count, m, w, 6);
    if (r1 == r0) return;
    sgemmPacked(r1 - r0, g.K, rows, {dA + g.first + r0, 1, G}, packed, result + static_cast<size_t>(r0) * g.K, g.K, false);
  });
  for (int i = 0; i < g.count; ++i) {
    const float* row = result + static_cast<size_t>(i) * g.K;
    const int col = g.first + i;
    for (int d = 0; d < D; ++d) dW[static_cast<size_t>(d) * G + col] = row[g.wAt + d];
    for (int u = 0; u < U; ++u) dR[static_cast<size_t>(u) * G + col] = row[g.rAt + u];
    if (g.bAt >= 0) db[col] = row[g.bAt];
  }
}

}  // namespace lstmkit

#include "lstm.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "activations.h"
#include "gemm.h"
#include "parallel.h"

namespace lstmkit {
namespace {

// Work is split into chunks of whole batch rows: the recurrence of one sample never reads another's, so the
// forward pass and the backward pass through time need no synchronisation. About four chunks a thread, of at
// least 8 rows, or the per-step products get too small to run at full speed (batch 16 still uses two threads).
int rowChunks(int batch, int threads) { return std::max(1, std::min(4 * threads, batch / 8)); }

// [W; R; b] as one [D + U + 1, 4U] row-major matrix.
std::vector<float> stackWeights(const LstmShape& s, const float* W, const float* R, const float* b) {
  const size_t G4 = 4 * static_cast<size_t>(s.units);
  std::vector<float> wrb((s.features + s.units + 1) * G4);
  std::memcpy(wrb.data(), W, s.features * G4 * sizeof(float));
  std::memcpy(wrb.data() + s.features * G4, R, s.units * G4 * sizeof(float));
  if (b) std::memcpy(wrb.data() + (s.features + s.units) * G4, b, G4 * sizeof(float));
  return wrb;
}

void activate(Activation a, float* x, int n) {
  if (a == Activation::Tanh) return tanhInPlace(x, n);
  for (int j = 0; j < n; ++j) x[j] = x[j] > 0.f ? x[j] : 0.f;
}

// The activation's derivative from its output y: 1 - y^2 for tanh, step(y) for relu (0 at 0, as tfjs).
inline float derivative(Activation a, float y) { return a == Activation::Tanh ? 1.f - y * y : (y > 0.f ? 1.f : 0.f); }

}  // namespace

void lstmForward(const LstmShape& s, const float* x, const float* W, const float* R, const float* b, float* H, float* C,
                 float* G, float* XH, int threads) {
  const int T = s.steps, D = s.features, U = s.units, G4 = 4 * U, K = D + U + 1;
  const std::vector<float> wrb = stackWeights(s, W, R, b);
  std::vector<float> packed(packedSize(K, G4));
  packMatrixB(rowMajor(wrb.data(), G4), K, G4, packed.data());
  const int n = rowChunks(s.batch, threads);
  parallelChunks(threads, n, [&](int w) {
    const auto [b0, b1] = shareOf(s.batch, n, w);
    const int rows = b1 - b0;
    if (rows == 0) return;
    const size_t first = static_cast<size_t>(b0) * T;
    float* XHs = XH + first * K;
    for (size_t row = 0; row < static_cast<size_t>(rows) * T; ++row) {
      float* xh = XHs + row * K;
      std::memcpy(xh, x + (first + row) * D, D * sizeof(float));
      if (row % T == 0) std::fill(xh + D, xh + D + U, 0.f);  // h_{-1} = 0
      xh[D + U] = 1.f;
    }
    for (int t = 0; t < T; ++t) {
      const std::ptrdiff_t strideXH = static_cast<std::ptrdiff_t>(T) * K, strideG = static_cast<std::ptrdiff_t>(T) * G4;
      sgemmPacked(rows, G4, K, {XHs + t * K, strideXH, 1}, packed.data(), G + first * G4 + t * G4, strideG, false);
      for (int r = 0; r < rows; ++r) {
        const size_t row = first + static_cast<size_t>(r) * T + t;
        float* z = G + row * G4;
        sigmoidInPlace(z, 2 * U);      // i, f
        activate(s.activation, z + 2 * U, U);  // candidate c
        sigmoidInPlace(z + 3 * U, U);  // o
        const float* cPrev = t > 0 ? C + (row - 1) * U : nullptr;
        float* c = C + row * U;
        float* h = H + row * U;
        for (int j = 0; j < U; ++j) c[j] = (cPrev ? z[U + j] * cPrev[j] : 0.f) + z[j] * z[2 * U + j];
        std::memcpy(h, c, U * sizeof(float));
        activate(s.activation, h, U);
        for (int j = 0; j < U; ++j) h[j] *= z[3 * U + j];
        if (t + 1 < T) std::memcpy(XH + (row + 1) * K + D, h, U * sizeof(float));
      }
    }
  });
}

void lstmBackward(const LstmShape& s, const float* W, const float* R, const float* C, const float* G, const float* XH,
                  const float* dH, float* dx, float* dW, float* dR, float* db, int threads) {
  const int B = s.batch, T = s.steps, D = s.features, U = s.units, G4 = 4 * U, K = D + U + 1, DU = D + U;
  const size_t rowsAll = static_cast<size_t>(B) * T;
  // The gradient of the pre-activation gates at every step. Kept between calls: a fresh 7 MB (W1) each call
  // costs page faults that serialise the threads.
  // (thread_local, then a plain pointer: the worker threads must use the calling thread's buffer.)
  static thread_local std::vector<float> dZStore;
  dZStore.resize(rowsAll * G4);
  float* const dZ = dZStore.data();
  const std::vector<float> wrb = stackWeights(s, W, R, nullptr);
  std::vector<float> packedT(packedSize(G4, DU));  // [W; R]^T
  packMatrixB(rowMajor(wrb.data(), G4).t(), G4, DU, packedT.data());

  const int n = rowChunks(B, threads);
  // Phase 1: backward through time, each chunk of batch rows on its own.
  parallelChunks(threads, n, [&](int w) {
    const auto [b0, b1] = shareOf(B, n, w);
    const int rows = b1 - b0;
    if (rows == 0) return;
    const size_t first = static_cast<size_t>(b0) * T;
    // dA = dZ_t [W; R]^T: columns [0, D) are dx_t, [D, D + U) are dh_{t-1}, read by the step before.
    std::vector<float> dA(static_cast<size_t>(rows) * DU, 0.f), dcNext(static_cast<size_t>(rows) * U, 0.f), tc(U);
    for (int t = T - 1; t >= 0; --t) {
      for (int r = 0; r < rows; ++r) {
        const size_t row = first + static_cast<size_t>(r) * T + t;
        const float* z = G + row * G4;
        const float* c = C + row * U;
        const float* cPrev = t > 0 ? C + (row - 1) * U : nullptr;
        const float* dh = dH + row * U;
        const float* dhn = dA.data() + static_cast<size_t>(r) * DU + D;
        const bool last = t == T - 1;
        float* dcn = dcNext.data() + static_cast<size_t>(r) * U;
        float* dz = dZ + row * G4;
        std::memcpy(tc.data(), c, U * sizeof(float));  // act(c_t), recomputed rather than stored
        activate(s.activation, tc.data(), U);
        for (int j = 0; j < U; ++j) {
          const float i = z[j], f = z[U + j], g = z[2 * U + j], o = z[3 * U + j];
          const float dhj = dh[j] + (last ? 0.f : dhn[j]);
          const float dc = dcn[j] + dhj * o * derivative(s.activation, tc[j]);
          dz[j] = dc * g * i * (1.f - i);
          dz[U + j] = (cPrev ? dc * cPrev[j] : 0.f) * f * (1.f - f);
          dz[2 * U + j] = dc * i * derivative(s.activation, g);
          dz[3 * U + j] = dhj * tc[j] * o * (1.f - o);
          dcn[j] = dc * f;
        }
      }
      sgemmPacked(rows, DU, G4, {dZ + first * G4 + t * G4, static_cast<std::ptrdiff_t>(T) * G4, 1}, packedT.data(), dA.data(), DU, false);
      for (int r = 0; r < rows; ++r)
        std::memcpy(dx + (first + static_cast<size_t>(r) * T + t) * D, dA.data() + static_cast<size_t>(r) * DU, D * sizeof(float));
    }
  });

  // Phase 2: [dW; dR; db] = XH^T dZ over all B * T rows in one product, threads splitting the 4U columns.
  static thread_local std::vector<float> dWRbStore;
  dWRbStore.resize(static_cast<size_t>(K) * G4);
  float* const dWRb = dWRbStore.data();
  const int m = std::max(1, std::min(4 * threads, G4 / 64));
  parallelChunks(threads, m, [&](int w) {
    const auto [c0, c1] = shareOf(G4, m, w, 16);
    if (c1 == c0) return;
    sgemm(K, c1 - c0, static_cast<int>(rowsAll), rowMajor(XH, K).t(), {dZ + c0, G4, 1}, dWRb + c0, G4, false);
  });
  std::memcpy(dW, dWRb, static_cast<size_t>(D) * G4 * sizeof(float));
  std::memcpy(dR, dWRb + static_cast<size_t>(D) * G4, static_cast<size_t>(U) * G4 * sizeof(float));
  std::memcpy(db, dWRb + static_cast<size_t>(D + U) * G4, G4 * sizeof(float));
}

}  // namespace lstmkit

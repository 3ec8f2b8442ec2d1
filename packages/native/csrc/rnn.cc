#include "rnn.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "recurrent.h"

namespace lstmkit {

void rnnForward(const LstmShape& s, const float* x, const float* W, const float* R, const float* b, float* H, float* S, int threads) {
  const int T = s.steps, D = s.features, U = s.units, K = D + U + 1;
  threads = threadsFor(s, 1, threads);
  std::vector<float> packedW(packedSize(D, U)), packedR(packedSize(U, U));
  packMatrixB(rowMajor(W, U), D, U, packedW.data());
  packMatrixB(rowMajor(R, U), U, U, packedR.data());
  forEachRowChunk(s.batch, T, threads, [&](int rows, size_t first) {
    const std::ptrdiff_t strideS = static_cast<std::ptrdiff_t>(T) * K, strideH = static_cast<std::ptrdiff_t>(T) * U;
    float* Ss = S + first * K;
    float* Hs = H + first * U;
    startRows(Ss, x + first * D, static_cast<size_t>(rows) * T, T, D, K, U);
    // The input projection of every step in one product (into H, which the recurrence then completes).
    projectInputs(Ss, K, static_cast<size_t>(rows) * T, D, packedW.data(), b, Hs, U);
    for (int t = 0; t < T; ++t) {
      float* St = Ss + t * K;
      float* Ht = Hs + t * U;
      if (t > 0) sgemmPacked(rows, U, U, {St + D, strideS, 1}, packedR.data(), Ht, strideH, true);
      for (int r = 0; r < rows; ++r) {
        float* h = Ht + r * strideH;
        activate(s.activation, h, U);
        if (t + 1 < T) std::memcpy(St + r * strideS + K + D, h, U * sizeof(float));  // h_t into the next step's row
      }
    }
  });
}

void rnnBackward(const LstmShape& s, const float* W, const float* R, const float* H, const float* S, const float* dH, float* dx,
                 float* dW, float* dR, float* db, int threads) {
  const int B = s.batch, T = s.steps, D = s.features, U = s.units, K = D + U + 1;
  threads = threadsFor(s, 1, threads);
  const size_t rowsAll = static_cast<size_t>(B) * T;
  const bool relu = s.activation == Activation::Relu;
  LSTMKIT_CALLER_LOCAL std::vector<float> dAStore;  // gradients of the pre-activations, every step
  dAStore.resize(rowsAll * U);
  float* const dA = dAStore.data();
  // dh from step t+1, per batch row. Allocated here: helper threads never allocate.
  LSTMKIT_CALLER_LOCAL std::vector<float> dhNextStore;
  dhNextStore.assign(static_cast<size_t>(B) * U, 0.f);
  float* const dhNextAll = dhNextStore.data();
  std::vector<float> packedRT(packedSize(U, U)), packedWT(packedSize(U, D));
  packMatrixB(rowMajor(R, U).t(), U, U, packedRT.data());
  if (dx) packMatrixB(rowMajor(W, U).t(), U, D, packedWT.data());

  forEachRowChunk(B, T, threads, [&](int rows, size_t first) {
    const std::ptrdiff_t strideH = static_cast<std::ptrdiff_t>(T) * U;
    float* const dhNext = dhNextAll + first / T * U;
    for (int t = T - 1; t >= 0; --t) {
      const size_t at = first * U + static_cast<size_t>(t) * U;
      for (int r = 0; r < rows; ++r) {
        const float* h = H + at + r * strideH;
        const float* dh = dH + at + r * strideH;
        const float* dn = dhNext + static_cast<size_t>(r) * U;
        float* da = dA + at + r * strideH;
        for (int j = 0; j < U; ++j) da[j] = (dh[j] + dn[j]) * (relu ? static_cast<float>(h[j] > 0.f) : 1.f - h[j] * h[j]);
      }
      // dh_{t-1} = dA_t R^T (nothing flows into the zero initial state).
      if (t > 0) sgemmPacked(rows, U, U, {dA + at, strideH, 1}, packedRT.data(), dhNext, U, false);
    }
    // dx = dA W^T for these rows, every step at once (none for a first layer: nothing upstream wants it).
    if (dx) sgemmPacked(rows * T, D, U, {dA + first * U, U, 1}, packedWT.data(), dx + first * D, D, false);
  });

  // Every weight gradient from one product over all steps: [dW; dR; db]^T = dA^T S.
  weightGradients({0, U, 0, K, 0, D, K - 1}, dA, U, S, K, static_cast<int>(rowsAll), D, U, dW, dR, db, threads);
}

}  // namespace lstmkit

#include "gru.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "recurrent.h"

namespace lstmkit {
namespace {

// One row of one step backward, from dh_t (from the output plus from step t+1): the gradients of the update gate's
// and the candidate's pre-activations, and dh_{t-1} through h_t = z * h_{t-1} + (1 - z) * hh. Branch-free loops
// (one per activation), so they vectorise.
template <bool Relu>
inline void throughUpdateFor(int U, const float* __restrict__ g, const float* __restrict__ hPrev, const float* __restrict__ dh,
                             const float* __restrict__ dn, float* __restrict__ da, float* __restrict__ dp) {
  for (int j = 0; j < U; ++j) {
    const float z = g[j], hh = g[2 * U + j], dht = dh[j] + dn[j];
    const float dAct = Relu ? static_cast<float>(hh > 0.f) : 1.f - hh * hh;
    da[j] = dht * (hPrev[j] - hh) * z * (1.f - z);  // through z
    da[2 * U + j] = dht * (1.f - z) * dAct;         // through the candidate
    dp[j] = dht * z;                                // straight through h' = z * h + ...
  }
}

LSTMKIT_CLONES void throughUpdate(int U, bool relu, const float* g, const float* hPrev, const float* dh, const float* dn, float* da, float* dp) {
  if (relu) return throughUpdateFor<true>(U, g, hPrev, dh, dn, da, dp);
  throughUpdateFor<false>(U, g, hPrev, dh, dn, da, dp);
}

// Then from d(r * h_{t-1}): the reset gate's pre-activation gradient, and the rest of dh_{t-1}.
LSTMKIT_CLONES void throughReset(int U, const float* __restrict__ r, const float* __restrict__ hPrev, const float* __restrict__ drh,
                                 float* __restrict__ daR, float* __restrict__ dp) {
  for (int j = 0; j < U; ++j) {
    daR[j] = drh[j] * hPrev[j] * r[j] * (1.f - r[j]);
    dp[j] += drh[j] * r[j];
  }
}

}  // namespace

void gruForward(const LstmShape& s, const float* x, const float* W, const float* R, const float* b, float* H, float* G,
                float* S, int threads) {
  const int T = s.steps, D = s.features, U = s.units, G3 = 3 * U, K = U + D + U;
  threads = threadsFor(s, 3, threads);
  std::vector<float> packedW(packedSize(D, G3)), packedRzr(packedSize(U, 2 * U)), packedRh(packedSize(U, U));
  packMatrixB(rowMajor(W, G3), D, G3, packedW.data());
  packMatrixB({R, G3, 1}, U, 2 * U, packedRzr.data());
  packMatrixB({R + 2 * U, G3, 1}, U, U, packedRh.data());
  forEachRowChunk(s.batch, T, threads, [&](int rows, size_t first) {
    const std::ptrdiff_t strideS = static_cast<std::ptrdiff_t>(T) * K, strideG = static_cast<std::ptrdiff_t>(T) * G3;
    float* Ss = S + first * K;
    float* Gs = G + first * G3;
    for (size_t row = 0; row < static_cast<size_t>(rows) * T; ++row) {
      float* sr = Ss + row * K;
      std::memcpy(sr + U, x + (first + row) * D, D * sizeof(float));
      if (row % T == 0) {  // h_{-1} = 0, r * h_{-1} = 0
        std::fill(sr, sr + U, 0.f);
        std::fill(sr + U + D, sr + K, 0.f);
      }
    }
    // The input projection of every step at once.
    projectInputs(Ss + U, K, static_cast<size_t>(rows) * T, D, packedW.data(), b, Gs, G3);
    for (int t = 0; t < T; ++t) {
      float* St = Ss + t * K;
      float* Gt = Gs + t * G3;
      if (t > 0) sgemmPacked(rows, 2 * U, U, {St, strideS, 1}, packedRzr.data(), Gt, strideG, true);
      for (int r = 0; r < rows; ++r) {
        float* g = Gt + r * strideG;
        float* sr = St + r * strideS;
        sigmoidInPlace(g, 2 * U);  // z, r
        for (int j = 0; j < U; ++j) sr[U + D + j] = g[U + j] * sr[j];  // r * h_{t-1}
      }
      if (t > 0) sgemmPacked(rows, U, U, {St + U + D, strideS, 1}, packedRh.data(), Gt + 2 * U, strideG, true);
      for (int r = 0; r < rows; ++r) {
        float* g = Gt + r * strideG;
        const float* hPrev = St + r * strideS;
        activate(s.activation, g + 2 * U, U);  // hh
        float* h = H + (first + static_cast<size_t>(r) * T + t) * U;
        for (int j = 0; j < U; ++j) h[j] = g[j] * hPrev[j] + (1.f - g[j]) * g[2 * U + j];
        if (t + 1 < T) std::memcpy(St + r * strideS + K, h, U * sizeof(float));  // h_t into the next step's row
      }
    }
  });
}

void gruBackward(const LstmShape& s, const float* W, const float* R, const float* G, const float* S, const float* dH, float* dx,
                 float* dW, float* dR, float* db, int threads) {
  const int B = s.batch, T = s.steps, D = s.features, U = s.units, G3 = 3 * U, K = U + D + U;
  threads = threadsFor(s, 3, threads);
  const size_t rowsAll = static_cast<size_t>(B) * T;
  const bool relu = s.activation == Activation::Relu;
  LSTMKIT_CALLER_LOCAL std::vector<float> dAStore;  // gradients of the gate pre-activations, every step
  dAStore.resize(rowsAll * G3);
  float* const dA = dAStore.data();
  // Per batch row: dh from step t+1, dh for step t-1, d(r * h_{t-1}). Allocated here: helper threads never allocate.
  LSTMKIT_CALLER_LOCAL std::vector<float> scratchStore;
  scratchStore.assign(static_cast<size_t>(B) * 3 * U, 0.f);
  float* const scratch = scratchStore.data();
  std::vector<float> packedRhT(packedSize(U, U)), packedRzrT(packedSize(2 * U, U)), packedWT(packedSize(G3, D));
  packMatrixB(MatView{R + 2 * U, G3, 1}.t(), U, U, packedRhT.data());
  packMatrixB(MatView{R, G3, 1}.t(), 2 * U, U, packedRzrT.data());
  if (dx) packMatrixB(rowMajor(W, G3).t(), G3, D, packedWT.data());

  forEachRowChunk(B, T, threads, [&](int rows, size_t first) {
    const std::ptrdiff_t strideS = static_cast<std::ptrdiff_t>(T) * K, strideG = static_cast<std::ptrdiff_t>(T) * G3;
    const size_t b0 = first / T;
    float* dhNext = scratch + b0 * U;
    float* dhPrev = scratch + static_cast<size_t>(B) * U + b0 * U;
    float* const dRH = scratch + static_cast<size_t>(2 * B) * U + b0 * U;
    for (int t = T - 1; t >= 0; --t) {
      const float* Gt = G + first * G3 + t * G3;
      const float* St = S + first * K + t * K;
      float* dAt = dA + first * G3 + t * G3;
      for (int r = 0; r < rows; ++r) {
        const float* g = Gt + r * strideG;
        const float* hPrev = St + r * strideS;
        const float* dh = dH + (first + static_cast<size_t>(r) * T + t) * U;
        const float* dn = dhNext + static_cast<size_t>(r) * U;
        float* da = dAt + r * strideG;
        float* dp = dhPrev + static_cast<size_t>(r) * U;
        throughUpdate(U, relu, g, hPrev, dh, dn, da, dp);
      }
      // d(r * h_{t-1}) = da_h Rh^T, then through r and through h_{t-1}.
      sgemmPacked(rows, U, U, {dAt + 2 * U, strideG, 1}, packedRhT.data(), dRH, U, false);
      for (int r = 0; r < rows; ++r) {
        const float* g = Gt + r * strideG;
        const float* hPrev = St + r * strideS;
        const float* drh = dRH + static_cast<size_t>(r) * U;
        float* da = dAt + r * strideG;
        float* dp = dhPrev + static_cast<size_t>(r) * U;
        throughReset(U, g + U, hPrev, drh, da + U, dp);
      }
      // dh_{t-1} += [da_z, da_r] [Rz, Rr]^T
      sgemmPacked(rows, U, 2 * U, {dAt, strideG, 1}, packedRzrT.data(), dhPrev, U, true);
      std::swap(dhNext, dhPrev);
    }
    // dx = dA W^T for these rows, every step at once (none for a first layer: nothing upstream wants it).
    if (dx) sgemmPacked(rows * T, D, G3, {dA + first * G3, G3, 1}, packedWT.data(), dx + first * D, D, false);
  });

  // The weight gradients, in two products over all steps: z and r saw [h_{t-1}, x_t], the candidate [x_t, r * h_{t-1}]
  // (one product over the whole row would also compute the two blocks of zeros in between). No bias column in S:
  // db is the column sums of dA.
  const int rowsAllInt = static_cast<int>(rowsAll);
  weightGradients({0, 2 * U, 0, U + D, U, 0, -1}, dA, G3, S, K, rowsAllInt, D, U, dW, dR, db, threads);
  weightGradients({2 * U, U, U, D + U, 0, D, -1}, dA, G3, S, K, rowsAllInt, D, U, dW, dR, db, threads);
  std::fill(db, db + G3, 0.f);
  for (size_t row = 0; row < rowsAll; ++row)
    for (int g = 0; g < G3; ++g) db[g] += dA[row * G3 + g];
}

}  // namespace lstmkit

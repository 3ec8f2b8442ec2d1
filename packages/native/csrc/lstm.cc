#include "lstm.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "recurrent.h"

namespace lstmkit {
namespace {

// [W; R; b] as one [D + U + 1, 4U] row-major matrix.
std::vector<float> stackWeights(const LstmShape& s, const float* W, const float* R, const float* b) {
  const size_t G4 = 4 * static_cast<size_t>(s.units);
  std::vector<float> wrb((s.features + s.units + 1) * G4);
  std::memcpy(wrb.data(), W, s.features * G4 * sizeof(float));
  std::memcpy(wrb.data() + s.features * G4, R, s.units * G4 * sizeof(float));
  if (b) std::memcpy(wrb.data() + (s.features + s.units) * G4, b, G4 * sizeof(float));
  return wrb;
}


// The activations' derivatives from their outputs y: 1 - y^2 for tanh, step(y) for relu (0 at 0, as tfjs).
// One row of one step backward: from dh (from the output and from step t+1) and dc (from step t+1) to the
// pre-activation gate gradients dz, and dc for step t-1. Branch-free loops (one per activation), so they vectorise.
template <bool Relu>
inline void gateGradientsFor(int U, const float* __restrict__ z, const float* __restrict__ actC, const float* __restrict__ cPrev,
                             const float* __restrict__ dhOut, const float* __restrict__ dhNext, float* __restrict__ dcNext,
                             float* __restrict__ dz) {
  for (int j = 0; j < U; ++j) {
    const float i = z[j], f = z[U + j], g = z[2 * U + j], o = z[3 * U + j], a = actC[j];
    const float dAct = Relu ? static_cast<float>(a > 0.f) : 1.f - a * a;
    const float dCand = Relu ? static_cast<float>(g > 0.f) : 1.f - g * g;
    const float dh = dhOut[j] + dhNext[j];
    const float dc = dcNext[j] + dh * o * dAct;
    dz[j] = dc * g * i * (1.f - i);
    dz[U + j] = dc * cPrev[j] * f * (1.f - f);
    dz[2 * U + j] = dc * i * dCand;
    dz[3 * U + j] = dh * a * o * (1.f - o);
    dcNext[j] = dc * f;
  }
}

LSTMKIT_CLONES void gateGradients(int U, bool relu, const float* z, const float* actC, const float* cPrev, const float* dhOut,
                                  const float* dhNext, float* dcNext, float* dz) {
  if (relu) return gateGradientsFor<true>(U, z, actC, cPrev, dhOut, dhNext, dcNext, dz);
  gateGradientsFor<false>(U, z, actC, cPrev, dhOut, dhNext, dcNext, dz);
}

}  // namespace

void lstmForward(const LstmShape& s, const float* x, const float* W, const float* R, const float* b, float* H, float* C,
                 float* G, float* XH, int threads) {
  const int T = s.steps, D = s.features, U = s.units, G4 = 4 * U, K = D + U + 1;
  threads = threadsFor(s, 4, threads);
  const std::vector<float> wrb = stackWeights(s, W, R, b);
  std::vector<float> packed(packedSize(K, G4));
  packMatrixB(rowMajor(wrb.data(), G4), K, G4, packed.data());
  forEachRowChunk(s.batch, T, threads, [&](int rows, size_t first) {
    float* XHs = XH + first * K;
    startRows(XHs, x + first * D, static_cast<size_t>(rows) * T, T, D, K, U);  // h_{-1} = 0
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
  const int B = s.batch, T = s.steps, D = s.features, U = s.units, G4 = 4 * U, K = D + U + 1;
  threads = threadsFor(s, 4, threads);
  // Each step's product dA = dZ_t [W; R]^T gives dx_t (columns [0, D)) and dh_{t-1} (the next U). Without dx (a
  // first layer: nothing upstream wants it) it is dZ_t R^T alone, a fifth less work for W1.
  const int dhAt = dx ? D : 0, width = dhAt + U;
  // dA's rows are padded to whole 16-column register tiles: the packed right-hand side is zero-padded to that width
  // anyway, and full tiles are written straight from registers.
  const int widthP = (width + 15) / 16 * 16;
  const size_t rowsAll = static_cast<size_t>(B) * T;
  // The gradient of the pre-activation gates at every step. Kept between calls: a fresh 7 MB (W1) each call
  // costs page faults that serialise the threads.
  // (Caller-local buffers are reached through plain pointers: a thread_local named inside the lambdas would be the
  // helper thread's own, empty one.)
  LSTMKIT_CALLER_LOCAL std::vector<float> dZStore;
  dZStore.resize(rowsAll * G4);
  float* const dZ = dZStore.data();
  // Per batch row: dA (dh_{t-1} at column dhAt, read by the step before), dc from step t+1, and act(c_t).
  // Allocated here, zeroed: helper threads never allocate.
  LSTMKIT_CALLER_LOCAL std::vector<float> scratchStore;
  scratchStore.assign(static_cast<size_t>(B) * (widthP + 2 * U), 0.f);
  float* const scratch = scratchStore.data();
  const std::vector<float> zeros(U, 0.f);
  std::vector<float> packedT(packedSize(G4, width));  // [W; R]^T, or R^T
  if (dx) {
    const std::vector<float> wr = stackWeights(s, W, R, nullptr);
    packMatrixB(rowMajor(wr.data(), G4).t(), G4, width, packedT.data());
  } else {
    packMatrixB(rowMajor(R, G4).t(), G4, width, packedT.data());
  }

  // Phase 1: backward through time, each chunk of batch rows on its own; XH, read by phase 2, is packed meanwhile
  // by whichever thread runs out of rows first.
  const GateBlock gates{0, G4, 0, K, 0, D, K - 1};
  LSTMKIT_CALLER_LOCAL PackedSteps packedXHStore;
  PackedSteps* const packedXH = &packedXHStore;
  packedXH->prepare(static_cast<int>(rowsAll), K, 4 * threads);  // small parts, to fill the gaps
  forEachRowChunk(B, T, threads, [&](int rows, size_t first) {
    const size_t b0 = first / T;
    float* const dA = scratch + b0 * widthP;
    float* const dcNext = scratch + static_cast<size_t>(B) * widthP + b0 * U;
    float* const tc = scratch + static_cast<size_t>(B) * (widthP + U) + b0 * U;
    for (int t = T - 1; t >= 0; --t) {
      for (int r = 0; r < rows; ++r) {
        const size_t row = first + static_cast<size_t>(r) * T + t;
        float* const act = tc + static_cast<size_t>(r) * U;
        std::memcpy(act, C + row * U, U * sizeof(float));  // act(c_t), recomputed rather than stored
        activate(s.activation, act, U);
        // dA holds dh from step t+1 (zeros before the first product); c_{-1} = 0.
        gateGradients(U, s.activation == Activation::Relu, G + row * G4, act, t > 0 ? C + (row - 1) * U : zeros.data(),
                      dH + row * U, dA + static_cast<size_t>(r) * widthP + dhAt, dcNext + static_cast<size_t>(r) * U, dZ + row * G4);
      }
      // (dh_{-1} flows into the zero initial state: the last product is only wanted for dx_0.)
      if (t == 0 && !dx) break;
      sgemmPacked(rows, widthP, G4, {dZ + first * G4 + t * G4, static_cast<std::ptrdiff_t>(T) * G4, 1}, packedT.data(), dA, widthP, false);
      if (dx)
        for (int r = 0; r < rows; ++r)
          std::memcpy(dx + (first + static_cast<size_t>(r) * T + t) * D, dA + static_cast<size_t>(r) * widthP, D * sizeof(float));
    }
  }, packedXH->parts, [&](int part) { packedXH->pack(gates, XH, K, static_cast<int>(rowsAll), part); });

  // Phase 2: every weight gradient from one product over all steps: [dW; dR; db]^T = dZ^T XH.
  weightGradients(gates, dZ, G4, XH, K, static_cast<int>(rowsAll), D, U, dW, dR, db, threads, packedXH->data.data());
}

}  // namespace lstmkit

#include "gemm.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <vector>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define LSTMKIT_X86 1
#endif
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace lstmkit {
namespace {

constexpr int MR = 6;    // rows of C per micro-kernel call
constexpr int NR = 16;   // columns of C per micro-kernel call (two 8-float AVX registers, four 4-float SIMD128 ones)
constexpr int KC = 256;  // depth of one packed block: A and B panels stay in L1/L2
constexpr int MC = 96;   // rows of A packed at a time (multiple of MR)
constexpr int NC = 2048; // columns of B packed at a time (multiple of NR)

// Packs rows [0, m) x depth [0, k) of A into MR-row panels, k-major, zero-padding the last panel.
void packA(const MatView& A, int m, int k, float* out) {
  for (int p = 0; p < m; p += MR) {
    const int rows = std::min(MR, m - p);
    if (A.rs == 1 && rows == MR) {
      // A transposed view (a weight gradient's dZ^T): a panel's MR values at each depth are adjacent in memory.
      for (int kk = 0; kk < k; ++kk, out += MR) std::memcpy(out, A.data + p + kk * A.cs, MR * sizeof(float));
      continue;
    }
    for (int kk = 0; kk < k; ++kk) {
      for (int r = 0; r < rows; ++r) *out++ = A.at(p + r, kk);
      for (int r = rows; r < MR; ++r) *out++ = 0.f;
    }
  }
}

// Packs depth [0, k) x columns [0, n) of B into NR-column panels, k-major, zero-padding the last panel.
void packB(const MatView& B, int k, int n, float* out) {
  for (int p = 0; p < n; p += NR) {
    const int cols = std::min(NR, n - p);
    for (int kk = 0; kk < k; ++kk) {
      if (B.cs == 1 && cols == NR) {
        std::memcpy(out, B.data + kk * B.rs + p, NR * sizeof(float));
        out += NR;
        continue;
      }
      for (int c = 0; c < cols; ++c) *out++ = B.at(kk, p + c);
      for (int c = cols; c < NR; ++c) *out++ = 0.f;
    }
  }
}

// Where a micro-kernel reads its MR rows of A: a packed panel (element (r, kk) at a[kk * MR + r]), or the rows of a
// row-major A in place (at row[r][kk], row[r] = a + r * lda). Packing a row-major A copies each element with two
// scalar moves to feed only N / 8 FMAs: ~10% of a 160-column product (the LSTM's backward), more for the GRU's
// and SimpleRNN's narrower ones. Rows past the end of A (a partial tile) read the last row again; the caller
// discards those results.
struct PanelA {
  const float* a;
  std::ptrdiff_t lda;  // 0: a packed panel
  int rows;
  const float* row(int r) const { return a + std::min(r, rows - 1) * lda; }
};

// acc[MR][NR] = sum_k a[k][r] * b[k][c].
void kernelScalar(int k, const PanelA& A, const float* b, float* acc) {
  std::fill(acc, acc + MR * NR, 0.f);
  for (int kk = 0; kk < k; ++kk, b += NR)
    for (int r = 0; r < MR; ++r) {
      const float ar = A.lda ? A.row(r)[kk] : A.a[kk * MR + r];
      for (int c = 0; c < NR; ++c) acc[r * NR + c] += ar * b[c];
    }
}

#ifdef LSTMKIT_X86
// The k loop reads A's MR values for step kk at a_r + kk * KS: KS = MR for a packed panel, 1 for rows in place.
template <int KS>
__attribute__((target("avx2,fma"))) inline void kernelAvx2Loop(int k, const float* a0, const float* a1, const float* a2, const float* a3,
                                                               const float* a4, const float* a5, const float* b, __m256 (&c)[MR][2]) {
  __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps(), c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
  __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps(), c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
  __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps(), c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
  for (int kk = 0; kk < k; ++kk, b += NR) {
    const __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
    const std::ptrdiff_t i = static_cast<std::ptrdiff_t>(kk) * KS;
    __m256 ar = _mm256_broadcast_ss(a0 + i);
    c00 = _mm256_fmadd_ps(ar, b0, c00), c01 = _mm256_fmadd_ps(ar, b1, c01);
    ar = _mm256_broadcast_ss(a1 + i);
    c10 = _mm256_fmadd_ps(ar, b0, c10), c11 = _mm256_fmadd_ps(ar, b1, c11);
    ar = _mm256_broadcast_ss(a2 + i);
    c20 = _mm256_fmadd_ps(ar, b0, c20), c21 = _mm256_fmadd_ps(ar, b1, c21);
    ar = _mm256_broadcast_ss(a3 + i);
    c30 = _mm256_fmadd_ps(ar, b0, c30), c31 = _mm256_fmadd_ps(ar, b1, c31);
    ar = _mm256_broadcast_ss(a4 + i);
    c40 = _mm256_fmadd_ps(ar, b0, c40), c41 = _mm256_fmadd_ps(ar, b1, c41);
    ar = _mm256_broadcast_ss(a5 + i);
    c50 = _mm256_fmadd_ps(ar, b0, c50), c51 = _mm256_fmadd_ps(ar, b1, c51);
  }
  c[0][0] = c00, c[0][1] = c01, c[1][0] = c10, c[1][1] = c11, c[2][0] = c20, c[2][1] = c21;
  c[3][0] = c30, c[3][1] = c31, c[4][0] = c40, c[4][1] = c41, c[5][0] = c50, c[5][1] = c51;
}

__attribute__((target("avx2,fma"))) void kernelAvx2(int k, const PanelA& A, const float* b, float* acc, float* C, std::ptrdiff_t ldc, bool add) {
  __m256 c[MR][2];
  if (A.lda)
    kernelAvx2Loop<1>(k, A.row(0), A.row(1), A.row(2), A.row(3), A.row(4), A.row(5), b, c);
  else
    kernelAvx2Loop<MR>(k, A.a, A.a + 1, A.a + 2, A.a + 3, A.a + 4, A.a + 5, b, c);
  // A full tile goes straight to C (ldc apart), else to the 6x16 scratch `acc` for the caller to clip.
  for (int r = 0; r < MR; ++r) {
    float* out = C ? C + r * ldc : acc + r * NR;
    if (C && add) {
      _mm256_storeu_ps(out, _mm256_add_ps(_mm256_loadu_ps(out), c[r][0]));
      _mm256_storeu_ps(out + 8, _mm256_add_ps(_mm256_loadu_ps(out + 8), c[r][1]));
    } else {
      _mm256_storeu_ps(out, c[r][0]);
      _mm256_storeu_ps(out + 8, c[r][1]);
    }
  }
}
const bool kAvx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
const bool kAvx2 = false;
#endif

#if defined(__wasm_simd128__)
// The same 6x16 tile from the same packed panels, in three passes of 2 rows x 16 columns. V8 maps v128 values to
// x86-64's 16 SIMD registers and keeps one for itself; SIMD128 has no fused multiply-add (relaxed SIMD's is not
// on by default in Node 20), so a multiply needs a temporary. 8 accumulators + 4 B vectors + 1 broadcast + 1
// temporary fit; a 6x8 pass (12 accumulators) spilled four of them to the stack every iteration.
void kernelSimd128(int k, const PanelA& A, const float* b, float* acc, float* C, std::ptrdiff_t ldc, bool add) {
  // A packed panel holds step kk's MR values at a + kk * MR; rows in place hold them at row(r) + kk.
  const std::ptrdiff_t ks = A.lda ? 1 : MR;
  for (int pair = 0; pair < MR; pair += 2) {
    v128_t c00 = wasm_f32x4_splat(0.f), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00;
    const float* a0 = A.lda ? A.row(pair) : A.a + pair;
    const float* a1 = A.lda ? A.row(pair + 1) : A.a + pair + 1;
    const float* bp = b;
    for (int kk = 0; kk < k; ++kk, a0 += ks, a1 += ks, bp += NR) {
      const v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4), b2 = wasm_v128_load(bp + 8), b3 = wasm_v128_load(bp + 12);
      v128_t ar = wasm_v128_load32_splat(a0);
      c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(ar, b0)), c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(ar, b1));
      c02 = wasm_f32x4_add(c02, wasm_f32x4_mul(ar, b2)), c03 = wasm_f32x4_add(c03, wasm_f32x4_mul(ar, b3));
      ar = wasm_v128_load32_splat(a1);
      c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(ar, b0)), c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(ar, b1));
      c12 = wasm_f32x4_add(c12, wasm_f32x4_mul(ar, b2)), c13 = wasm_f32x4_add(c13, wasm_f32x4_mul(ar, b3));
    }
    // As the AVX2 kernel: a full tile goes straight to C, else to the 6x16 scratch `acc` for the caller to clip.
    const v128_t c[2][4] = {{c00, c01, c02, c03}, {c10, c11, c12, c13}};
    for (int r = 0; r < 2; ++r) {
      float* out = C ? C + (pair + r) * ldc : acc + (pair + r) * NR;
      for (int v = 0; v < 4; ++v) wasm_v128_store(out + 4 * v, C && add ? wasm_f32x4_add(wasm_v128_load(out + 4 * v), c[r][v]) : c[r][v]);
    }
  }
}
#endif

// Computes one MR x NR tile. Returns true when it already wrote the full tile to C (AVX2 path); otherwise the
// tile is in `acc` and the caller adds or copies the part that lies inside C.
bool microKernel(int k, const PanelA& a, const float* b, float* acc, float* C, std::ptrdiff_t ldc, bool add, bool fullTile) {
#ifdef LSTMKIT_X86
  if (kAvx2) {
    kernelAvx2(k, a, b, acc, fullTile ? C : nullptr, ldc, add);
    return fullTile;
  }
#endif
#if defined(__wasm_simd128__)
  kernelSimd128(k, a, b, acc, fullTile ? C : nullptr, ldc, add);
  return fullTile;
#else
  kernelScalar(k, a, b, acc);
  return false;
#endif
}

}  // namespace

const char* sgemmSimd() {
#if defined(__wasm_simd128__)
  return "SIMD128";
#else
  return kAvx2 ? "AVX2+FMA" : "scalar";
#endif
}

#ifdef LSTMKIT_X86
// Seconds of CPU time this thread has run (so that a busy machine's other processes do not count), where the
// system says; else wall time.
double threadSeconds() {
#if defined(CLOCK_THREAD_CPUTIME_ID)
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9;
#else
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
#endif
}

// 12 independent accumulators, as many as the micro-kernel keeps: enough to cover the FMA latency on two ports.
__attribute__((target("avx2,fma"))) double fmaPeakAvx2(int milliseconds) {
  __m256 c0 = _mm256_set1_ps(0.f), c1 = _mm256_set1_ps(1.f), c2 = _mm256_set1_ps(2.f), c3 = _mm256_set1_ps(3.f);
  __m256 c4 = _mm256_set1_ps(4.f), c5 = _mm256_set1_ps(5.f), c6 = _mm256_set1_ps(6.f), c7 = _mm256_set1_ps(7.f);
  __m256 c8 = _mm256_set1_ps(8.f), c9 = _mm256_set1_ps(9.f), c10 = _mm256_set1_ps(10.f), c11 = _mm256_set1_ps(11.f);
  const __m256 a = _mm256_set1_ps(0.999f), b = _mm256_set1_ps(1e-4f);
  constexpr long kBatch = 1 << 16;
  long batches = 0;
  const double start = threadSeconds(), until = start + milliseconds * 1e-3;
  double now = start;
  do {
    for (long n = 0; n < kBatch; ++n) {
      c0 = _mm256_fmadd_ps(c0, a, b), c1 = _mm256_fmadd_ps(c1, a, b), c2 = _mm256_fmadd_ps(c2, a, b), c3 = _mm256_fmadd_ps(c3, a, b);
      c4 = _mm256_fmadd_ps(c4, a, b), c5 = _mm256_fmadd_ps(c5, a, b), c6 = _mm256_fmadd_ps(c6, a, b), c7 = _mm256_fmadd_ps(c7, a, b);
      c8 = _mm256_fmadd_ps(c8, a, b), c9 = _mm256_fmadd_ps(c9, a, b), c10 = _mm256_fmadd_ps(c10, a, b), c11 = _mm256_fmadd_ps(c11, a, b);
    }
    ++batches;
    now = threadSeconds();
  } while (now < until);
  // The sum keeps the loop from being optimised away.
  const __m256 sum = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(c0, c1), _mm256_add_ps(c2, c3)),
                                   _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(c4, c5), _mm256_add_ps(c6, c7)),
                                                 _mm256_add_ps(_mm256_add_ps(c8, c9), _mm256_add_ps(c10, c11))));
  const double flops = static_cast<double>(batches) * kBatch * 12 * 16;
  return flops / (now - start) / 1e9 + (_mm256_cvtss_f32(sum) == -1.f ? 1e-9 : 0.0);
}
#endif

double fmaPeakGflops(int milliseconds) {
#ifdef LSTMKIT_X86
  if (kAvx2) return fmaPeakAvx2(milliseconds);
#endif
  (void)milliseconds;
  return 0;
}

size_t packedSize(int K, int N) {
  size_t size = 0;
  for (int jc = 0; jc < N; jc += NC)
    for (int pc = 0; pc < K; pc += KC) size += static_cast<size_t>((std::min(NC, N - jc) + NR - 1) / NR * NR) * std::min(KC, K - pc);
  return size;
}

void packMatrixBPart(MatView B, int K, int N, float* out, int part, int parts) {
  int block = 0;
  for (int jc = 0; jc < N; jc += NC) {
    const int nc = std::min(NC, N - jc);
    for (int pc = 0; pc < K; pc += KC, ++block) {
      const int kc = std::min(KC, K - pc);
      if (block % parts == part) packB({B.data + pc * B.rs + jc * B.cs, B.rs, B.cs}, kc, nc, out);
      out += static_cast<size_t>((nc + NR - 1) / NR * NR) * kc;
    }
  }
}

int packBlocks(int K, int N) { return (N + NC - 1) / NC * ((K + KC - 1) / KC); }

void packMatrixB(MatView B, int K, int N, float* out) { packMatrixBPart(B, K, N, out, 0, 1); }

void sgemmPacked(int M, int N, int K, MatView A, const float* packedB, float* C, std::ptrdiff_t ldc, bool accumulate) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!accumulate)
      for (int i = 0; i < M; ++i) std::fill(C + i * ldc, C + i * ldc + N, 0.f);
    return;
  }
  // A row-major A is read in place; any other is packed by each thread into panels on its stack (96 KB; helper
  // threads have at least 256 KB).
  const bool inPlace = A.cs == 1;
  alignas(32) float bufA[MC * KC];
  alignas(32) float acc[MR * NR];
  const float* blockB = packedB;
  for (int jc = 0; jc < N; jc += NC) {
    const int nc = std::min(NC, N - jc);
    for (int pc = 0; pc < K; pc += KC) {
      const int kc = std::min(KC, K - pc);
      const bool add = accumulate || pc > 0;  // the first depth block overwrites C unless accumulating
      for (int ic = 0; ic < M; ic += MC) {
        const int mc = std::min(MC, M - ic);
        if (!inPlace) packA({A.data + ic * A.rs + pc * A.cs, A.rs, A.cs}, mc, kc, bufA);
        for (int jr = 0; jr < nc; jr += NR) {
          const int cols = std::min(NR, nc - jr);
          for (int ir = 0; ir < mc; ir += MR) {
            const int rows = std::min(MR, mc - ir);
            float* c = C + (ic + ir) * ldc + jc + jr;
            const PanelA a = inPlace ? PanelA{A.data + (ic + ir) * A.rs + pc, A.rs, rows} : PanelA{bufA + ir * kc, 0, rows};
            if (microKernel(kc, a, blockB + jr * kc, acc, c, ldc, add, rows == MR && cols == NR)) continue;
            for (int r = 0; r < rows; ++r) {
              float* cr = c + r * ldc;
              const float* ar = acc + r * NR;
              if (add)
                for (int j = 0; j < cols; ++j) cr[j] += ar[j];
              else
                for (int j = 0; j < cols; ++j) cr[j] = ar[j];
            }
          }
        }
      }
      blockB += static_cast<size_t>((nc + NR - 1) / NR * NR) * kc;
    }
  }
}

void sgemm(int M, int N, int K, MatView A, MatView B, float* C, std::ptrdiff_t ldc, bool accumulate) {
  if (M <= 0 || N <= 0) return;
  std::vector<float> packedB(packedSize(K, N));
  packMatrixB(B, K, N, packedB.data());
  sgemmPacked(M, N, K, A, packedB.data(), C, ldc, accumulate);
}

}  // namespace lstmkit

// Single-precision matrix multiply for the fused recurrent kernels.
//
// Why hand-written: no BLAS installs from the npm registry alone (OpenBLAS/MKL need a system package or a
// download), and Node addons cannot assume one is present. This is the classic Goto/BLIS structure — pack
// panels of A and B into contiguous blocks, then a 6x16 register-blocked AVX2+FMA micro-kernel — which reaches
// most of the FMA peak for the shapes an LSTM produces (K and N in the hundreds, M in the thousands). Compiled to
// WebAssembly, the same packing and tiles run a SIMD128 micro-kernel.
#pragma once
#include <cstddef>

namespace lstmkit {

// A general strided view of a row-major or transposed matrix: element (r, c) is data[r * rs + c * cs].
struct MatView {
  const float* data;
  std::ptrdiff_t rs;
  std::ptrdiff_t cs;
  float at(std::ptrdiff_t r, std::ptrdiff_t c) const { return data[r * rs + c * cs]; }
  MatView t() const { return {data, cs, rs}; }  // the transpose, without copying
};

inline MatView rowMajor(const float* data, std::ptrdiff_t cols) { return {data, cols, 1}; }

// C[M x N] (row stride ldc) = A[M x K] * B[K x N] + (accumulate ? C : 0). Single-threaded: callers split work.
void sgemm(int M, int N, int K, MatView A, MatView B, float* C, std::ptrdiff_t ldc, bool accumulate);

// B packed once for many products with the same right-hand side (an LSTM's recurrent kernel at every step).
size_t packedSize(int K, int N);
void packMatrixB(MatView B, int K, int N, float* out);
// The same in `parts` pieces that may run at once (on different threads): piece `part` packs blocks part,
// part + parts, … of the packBlocks(K, N) blocks of depth and columns, each into its place.
int packBlocks(int K, int N);
void packMatrixBPart(MatView B, int K, int N, float* out, int part, int parts);
void sgemmPacked(int M, int N, int K, MatView A, const float* packedB, float* C, std::ptrdiff_t ldc, bool accumulate);

// The micro-kernel in use: "AVX2+FMA", "SIMD128" (WebAssembly) or "scalar" (portable loops).
const char* sgemmSimd();

// This core's single-precision FMA peak in GFLOP/s, measured for about `milliseconds` with independent AVX2 FMAs
// and nothing else (what the micro-kernel's arithmetic could reach at best); 0 without AVX2+FMA.
double fmaPeakGflops(int milliseconds);

}  // namespace lstmkit

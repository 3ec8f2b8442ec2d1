#include "activations.h"

#include <cmath>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define LSTMKIT_X86 1
#endif
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace lstmkit {
namespace {

// Cephes' expf: clamp; n = floor(x log2(e) + 1/2); r = x - n ln(2), with ln(2) in two parts for precision;
// e^r = 1 + r + r^2 P(r), P of degree 5; times 2^n, built in the float's exponent bits.
constexpr float kExpMin = -87.3f, kExpMax = 88.3f, kLog2e = 1.44269504088896341f, kLn2Hi = 0.693359375f, kLn2Lo = -2.12194440e-4f;
constexpr float kExpP[] = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};

#ifdef LSTMKIT_X86
__attribute__((target("avx2,fma"))) inline __m256 exp8(__m256 x) {
  x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(kExpMin)), _mm256_set1_ps(kExpMax));
  __m256 fx = _mm256_floor_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(kLog2e), _mm256_set1_ps(0.5f)));
  x = _mm256_fnmadd_ps(fx, _mm256_set1_ps(kLn2Hi), x);
  x = _mm256_fnmadd_ps(fx, _mm256_set1_ps(kLn2Lo), x);
  __m256 y = _mm256_set1_ps(kExpP[0]);
  for (int i = 1; i < 6; ++i) y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(kExpP[i]));
  y = _mm256_fmadd_ps(y, _mm256_mul_ps(x, x), _mm256_add_ps(x, _mm256_set1_ps(1.f)));
  const __m256i n = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(fx), _mm256_set1_epi32(127)), 23);
  return _mm256_mul_ps(y, _mm256_castsi256_ps(n));
}

__attribute__((target("avx2,fma"))) inline __m256 sigmoid8(__m256 x) {
  const __m256 one = _mm256_set1_ps(1.f);
  return _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_sub_ps(_mm256_setzero_ps(), x))));
}

__attribute__((target("avx2,fma"))) void sigmoidAvx2(float* x, std::ptrdiff_t n) {
  std::ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, sigmoid8(_mm256_loadu_ps(x + i)));
  for (; i < n; ++i) x[i] = 1.f / (1.f + std::exp(-x[i]));
}

// tanh(x) = 2 sigmoid(2x) - 1: absolute error ~1e-7, which is what float32 tanh has near +-1 anyway.
__attribute__((target("avx2,fma"))) void tanhAvx2(float* x, std::ptrdiff_t n) {
  const __m256 two = _mm256_set1_ps(2.f), one = _mm256_set1_ps(1.f);
  std::ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, _mm256_fmsub_ps(two, sigmoid8(_mm256_mul_ps(two, _mm256_loadu_ps(x + i))), one));
  for (; i < n; ++i) x[i] = std::tanh(x[i]);
}

const bool kAvx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif

#if defined(__wasm_simd128__)
// The same, four lanes at a time (multiply and add: SIMD128 has no FMA).
inline v128_t mulAdd(v128_t a, v128_t b, v128_t c) { return wasm_f32x4_add(wasm_f32x4_mul(a, b), c); }

inline v128_t exp4(v128_t x) {
  x = wasm_f32x4_min(wasm_f32x4_max(x, wasm_f32x4_splat(kExpMin)), wasm_f32x4_splat(kExpMax));
  const v128_t fx = wasm_f32x4_floor(mulAdd(x, wasm_f32x4_splat(kLog2e), wasm_f32x4_splat(0.5f)));
  x = wasm_f32x4_sub(x, wasm_f32x4_mul(fx, wasm_f32x4_splat(kLn2Hi)));
  x = wasm_f32x4_sub(x, wasm_f32x4_mul(fx, wasm_f32x4_splat(kLn2Lo)));
  v128_t y = wasm_f32x4_splat(kExpP[0]);
  for (int i = 1; i < 6; ++i) y = mulAdd(y, x, wasm_f32x4_splat(kExpP[i]));
  y = mulAdd(y, wasm_f32x4_mul(x, x), wasm_f32x4_add(x, wasm_f32x4_splat(1.f)));
  const v128_t n = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(fx), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(y, n);
}

inline v128_t sigmoid4(v128_t x) {
  const v128_t one = wasm_f32x4_splat(1.f);
  return wasm_f32x4_div(one, wasm_f32x4_add(one, exp4(wasm_f32x4_neg(x))));
}

void sigmoidSimd128(float* x, std::ptrdiff_t n) {
  std::ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(x + i, sigmoid4(wasm_v128_load(x + i)));
  for (; i < n; ++i) x[i] = 1.f / (1.f + std::exp(-x[i]));
}

void tanhSimd128(float* x, std::ptrdiff_t n) {
  const v128_t two = wasm_f32x4_splat(2.f), one = wasm_f32x4_splat(1.f);
  std::ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(x + i, wasm_f32x4_sub(wasm_f32x4_mul(two, sigmoid4(wasm_f32x4_mul(two, wasm_v128_load(x + i)))), one));
  for (; i < n; ++i) x[i] = std::tanh(x[i]);
}
#endif

}  // namespace

void sigmoidInPlace(float* x, std::ptrdiff_t n) {
#ifdef LSTMKIT_X86
  if (kAvx2) return sigmoidAvx2(x, n);
#endif
#if defined(__wasm_simd128__)
  return sigmoidSimd128(x, n);
#endif
  for (std::ptrdiff_t i = 0; i < n; ++i) x[i] = 1.f / (1.f + std::exp(-x[i]));
}

void tanhInPlace(float* x, std::ptrdiff_t n) {
#ifdef LSTMKIT_X86
  if (kAvx2) return tanhAvx2(x, n);
#endif
#if defined(__wasm_simd128__)
  return tanhSimd128(x, n);
#endif
  for (std::ptrdiff_t i = 0; i < n; ++i) x[i] = std::tanh(x[i]);
}

}  // namespace lstmkit

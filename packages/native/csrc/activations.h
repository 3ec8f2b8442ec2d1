// Vectorised sigmoid and tanh over spans of floats. An LSTM step applies them to B x 4U values, so libm's scalar
// expf (10-20 ns each) would cost as much as the matrix products; the AVX2 path uses the Cephes expf polynomial
// (relative error ~1e-7, the same as float32 rounding), and so does the SIMD128 path in WebAssembly.
#pragma once
#include <cstddef>

namespace lstmkit {
void sigmoidInPlace(float* x, std::ptrdiff_t n);
void tanhInPlace(float* x, std::ptrdiff_t n);
}  // namespace lstmkit

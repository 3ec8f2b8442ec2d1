// The WebAssembly build's entry points: what addon.cc is to Node-API. Arrays are offsets into the module's memory,
// where the JS loader (src/wasm-kernels.ts) copies the inputs and reads the outputs; it also checks the sizes, so
// a wrong call is a TypeError there, as with the addon.
#include "gemm.h"
#include "gru.h"
#include "lstm.h"
#include "rnn.h"

namespace {
lstmkit::LstmShape shape(int batch, int steps, int features, int units, int activation) {
  return {batch, steps, features, units, static_cast<lstmkit::Activation>(activation)};
}
}  // namespace

extern "C" {

__attribute__((export_name("lstmkit_lstm_forward"))) void lstmForward(const float* x, const float* W, const float* R, const float* b, float* H,
                                                                     float* C, float* G, float* XH, int batch, int steps, int features,
                                                                     int units, int threads, int activation) {
  lstmkit::lstmForward(shape(batch, steps, features, units, activation), x, W, R, b, H, C, G, XH, threads);
}

__attribute__((export_name("lstmkit_lstm_backward"))) void lstmBackward(const float* W, const float* R, const float* C, const float* G,
                                                                       const float* XH, const float* dH, float* dx, float* dW, float* dR,
                                                                       float* db, int batch, int steps, int features, int units, int threads,
                                                                       int activation) {
  lstmkit::lstmBackward(shape(batch, steps, features, units, activation), W, R, C, G, XH, dH, dx, dW, dR, db, threads);
}

__attribute__((export_name("lstmkit_gru_forward"))) void gruForward(const float* x, const float* W, const float* R, const float* b, float* H,
                                                                   float* G, float* S, int batch, int steps, int features, int units,
                                                                   int threads, int activation) {
  lstmkit::gruForward(shape(batch, steps, features, units, activation), x, W, R, b, H, G, S, threads);
}

__attribute__((export_name("lstmkit_gru_backward"))) void gruBackward(const float* W, const float* R, const float* G, const float* S,
                                                                     const float* dH, float* dx, float* dW, float* dR, float* db, int batch,
                                                                     int steps, int features, int units, int threads, int activation) {
  lstmkit::gruBackward(shape(batch, steps, features, units, activation), W, R, G, S, dH, dx, dW, dR, db, threads);
}

__attribute__((export_name("lstmkit_rnn_forward"))) void rnnForward(const float* x, const float* W, const float* R, const float* b, float* H,
                                                                   float* S, int batch, int steps, int features, int units, int threads,
                                                                   int activation) {
  lstmkit::rnnForward(shape(batch, steps, features, units, activation), x, W, R, b, H, S, threads);
}

__attribute__((export_name("lstmkit_rnn_backward"))) void rnnBackward(const float* W, const float* R, const float* H, const float* S,
                                                                     const float* dH, float* dx, float* dW, float* dR, float* db, int batch,
                                                                     int steps, int features, int units, int threads, int activation) {
  lstmkit::rnnBackward(shape(batch, steps, features, units, activation), W, R, H, S, dH, dx, dW, dR, db, threads);
}

// C = A B (+ C) with strided A and B, for the tests of odd shapes and strides (as the addon's sgemm).
__attribute__((export_name("lstmkit_sgemm"))) void sgemm(int M, int N, int K, const float* A, int rsA, int csA, const float* B, int rsB,
                                                        int csB, float* C, int ldc, int accumulate) {
  lstmkit::sgemm(M, N, K, {A, rsA, csA}, {B, rsB, csB}, C, ldc, accumulate != 0);
}

}  // extern "C"

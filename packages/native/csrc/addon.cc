// Node-API bindings: plain Float32Arrays in and out, sizes checked here so a wrong call is a JS TypeError, not a
// crash. The work runs synchronously on the calling thread plus helper threads (see parallel.h).
#include <napi.h>

#include <string>
#include <thread>

#include "adam.h"
#include "gemm.h"
#include "gru.h"
#include "lstm.h"
#include "rnn.h"

namespace {

float* floats(const Napi::CallbackInfo& info, size_t i, size_t need, const char* name) {
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a Float32Array");
  auto a = info[i].As<Napi::Float32Array>();
  if (a.ElementLength() < need)
    throw Napi::TypeError::New(info.Env(), std::string(name) + " has " + std::to_string(a.ElementLength()) + " elements, needs " + std::to_string(need));
  return a.Data();
}

// An output the caller may not want: null (or undefined) for none.
float* optionalFloats(const Napi::CallbackInfo& info, size_t i, size_t need, const char* name) {
  return info[i].IsNull() || info[i].IsUndefined() ? nullptr : floats(info, i, need, name);
}

int positive(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (!info[i].IsNumber() || info[i].As<Napi::Number>().Int32Value() < 1)
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a positive integer");
  return info[i].As<Napi::Number>().Int32Value();
}

lstmkit::Activation activation(const Napi::CallbackInfo& info, size_t i) {
  const int a = info[i].IsNumber() ? info[i].As<Napi::Number>().Int32Value() : -1;
  if (a != 0 && a != 1) throw Napi::TypeError::New(info.Env(), "activation must be 0 (tanh) or 1 (relu)");
  return static_cast<lstmkit::Activation>(a);
}

// lstmForward(x, W, R, b, H, C, G, XH, batch, steps, features, units, threads, activation): fills H, C, G and XH.
Napi::Value LstmForward(const Napi::CallbackInfo& info) {
  const lstmkit::LstmShape s{positive(info, 8, "batch"), positive(info, 9, "steps"), positive(info, 10, "features"), positive(info, 11, "units"), activation(info, 13)};
  const size_t B = s.batch, T = s.steps, D = s.features, U = s.units;
  lstmkit::lstmForward(s, floats(info, 0, B * T * D, "x"), floats(info, 1, D * 4 * U, "kernel"), floats(info, 2, U * 4 * U, "recurrentKernel"),
                       floats(info, 3, 4 * U, "bias"), floats(info, 4, B * T * U, "h"), floats(info, 5, B * T * U, "c"),
                       floats(info, 6, B * T * 4 * U, "gates"), floats(info, 7, B * T * (D + U + 1), "xh"), positive(info, 12, "threads"));
  return info.Env().Undefined();
}

// lstmBackward(W, R, C, G, XH, dH, dx, dW, dR, db, batch, steps, features, units, threads, activation): fills dx,
// dW, dR, db (dx null: not computed, as for gruBackward and rnnBackward).
Napi::Value LstmBackward(const Napi::CallbackInfo& info) {
  const lstmkit::LstmShape s{positive(info, 10, "batch"), positive(info, 11, "steps"), positive(info, 12, "features"), positive(info, 13, "units"), activation(info, 15)};
  const size_t B = s.batch, T = s.steps, D = s.features, U = s.units;
  lstmkit::lstmBackward(s, floats(info, 0, D * 4 * U, "kernel"), floats(info, 1, U * 4 * U, "recurrentKernel"), floats(info, 2, B * T * U, "c"),
                        floats(info, 3, B * T * 4 * U, "gates"), floats(info, 4, B * T * (D + U + 1), "xh"), floats(info, 5, B * T * U, "dh"),
                        optionalFloats(info, 6, B * T * D, "dx"), floats(info, 7, D * 4 * U, "dKernel"), floats(info, 8, U * 4 * U, "dRecurrentKernel"),
                        floats(info, 9, 4 * U, "dBias"), positive(info, 14, "threads"));
  return info.Env().Undefined();
}

// gruForward(x, W, R, b, H, G, S, batch, steps, features, units, threads, activation): fills H, G and S.
Napi::Value GruForward(const Napi::CallbackInfo& info) {
  const lstmkit::LstmShape s{positive(info, 7, "batch"), positive(info, 8, "steps"), positive(info, 9, "features"), positive(info, 10, "units"), activation(info, 12)};
  const size_t B = s.batch, T = s.steps, D = s.features, U = s.units;
  lstmkit::gruForward(s, floats(info, 0, B * T * D, "x"), floats(info, 1, D * 3 * U, "kernel"), floats(info, 2, U * 3 * U, "recurrentKernel"),
                      floats(info, 3, 3 * U, "bias"), floats(info, 4, B * T * U, "h"), floats(info, 5, B * T * 3 * U, "gates"),
                      floats(info, 6, B * T * (D + 2 * U), "s"), positive(info, 11, "threads"));
  return info.Env().Undefined();
}

// gruBackward(W, R, G, S, dH, dx, dW, dR, db, batch, steps, features, units, threads, activation)
Napi::Value GruBackward(const Napi::CallbackInfo& info) {
  const lstmkit::LstmShape s{positive(info, 9, "batch"), positive(info, 10, "steps"), positive(info, 11, "features"), positive(info, 12, "units"), activation(info, 14)};
  const size_t B = s.batch, T = s.steps, D = s.features, U = s.units;
  lstmkit::gruBackward(s, floats(info, 0, D * 3 * U, "kernel"), floats(info, 1, U * 3 * U, "recurrentKernel"), floats(info, 2, B * T * 3 * U, "gates"),
                       floats(info, 3, B * T * (D + 2 * U), "s"), floats(info, 4, B * T * U, "dh"), optionalFloats(info, 5, B * T * D, "dx"),
                       floats(info, 6, D * 3 * U, "dKernel"), floats(info, 7, U * 3 * U, "dRecurrentKernel"), floats(info, 8, 3 * U, "dBias"),
                       positive(info, 13, "threads"));
  return info.Env().Undefined();
}

// rnnForward(x, W, R, b, H, S, batch, steps, features, units, threads, activation): fills H and S.
Napi::Value RnnForward(const Napi::CallbackInfo& info) {
  const lstmkit::LstmShape s{positive(info, 6, "batch"), positive(info, 7, "steps"), positive(info, 8, "features"), positive(info, 9, "units"), activation(info, 11)};
  const size_t B = s.batch, T = s.steps, D = s.features, U = s.units;
  lstmkit::rnnForward(s, floats(info, 0, B * T * D, "x"), floats(info, 1, D * U, "kernel"), floats(info, 2, U * U, "recurrentKernel"),
                      floats(info, 3, U, "bias"), floats(info, 4, B * T * U, "h"), floats(info, 5, B * T * (D + U + 1), "s"), positive(info, 10, "threads"));
  return info.Env().Undefined();
}

// rnnBackward(W, R, H, S, dH, dx, dW, dR, db, batch, steps, features, units, threads, activation)
Napi::Value RnnBackward(const Napi::CallbackInfo& info) {
  const lstmkit::LstmShape s{positive(info, 9, "batch"), positive(info, 10, "steps"), positive(info, 11, "features"), positive(info, 12, "units"), activation(info, 14)};
  const size_t B = s.batch, T = s.steps, D = s.features, U = s.units;
  lstmkit::rnnBackward(s, floats(info, 0, D * U, "kernel"), floats(info, 1, U * U, "recurrentKernel"), floats(info, 2, B * T * U, "h"),
                       floats(info, 3, B * T * (D + U + 1), "s"), floats(info, 4, B * T * U, "dh"), optionalFloats(info, 5, B * T * D, "dx"),
                       floats(info, 6, D * U, "dKernel"), floats(info, 7, U * U, "dRecurrentKernel"), floats(info, 8, U, "dBias"),
                       positive(info, 13, "threads"));
  return info.Env().Undefined();
}

// sgemm(M, N, K, A, rsA, csA, B, rsB, csB, C, ldc, accumulate): exposed for tests of odd shapes and strides.
Napi::Value Sgemm(const Napi::CallbackInfo& info) {
  const int M = positive(info, 0, "M"), N = positive(info, 1, "N"), K = positive(info, 2, "K");
  auto num = [&](size_t i) { return static_cast<std::ptrdiff_t>(info[i].As<Napi::Number>().Int64Value()); };
  const std::ptrdiff_t rsA = num(4), csA = num(5), rsB = num(7), csB = num(8), ldc = num(10);
  const float* A = floats(info, 3, (M - 1) * rsA + (K - 1) * csA + 1, "A");
  const float* Bm = floats(info, 6, (K - 1) * rsB + (N - 1) * csB + 1, "B");
  float* C = floats(info, 9, (M - 1) * ldc + N, "C");
  lstmkit::sgemm(M, N, K, {A, rsA, csA}, {Bm, rsB, csB}, C, ldc, info[11].ToBoolean());
  return info.Env().Undefined();
}

// adam(g, m, v, w0, w, beta1, beta2, epsilon, learningRate, c1, c2): m and v in place, the new weights into w;
// returns whether all are finite.
Napi::Value Adam(const Napi::CallbackInfo& info) {
  if (!info[0].IsTypedArray()) throw Napi::TypeError::New(info.Env(), "g must be a Float32Array");
  const size_t n = info[0].As<Napi::TypedArray>().ElementLength();
  auto num = [&](size_t i, const char* name) {
    if (!info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a number");
    return info[i].As<Napi::Number>().DoubleValue();
  };
  const lstmkit::AdamStep step{num(5, "beta1"), num(6, "beta2"), num(7, "epsilon"), num(8, "learningRate"), num(9, "c1"), num(10, "c2")};
  const bool finite = lstmkit::adamUpdate(n, floats(info, 0, n, "g"), floats(info, 1, n, "m"), floats(info, 2, n, "v"), floats(info, 3, n, "w0"),
                                          floats(info, 4, n, "w"), step);
  return Napi::Boolean::New(info.Env(), finite);
}

// fmaPeak(milliseconds): this core's FMA peak in GFLOP/s (0 without AVX2+FMA), for benchmarks to set achieved
// GFLOP/s against.
Napi::Value FmaPeak(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), lstmkit::fmaPeakGflops(positive(info, 0, "milliseconds")));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("lstmForward", Napi::Function::New(env, LstmForward));
  exports.Set("lstmBackward", Napi::Function::New(env, LstmBackward));
  exports.Set("gruForward", Napi::Function::New(env, GruForward));
  exports.Set("gruBackward", Napi::Function::New(env, GruBackward));
  exports.Set("rnnForward", Napi::Function::New(env, RnnForward));
  exports.Set("rnnBackward", Napi::Function::New(env, RnnBackward));
  exports.Set("sgemm", Napi::Function::New(env, Sgemm));
  exports.Set("adam", Napi::Function::New(env, Adam));
  exports.Set("fmaPeak", Napi::Function::New(env, FmaPeak));
  exports.Set("simd", Napi::String::New(env, lstmkit::sgemmSimd()));
  exports.Set("hardwareThreads", Napi::Number::New(env, std::thread::hardware_concurrency()));
  return exports;
}

}  // namespace

NODE_API_MODULE(lstmkit_native, Init)

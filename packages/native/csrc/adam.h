// Adam's update of one weight array, on the host, for the trainer's Adam on the wasm and cpu backends (the addon
// only: the WebAssembly build would first copy every array into its own memory, which costs what the update does).
#pragma once
#include <cstddef>

namespace lstmkit {

struct AdamStep {
  double beta1, beta2, epsilon, learningRate;
  double c1, c2;  // the bias corrections, 1 / (1 - beta1^t) and 1 / (1 - beta2^t)
};

// tfjs' Adam: m and v updated in place from the gradient g, the new weights w = w0 - lr m c1 / (sqrt(v c2) + eps)
// written to w; in double precision, stored as float32, as the trainer's JavaScript loop computes it. Returns
// whether every new weight is finite.
bool adamUpdate(std::size_t n, const float* g, float* m, float* v, const float* w0, float* w, const AdamStep& step);

}  // namespace lstmkit

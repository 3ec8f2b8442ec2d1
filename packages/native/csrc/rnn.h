// A fused SimpleRNN over a whole sequence, forward and backward through time, with Keras' and tfjs-layers' layout:
// kernel W [D, U], recurrent kernel R [U, U], bias b [U]; h_t = act(x_t W + h_{t-1} R + b).
#pragma once
#include "lstm.h"

namespace lstmkit {

// x [B, T, D] -> H [B, T, U]; keeps S [B, T, D + U + 1] ([x_t, h_{t-1}, 1]) for the backward pass, which also
// reads H (act' is a function of the activated value for tanh and relu). The initial h is zero.
void rnnForward(const LstmShape& s, const float* x, const float* W, const float* R, const float* b, float* H, float* S, int threads);

// dx may be null: then it is not computed (as lstmBackward).
void rnnBackward(const LstmShape& s, const float* W, const float* R, const float* H, const float* S, const float* dH, float* dx,
                 float* dW, float* dR, float* db, int threads);

}  // namespace lstmkit

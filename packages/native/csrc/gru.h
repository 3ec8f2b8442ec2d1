// A fused GRU over a whole sequence, forward and backward through time, with tfjs-layers' layout and maths
// (Keras reset_after=False, the only GRU tfjs has): kernel W [D, 3U], recurrent kernel R [U, 3U], bias b [3U], gates
// z, r, h; z = s(x Wz + h Rz + bz), r = s(x Wr + h Rr + br), hh = act(x Wh + (r * h) Rh + bh),
// h' = z * h + (1 - z) * hh.
#pragma once
#include "lstm.h"

namespace lstmkit {

// x [B, T, D] -> H [B, T, U]; keeps G [B, T, 3U] (activated z, r, hh) and S [B, T, 2U + D]
// ([h_{t-1}, x_t, r * h_{t-1}]: what z and r saw, then what the candidate saw, each contiguous) for the backward
// pass. The initial h is zero.
void gruForward(const LstmShape& s, const float* x, const float* W, const float* R, const float* b, float* H, float* G,
                float* S, int threads);

// dx may be null: then it is not computed (as lstmBackward).
void gruBackward(const LstmShape& s, const float* W, const float* R, const float* G, const float* S, const float* dH, float* dx,
                 float* dW, float* dR, float* db, int threads);

}  // namespace lstmkit

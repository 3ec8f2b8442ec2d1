// A fused LSTM over a whole sequence, forward and backward through time, with Keras' and tfjs-layers' weight
// layout: kernel W [D, 4U], recurrent kernel R [U, 4U], bias b [4U], gates in the order i, f, c, o;
// sigmoid gates and tanh activations (the defaults of Keras).
//
// Each step is one matrix product: z_t = [x_t, h_{t-1}, 1] [W; R; b]. The forward pass keeps those rows
// ("XH", [B, T, D + U + 1]), so the backward pass gets every weight gradient from one product,
// [dW; dR; db] = XH^T dZ, and dx_t with dh_{t-1} from one product per step, dZ_t [W; R]^T.
#pragma once

namespace lstmkit {

// The activation of the candidate cell value and of the cell output (Keras' `activation`); the gates are sigmoid.
enum class Activation { Tanh = 0, Relu = 1 };

struct LstmShape {
  int batch, steps, features, units;
  Activation activation;
};

// x [B, T, D] -> H [B, T, U] (h at every step), and for the backward pass C [B, T, U] (cell states),
// G [B, T, 4U] (activated gates) and XH [B, T, D + U + 1]. The initial h and c are zero.
void lstmForward(const LstmShape& s, const float* x, const float* W, const float* R, const float* b, float* H, float* C,
                 float* G, float* XH, int threads);

// Gradients of a loss with respect to x, W, R and b given dH, its gradient with respect to H.
// dx may be null (a first layer, whose input wants no gradient): then it is not computed, which saves work.
void lstmBackward(const LstmShape& s, const float* W, const float* R, const float* C, const float* G, const float* XH,
                  const float* dH, float* dx, float* dW, float* dR, float* db, int threads);

}  // namespace lstmkit

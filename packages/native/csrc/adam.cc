#include "adam.h"

#include <cmath>

#include "recurrent.h"  // LSTMKIT_CLONES

namespace lstmkit {

// One loop the compiler vectorises (four doubles at a time with AVX2); the finiteness test is folded into a sum
// (x - x is 0 for a number, NaN for NaN and infinities) so that the loop has no branch.
LSTMKIT_CLONES bool adamUpdate(std::size_t n, const float* g, float* m, float* v, const float* w0, float* w, const AdamStep& s) {
  const double b1 = 1 - s.beta1, b2 = 1 - s.beta2;
  double probe = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double gj = g[j];
    const double mj = m[j] * s.beta1 + gj * b1;
    const double vj = v[j] * s.beta2 + gj * gj * b2;
    const double wj = w0[j] - (s.learningRate * mj * s.c1) / (std::sqrt(vj * s.c2) + s.epsilon);
    m[j] = static_cast<float>(mj);
    v[j] = static_cast<float>(vj);
    w[j] = static_cast<float>(wj);
    probe += wj - wj;
  }
  return probe == 0;
}

}  // namespace lstmkit

// A Dense(softmax) head with tfjs-layers' categorical cross-entropy and categorical accuracy, forward and backward,
// on plain arrays. tfjs runs the same few thousand multiply-adds as ~40 kernels of ~20 us engine overhead each
// (matMul, add, softmax, sum, div, clip, log, mul, neg, mean, argMax, equal, cast, and their gradients); here
// they are a few loops. The arithmetic is tfjs-layers' own (losses.ts, metrics.ts), including its clipping of
// the probabilities to [1e-7, 1 - 1e-7] and the zero gradient where a probability was clipped.

import type { Sgemm } from '@lstmkit/models';

/** tfjs-layers' epsilon(): the clipping bound of its cross-entropy. */
const EPSILON = 1e-7;

/** One head step: its batch loss and accuracy (means), and the gradients of the loss. */
export interface HeadStep {
  readonly loss: number;
  readonly accuracy: number;
  /** Gradient of the mean loss w.r.t. the head's input h [B, U], its kernel [U, O] and bias [O]. */
  readonly dInput: Float32Array;
  readonly dKernel: Float32Array;
  readonly dBias: Float32Array;
}

/**
 * Forward and backward of softmax(h W + b) against targets y [B, O] (one-hot or soft labels): the mean of
 * -sum(y log clip(p)) over the batch, the mean of argmax(y) == argmax(p), and the gradients.
 */
export function softmaxHeadStep(
  h: Float32Array,
  kernel: Float32Array,
  bias: Float32Array,
  y: Float32Array,
  batch: number,
  units: number,
  outputs: number,
  sgemm?: Sgemm,
): HeadStep {
  if (sgemm) return withProducts(h, kernel, bias, y, batch, units, outputs, sgemm);
  const O = outputs, U = units;
  const dKernel = new Float32Array(U * O);
  const dBias = new Float32Array(O);
  const dInput = new Float32Array(batch * U);
  const z = new Float64Array(O), p = new Float64Array(O), dz = new Float64Array(O);
  let loss = 0, correct = 0;
  for (let i = 0; i < batch; i++) {
    const hi = i * U, yi = i * O;
    // Logits, then softmax as tfjs computes it (exp(z - max) / sum).
    for (let o = 0; o < O; o++) z[o] = bias[o]!;
    for (let u = 0; u < U; u++) {
      const hv = h[hi + u]!;
      if (hv === 0) continue;
      const row = u * O;
      for (let o = 0; o < O; o++) z[o] += hv * kernel[row + o]!;
    }
    let max = -Infinity;
    for (let o = 0; o < O; o++) max = Math.max(max, Math.fround(z[o]!));
    let sum = 0;
    for (let o = 0; o < O; o++) sum += (p[o] = Math.exp(Math.fround(z[o]!) - max));
    for (let o = 0; o < O; o++) p[o] = Math.fround(p[o]! / sum);
    const s = lossAndGradient(p, y, yi, O, batch, dz, 0);
    loss += s.loss;
    if (s.correct) correct++;
    // dW += h^T dz, db += dz, dh = dz W^T.
    for (let o = 0; o < O; o++) dBias[o] += dz[o]!;
    for (let u = 0; u < U; u++) {
      const hv = h[hi + u]!, row = u * O;
      let acc = 0;
      for (let o = 0; o < O; o++) {
        dKernel[row + o] += hv * dz[o]!;
        acc += dz[o]! * kernel[row + o]!;
      }
      dInput[hi + u] = acc;
    }
  }
  return { loss: loss / batch, accuracy: correct / batch, dInput, dKernel, dBias };
}

/**
 * The same step with the three products — logits h W, dW = h^T dz, dh = dz W^T — on a kernel's sgemm (float32, as
 * tfjs computes them); the softmax, loss and metric per sample as above.
 */
function withProducts(h: Float32Array, kernel: Float32Array, bias: Float32Array, y: Float32Array, batch: number, units: number, outputs: number, sgemm: Sgemm): HeadStep {
  const O = outputs, U = units;
  const logits = new Float32Array(batch * O);
  sgemm(batch, O, U, h, U, 1, kernel, O, 1, logits, O, false);
  const dLogits = new Float32Array(batch * O);
  const p = new Float64Array(O);
  let loss = 0, correct = 0;
  for (let i = 0; i < batch; i++) {
    const yi = i * O;
    let max = -Infinity;
    for (let o = 0; o < O; o++) max = Math.max(max, (p[o] = Math.fround(logits[yi + o]! + bias[o]!)));
    let sum = 0;
    for (let o = 0; o < O; o++) sum += (p[o] = Math.exp(p[o]! - max));
    for (let o = 0; o < O; o++) p[o] = Math.fround(p[o]! / sum);
    const s = lossAndGradient(p, y, yi, O, batch, dLogits, yi);
    loss += s.loss;
    if (s.correct) correct++;
  }
  const dKernel = new Float32Array(U * O), dBias = new Float32Array(O), dInput = new Float32Array(batch * U);
  sgemm(U, O, batch, h, 1, U, dLogits, O, 1, dKernel, O, false);
  sgemm(batch, U, O, dLogits, O, 1, kernel, 1, O, dInput, U, false);
  for (let i = 0; i < batch; i++) for (let o = 0; o < O; o++) dBias[o] += dLogits[i * O + o]!;
  return { loss: loss / batch, accuracy: correct / batch, dInput, dKernel, dBias };
}

/**
 * One sample's loss, whether its prediction is right, and the gradient of the batch's mean loss w.r.t. its
 * logits (into dz from `at`), from its softmax p (float32 values) and targets y[yi..yi + O).
 */
function lossAndGradient(p: Float64Array, y: Float32Array, yi: number, O: number, batch: number, dz: Float32Array | Float64Array, at: number) {
  // Loss: q = p / sum(p) (tfjs rescales even softmax output), clipped, -sum(y log q). Its gradient w.r.t. q
  // is -y / q, or 0 where q was clipped; then back through the rescaling and the softmax.
  let pSum = 0;
  for (let o = 0; o < O; o++) pSum += p[o]!;
  let loss = 0, gq = 0, argY = 0, argP = 0;
  const g = new Float64Array(O);
  for (let o = 0; o < O; o++) {
    const q = p[o]! / pSum;
    const t = y[yi + o]!;
    const clipped = q < EPSILON || q > 1 - EPSILON;
    loss -= t * Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, q)));
    g[o] = clipped || t === 0 ? 0 : -t / q;
    gq += g[o]! * q;
    if (t > y[yi + argY]!) argY = o;
    if (p[o]! > p[argP]!) argP = o;
  }
  // d/dp of the rescaling: (g - sum(g q)) / pSum; softmax: p * (dp - sum(p dp)); 1/B for the batch mean.
  let pdp = 0;
  for (let o = 0; o < O; o++) {
    g[o] = (g[o]! - gq) / pSum;
    pdp += p[o]! * g[o]!;
  }
  for (let o = 0; o < O; o++) dz[at + o] = (p[o]! * (g[o]! - pdp)) / batch;
  return { loss, correct: argY === argP };
}

import { describe, expect, it } from 'vitest';
import { loadWasmKernels } from '@lstmkit/native';
import { softmaxHeadStep } from './softmax-head.js';

// The head's products on a kernel's sgemm (float32) give what the JavaScript loops (float64 sums) give, within
// float32 rounding; both are checked against tfjs' trainOnBatch in host-train-step.test.ts.
describe('softmaxHeadStep', () => {
  it('the same loss, accuracy and gradients with its products on sgemm as in JavaScript', async () => {
    const status = await loadWasmKernels({ threads: 1 });
    if (!status.available) throw new Error(status.reason);
    const B = 37, U = 20, O = 7;
    let seed = 1;
    const rnd = (n: number, scale: number) => Float32Array.from({ length: n }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * scale);
    const h = rnd(B * U, 2), kernel = rnd(U * O, 1), bias = rnd(O, 0.5), y = new Float32Array(B * O);
    for (let i = 0; i < B; i++) y[i * O + (i % O)] = 1;
    const js = softmaxHeadStep(h, kernel, bias, y, B, U, O);
    const fast = softmaxHeadStep(h, kernel, bias, y, B, U, O, status.kernels.sgemm);
    expect(Math.abs(fast.loss - js.loss)).toBeLessThan(1e-6);
    expect(fast.accuracy).toBe(js.accuracy);
    expect(js.accuracy).toBeGreaterThan(0);
    for (const key of ['dInput', 'dKernel', 'dBias'] as const) {
      expect(js[key].some((v) => v !== 0)).toBe(true);
      js[key].forEach((v, i) => expect(Math.abs(fast[key][i]! - v)).toBeLessThan(1e-6));
    }
  });
});

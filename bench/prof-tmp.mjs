import { loadNative } from '../packages/native/dist/index.js';
const k = loadNative().kernels;
const d = { batch: 128, steps: 28, features: 28, units: 128 };
const r = (n) => Float32Array.from({ length: n }, () => Math.random() - 0.5);
const x = r(128 * 28 * 28), W = r(28 * 512), R = r(128 * 512).map((v) => v * 0.2), b = r(512), dH = r(128 * 28 * 128);
const med = (a) => a.sort((p, q) => p - q)[a.length >> 1].toFixed(2);
for (const threads of [1, 2, 1, 2]) {
  k.threads = threads;
  const tf = [], tb = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now(); const f = k.lstmForward(x, W, R, b, d); const t1 = performance.now(); k.lstmBackward(x, W, R, f, dH, d); const t2 = performance.now();
    if (i >= 5) { tf.push(t1 - t0); tb.push(t2 - t1); }
  }
  console.log(`threads ${threads}: forward ${med(tf)} ms, backward ${med(tb)} ms (medians)`);
}

import { describe, expect, it } from 'vitest';
import { useBackend } from '../index.js';
import { tf } from '../tf.js';
import { installWasmFastMatMul, uninstallWasmFastMatMul, wasmFastMatMulInstalled } from './wasm-batch-matmul.js';

/** matMul for every transpose combination, 2-D and batched, with the kernel in place or not. */
function products(): number[][] {
  const a = tf.randomNormal([3, 5, 7], 0, 1, 'float32', 1);
  const b = tf.randomNormal([3, 7, 4], 0, 1, 'float32', 2);
  const out: number[][] = [];
  for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    const x = ta ? tf.transpose(a, [0, 2, 1]) : a;
    const y = tb ? tf.transpose(b, [0, 2, 1]) : b;
    out.push(Array.from(tf.matMul(x, y, ta, tb).dataSync()));
    out.push(Array.from(tf.matMul(x.slice([0], [1]).squeeze([0]) as tf.Tensor2D, y.slice([0], [1]).squeeze([0]) as tf.Tensor2D, ta, tb).dataSync()));
  }
  return out;
}

describe('wasm BatchMatMul that transposes first', () => {
  it('is installed with the wasm backend and gives the same products as the stock kernel', async () => {
    await useBackend('wasm');
    expect(wasmFastMatMulInstalled()).toBe(true);
    const fast = products();
    uninstallWasmFastMatMul();
    const stock = products();
    installWasmFastMatMul();
    fast.forEach((p, i) => p.forEach((v, j) => expect(v).toBeCloseTo(stock[i]![j]!, 4)));
  });

  it('leaves no intermediate tensors behind', async () => {
    await useBackend('wasm');
    const a = tf.randomNormal([64, 32]);
    const b = tf.randomNormal([16, 32]);
    const before = tf.memory().numTensors;
    const bytesBefore = tf.memory().numBytes;
    for (let i = 0; i < 5; i++) tf.matMul(a, b, false, true).dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytesBefore);
  });
});

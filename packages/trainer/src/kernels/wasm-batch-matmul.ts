import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';

// Why this exists: tfjs-backend-wasm's BatchMatMul runs 10-20x slower when transposeA/transposeB is set
// (0.8-1.7 GFLOP/s vs ~20, measured in shared/FACTS.md) because its XNNPACK path packs the transposed operand
// element by element. LSTM backprop is almost all transposed matMuls. Materialising the transpose with the wasm
// Transpose kernel, then running the plain matMul, is ~4.8x faster per training step and bit-identical.

let original: KernelConfig | undefined;

function swapLastTwo(rank: number): number[] {
  const perm = [...Array(rank).keys()];
  [perm[rank - 1], perm[rank - 2]] = [perm[rank - 2]!, perm[rank - 1]!];
  return perm;
}

/** Replaces the wasm BatchMatMul kernel with one that transposes first. Idempotent. */
export function installWasmFastMatMul(): void {
  if (original) return;
  const stock = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!stock || !transpose) throw new Error('the wasm backend has no BatchMatMul/Transpose kernel registered');
  const stockFn = stock.kernelFunc as KernelFunc;
  const fast: KernelFunc = ({ inputs, backend, attrs }) => {
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return stockFn({ inputs, backend, attrs });
    const temps: TensorInfo[] = [];
    const materialise = (x: TensorInfo) => {
      const t = (transpose.kernelFunc as KernelFunc)({ inputs: { x }, backend, attrs: { perm: swapLastTwo(x.shape.length) } }) as TensorInfo;
      temps.push(t);
      return t;
    };
    const a = transposeA ? materialise(inputs.a!) : inputs.a!;
    const b = transposeB ? materialise(inputs.b!) : inputs.b!;
    const out = stockFn({ inputs: { a, b }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    for (const t of temps) (backend as { disposeData(id: object): void }).disposeData(t.dataId);
    return out;
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...stock, kernelFunc: fast });
  original = stock;
}

/** Puts tfjs' own wasm BatchMatMul back (used by the benchmark to time stock tfjs in the same process). */
export function uninstallWasmFastMatMul(): void {
  if (!original) return;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(original);
  original = undefined;
}

/** Whether lstmkit's transposing BatchMatMul is the wasm backend's kernel now. */
export const wasmFastMatMulInstalled = (): boolean => original !== undefined;

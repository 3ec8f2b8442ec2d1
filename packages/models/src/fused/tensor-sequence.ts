import { tf } from '../tf.js';
import type { LstmForwardState, TensorLstmKernel } from './lstm-kernels.js';

type Functions = readonly ['lstmForward' | 'gruForward' | 'rnnForward', 'lstmBackward' | 'gruBackward' | 'rnnBackward'];

/**
 * A fused layer's output through a kernel that runs on the backend's own tensors (WGSL on webgpu): h at every
 * step [B, T, U], or at the last one [B, U], with the gradient from the kernel's backward pass through time. Nothing
 * is read back to the host; the forward state's tensors are kept (tfjs' `save`) only while a gradient is recorded.
 */
export function sequenceOnTensors(
  [forwardName, backwardName]: Functions,
  kernel: TensorLstmKernel,
  x: tf.Tensor3D,
  w: tf.Tensor,
  r: tf.Tensor,
  b: tf.Tensor,
  activation: 'tanh' | 'relu',
  lastOnly: boolean,
): tf.Tensor {
  const [batch, steps, features] = x.shape;
  const units = r.shape[0]!;
  const dims = { batch, steps, features, units, activation };
  const forwardPass = kernel[forwardName]!, backwardPass = kernel[backwardName]!;
  const op = tf.customGrad(((xT: tf.Tensor, wT: tf.Tensor, rT: tf.Tensor, bT: tf.Tensor, save: tf.GradSaveFunc) => {
    const forward = forwardPass.call(kernel, xT, wT, rT, bT, dims) as unknown as Record<string, tf.Tensor>;
    const names = Object.keys(forward);
    // The inputs too: x may be an intermediate (reversed for goBackwards) that the layer's tidy frees.
    save([xT, wT, rT, ...names.map((n) => forward[n]!)]);
    const h = forward.h!;
    return {
      value: lastOnly ? tf.reshape(tf.slice(h, [0, steps - 1, 0], [batch, 1, units]), [batch, units]) : h,
      gradFunc: (dy: tf.Tensor, [xS, wS, rS, ...kept]: tf.Tensor[]) => {
        const state = Object.fromEntries(names.map((n, i) => [n, kept[i]!])) as unknown as LstmForwardState<tf.Tensor>;
        const dH = lastOnly ? tf.pad(tf.reshape(dy, [batch, 1, units]), [[0, 0], [steps - 1, 0], [0, 0]]) : dy;
        const g = backwardPass.call(kernel, xS!, wS!, rS!, state, dH, dims);
        return [g.dx, g.dKernel, g.dRecurrentKernel, g.dBias];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(x, w, r, b) as tf.Tensor;
}

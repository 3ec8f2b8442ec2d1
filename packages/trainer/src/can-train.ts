import { tf, type LayersModel } from './tf.js';

/**
 * Whether the active backend has every kernel needed to train `model`: runs one forward and backward pass on
 * zeros shaped like one sample and discards the gradients (no weight changes). Returns the missing kernel's
 * name, or undefined when training can run. This finds gaps such as wasm's missing conv-filter gradient before
 * an epoch starts, instead of failing in the middle of one.
 */
export function missingTrainingKernel(model: LayersModel): string | undefined {
  try {
    tf.tidy(() => {
      const shape = model.inputs[0]!.shape.map((d) => d ?? 1);
      const x = tf.zeros(shape);
      const { grads } = tf.variableGrads(() => tf.mean(tf.square(model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar);
      tf.dispose(grads);
    });
    return undefined;
  } catch (e) {
    const m = /Kernel '(\w+)' not registered for backend '(\w+)'/.exec((e as Error).message);
    if (m) return m[1];
    throw e;
  }
}

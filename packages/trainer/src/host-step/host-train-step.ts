import { FusedGRU, FusedLSTM, FusedSimpleRNN, lastStep, type RecurrentDims } from '@lstmkit/models';
import type { HostAdam } from '../optimizers/host-adam.js';
import { tf, type LayersModel } from '../tf.js';
import { softmaxHeadStep } from './softmax-head.js';

// One training step of a recurrent classifier — fused recurrent layer -> Dense(softmax), categorical cross-entropy,
// accuracy, Adam — entirely on host arrays when the model's tensors live in host memory (wasm, cpu): the fused
// kernel's forward pass, the head, loss and metric with their gradients (softmax-head.ts), the kernel's backward pass
// and HostAdam's update. tfjs' trainOnBatch runs the same step as ~85 small kernels (tape, Dense, softmax, loss,
// metric, gradients, optimizer), each with engine overhead that dwarfs its arithmetic at these sizes: most of a
// small model's step (W4's SimpleRNN(32)) and ~6 ms of W1's. Anything else trains through trainOnBatch.

/** The parts of tfjs-layers' LayersModel and layers this reads (set by compile and build). */
interface CompiledModel {
  loss: unknown;
  metricsNames: string[];
  optimizer: unknown;
  collectedTrainableWeights: LayerVariable[];
}
interface LayerVariable {
  read(): tf.Variable;
}
interface DenseLayer {
  units: number;
  useBias: boolean;
  activation: { getClassName(): string };
  kernel: LayerVariable;
  bias?: LayerVariable;
}
type Recurrent = InstanceType<typeof FusedLSTM> & { cell: { kernel: LayerVariable; recurrentKernel: LayerVariable; bias?: LayerVariable } };

const CELLS = [
  [FusedLSTM, 'lstm'],
  [FusedGRU, 'gru'],
  [FusedSimpleRNN, 'rnn'],
] as const;

/** Trains one batch: x [B, T, D] and one-hot y [B, O]; returns [loss, accuracy] as trainOnBatch does. */
export type HostTrainStep = (x: Float32Array, y: Float32Array, batch: number) => [number, number];

/** Properties of a layer (or its cell) that would add to the loss or change the update: none may be set. */
const EXTRAS = ['kernelRegularizer', 'recurrentRegularizer', 'biasRegularizer', 'activityRegularizer', 'kernelConstraint', 'recurrentConstraint', 'biasConstraint'];
const hasExtras = (o: object) => EXTRAS.find((k) => (o as Record<string, unknown>)[k] != null);

/**
 * The host training step for `model` on the active backend, or why it trains through tfjs' trainOnBatch instead.
 * Decided per fit: the model's layers, loss, metric and optimizer, and the fused kernel for the backend.
 */
export function hostTrainStep(model: LayersModel): { step: HostTrainStep } | { reason: string } {
  const backend = tf.getBackend();
  if (backend !== 'wasm' && backend !== 'cpu') return { reason: `the ${backend} backend's tensors are not in host memory` };
  const m = model as unknown as CompiledModel;
  // (Not instanceof: tfjs' Optimizer answers instanceof for any object with its three methods.)
  const optimizer = m.optimizer as HostAdam;
  if (typeof optimizer.applyHostGradients !== 'function') return { reason: 'the optimizer is not lstmkit\'s Adam' };
  if (m.loss !== 'categoricalCrossentropy' || m.metricsNames.join() !== 'loss,acc') return { reason: 'the loss and metric are not categorical cross-entropy and accuracy' };
  const [first, head, ...rest] = model.layers;
  const cell = CELLS.find(([Layer]) => first instanceof Layer)?.[1];
  if (!cell || !head || rest.length > 0 || head.getClassName() !== 'Dense') return { reason: 'the model is not one recurrent layer and a Dense head' };
  const rnn = first as Recurrent, dense = head as unknown as DenseLayer;
  if (rnn.returnSequences || rnn.goBackwards) return { reason: 'the recurrent layer returns sequences or goes backwards' };
  if (dense.activation.getClassName() !== 'softmax') return { reason: 'the head is not softmax' };
  const extra = hasExtras(rnn) ?? hasExtras(rnn.cell) ?? hasExtras(dense);
  if (extra) return { reason: `a layer has a ${extra}` };
  const plan = rnn.fusedPlan({ training: true });
  if (!('kernel' in plan)) return { reason: plan.reason };
  if (plan.kernel.memory === 'tensors') return { reason: `the fused kernel ${plan.kernel.name} works on the backend's tensors` };
  const kernel = plan.kernel;
  const [forwardPass, backwardPass] = cell === 'lstm' ? [kernel.lstmForward, kernel.lstmBackward] : cell === 'gru' ? [kernel.gruForward!, kernel.gruBackward!] : [kernel.rnnForward!, kernel.rnnBackward!];
  const c = rnn.cell;
  const [, steps, features] = model.inputs[0]!.shape;
  if (!steps || !features) return { reason: 'the model\'s input has no fixed number of steps and features' };
  const units = c.units;
  const outputs = dense.units;
  const activation = c.activation.getClassName() as 'tanh' | 'relu';
  const columns = { lstm: 4, gru: 3, rnn: 1 }[cell] * units;
  // The weights trained, in the order tfjs hands their gradients to the optimizer (so Adam's moments line up
  // whichever path runs a step); frozen ones are read but not updated.
  const mine = [c.kernel, c.recurrentKernel, c.bias, dense.kernel, dense.bias];
  // (A Sequential model delegates training to the functional model inside it, which holds this list.)
  const trained = ((model as unknown as { model?: CompiledModel }).model ?? m).collectedTrainableWeights;
  if (trained.some((w) => !mine.includes(w))) return { reason: 'the model trains weights outside the two layers' };
  const read = (w: LayerVariable | undefined, size: number) => (w ? (w.read().dataSync() as Float32Array) : new Float32Array(size));

  // dH for the backward pass: zero but at the last step, which each step overwrites (one array per batch size
  // rather than 1.8 MB of fresh zeros per W1 step for the garbage collector).
  const dHs = new Map<number, Float32Array>();
  const step: HostTrainStep = (x, y, batch) => {
    const dims: RecurrentDims = { batch, steps, features, units, activation };
    const W = read(c.kernel, 0), R = read(c.recurrentKernel, 0), b = read(c.useBias ? c.bias : undefined, columns);
    const forward = forwardPass.call(kernel, x, W, R, b, dims);
    const last = lastStep(forward.h, batch, steps, units);
    const h = softmaxHeadStep(last, read(dense.kernel, 0), read(dense.useBias ? dense.bias : undefined, outputs), y, batch, units, outputs, kernel.sgemm);
    // The recurrent layer is the first: nothing wants the gradient with respect to x.
    let dH = dHs.get(batch);
    if (!dH) dHs.set(batch, (dH = new Float32Array(batch * steps * units)));
    for (let i = 0; i < batch; i++) dH.set(h.dInput.subarray(i * units, (i + 1) * units), ((i + 1) * steps - 1) * units);
    const g = backwardPass.call(kernel, x, W, R, forward, dH, { ...dims, inputGradient: false });
    const gradients = new Map<LayerVariable | undefined, Float32Array>([
      [c.kernel, g.dKernel],
      [c.recurrentKernel, g.dRecurrentKernel],
      [c.bias, g.dBias],
      [dense.kernel, h.dKernel],
      [dense.bias, h.dBias],
    ]);
    optimizer.applyHostGradients(trained.map((w) => [w.read().name, gradients.get(w)!] as const));
    return [h.loss, h.accuracy];
  };
  return { step };
}

import { FusedGRU, FusedLSTM, FusedSimpleRNN, lastStep, type RecurrentDims, type Sgemm } from '@lstmkit/models';
import type { HostAdam } from '../optimizers/host-adam.js';
import { tf, type LayersModel } from '../tf.js';
import { softmaxHeadStep } from './softmax-head.js';

// One training step of a recurrent classifier — fused recurrent layers (a stack, or a bidirectional pair merged by
// concatenation) -> Dense(softmax), categorical cross-entropy,
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
/** tfjs-layers' Bidirectional wrapper (its two layers are private there, public in JavaScript). */
interface BidirectionalLayer {
  mergeMode: string;
  returnSequences: boolean;
  forwardLayer: Recurrent;
  backwardLayer: Recurrent;
}

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

/** A weight's values on the host, or `size` zeros for a weight the layer does not have (no bias). */
const read = (w: LayerVariable | undefined, size: number) => (w ? (w.read().dataSync() as Float32Array) : new Float32Array(size));

/** A recurrent layer's part of a host step: its output, and the way back to its weights' gradients. */
interface BodyStep {
  /** [B, width] at the last step, or [B, T, width] for a layer that returns sequences */
  readonly output: Float32Array;
  /**
   * The gradients of its weights (added to `into`) given the loss's gradient w.r.t. its output; and with
   * `wantInput` the gradient w.r.t. its input (the layer below's output).
   */
  backward(dOutput: Float32Array, into: Map<LayerVariable, Float32Array>, wantInput: boolean): Float32Array | undefined;
}
/** A recurrent layer (a stack of them, or a bidirectional pair) run by the fused kernel on host arrays. */
interface Body {
  readonly width: number;
  readonly weights: LayerVariable[];
  readonly sgemm?: Sgemm;
  step(x: Float32Array, batch: number): BodyStep;
}

/** One fused layer, forwards or (goBackwards) backwards in time, reading `features` per step; or why not. */
function layerBody(layer: Recurrent, steps: number, features: number): Body | { reason: string } {
  const cell = CELLS.find(([Layer]) => layer instanceof Layer)?.[1];
  if (!cell) return { reason: 'the model is not a stack of fused recurrent layers and a Dense head' };
  if (layer.returnSequences && layer.goBackwards) return { reason: 'a layer that goes backwards returns sequences' };
  const extra = hasExtras(layer) ?? hasExtras(layer.cell);
  if (extra) return { reason: `a layer has a ${extra}` };
  const plan = layer.fusedPlan({ training: true });
  if (!('kernel' in plan)) return { reason: plan.reason };
  if (plan.kernel.memory === 'tensors') return { reason: `the fused kernel ${plan.kernel.name} works on the backend's tensors` };
  const kernel = plan.kernel;
  const [forwardPass, backwardPass] = cell === 'lstm' ? [kernel.lstmForward, kernel.lstmBackward] : cell === 'gru' ? [kernel.gruForward!, kernel.gruBackward!] : [kernel.rnnForward!, kernel.rnnBackward!];
  const c = layer.cell;
  const units = c.units;
  const activation = c.activation.getClassName() as 'tanh' | 'relu';
  const columns = { lstm: 4, gru: 3, rnn: 1 }[cell] * units;
  // dH for a layer that returns its last step: zero but at that step, which each step overwrites (one array per
  // batch size rather than 1.8 MB of fresh zeros per W1 step for the garbage collector).
  const dHs = new Map<number, Float32Array>();
  const reversed = new Map<number, Float32Array>();
  return {
    width: units,
    weights: [c.kernel, c.recurrentKernel, c.bias].filter((w): w is LayerVariable => w !== undefined),
    sgemm: kernel.sgemm,
    step(input, batch) {
      // goBackwards: the steps in reverse order (tfjs reverses the input; the output is the last step processed).
      const x = layer.goBackwards ? reverseSteps(input, batch, steps, features, reversed) : input;
      const dims: RecurrentDims = { batch, steps, features, units, activation };
      const W = read(c.kernel, 0), R = read(c.recurrentKernel, 0), b = read(c.useBias ? c.bias : undefined, columns);
      const forward = forwardPass.call(kernel, x, W, R, b, dims);
      return {
        output: layer.returnSequences ? forward.h : lastStep(forward.h, batch, steps, units),
        backward(dOutput, into, wantInput) {
          let dH = dOutput;
          if (!layer.returnSequences) {
            dH = dHs.get(batch) ?? new Float32Array(batch * steps * units);
            dHs.set(batch, dH);
            for (let i = 0; i < batch; i++) dH.set(dOutput.subarray(i * units, (i + 1) * units), ((i + 1) * steps - 1) * units);
          }
          // wantInput is false for a first layer, which reads the model's input: the kernel then skips dx.
          const g = backwardPass.call(kernel, x, W, R, forward, dH, { ...dims, inputGradient: wantInput });
          into.set(c.kernel, g.dKernel).set(c.recurrentKernel, g.dRecurrentKernel);
          if (c.bias) into.set(c.bias, g.dBias);
          return wantInput ? g.dx : undefined;
        },
      };
    },
  };
}

/** Fused layers one on another, each but the last returning its whole sequence to the next. */
function stackBody(layers: Recurrent[], steps: number, features: number): Body | { reason: string } {
  const bodies: Body[] = [];
  for (const [i, layer] of layers.entries()) {
    if (!CELLS.some(([Layer]) => layer instanceof Layer)) return { reason: 'the model is not a stack of fused recurrent layers and a Dense head' };
    if (layer.returnSequences !== i < layers.length - 1) return { reason: i < layers.length - 1 ? 'a recurrent layer below the last does not return sequences' : 'the last recurrent layer returns sequences' };
    const body = layerBody(layer, steps, i === 0 ? features : bodies[i - 1]!.width);
    if ('reason' in body) return body;
    bodies.push(body);
  }
  if (bodies.length === 1) return bodies[0]!;
  return {
    width: bodies.at(-1)!.width,
    weights: bodies.flatMap((b) => b.weights),
    sgemm: bodies[0]!.sgemm,
    step(x, batch) {
      const passes: BodyStep[] = [];
      for (const body of bodies) passes.push(body.step(passes.at(-1)?.output ?? x, batch));
      return {
        output: passes.at(-1)!.output,
        backward(dOutput, into, wantInput) {
          let d: Float32Array | undefined = dOutput;
          for (let i = passes.length - 1; i >= 0; i--) d = passes[i]!.backward(d!, into, i > 0 || wantInput);
          return d;
        },
      };
    },
  };
}

/** x [B, T, D] with its steps in reverse order, into a buffer kept per batch size. */
function reverseSteps(x: Float32Array, batch: number, steps: number, features: number, buffers: Map<number, Float32Array>): Float32Array {
  let out = buffers.get(batch);
  if (!out) buffers.set(batch, (out = new Float32Array(batch * steps * features)));
  for (let i = 0; i < batch; i++)
    for (let t = 0; t < steps; t++) out.set(x.subarray((i * steps + t) * features, (i * steps + t + 1) * features), (i * steps + steps - 1 - t) * features);
  return out;
}

/** A Bidirectional wrapper of two fused layers, merged by concatenation: [forward output, backward output]. */
function bidirectionalBody(layer: BidirectionalLayer, steps: number, features: number): Body | { reason: string } {
  if (layer.mergeMode !== 'concat') return { reason: `the bidirectional layer merges by ${layer.mergeMode}, not concat` };
  if (layer.returnSequences) return { reason: 'the bidirectional layer returns sequences' };
  const extra = hasExtras(layer);
  if (extra) return { reason: `a layer has a ${extra}` };
  const forward = layerBody(layer.forwardLayer, steps, features);
  const backward = layerBody(layer.backwardLayer, steps, features);
  if ('reason' in forward) return forward;
  if ('reason' in backward) return backward;
  const U1 = forward.width, U2 = backward.width, width = U1 + U2;
  return {
    width,
    weights: [...forward.weights, ...backward.weights],
    sgemm: forward.sgemm,
    step(x, batch) {
      const a = forward.step(x, batch), b = backward.step(x, batch);
      const output = new Float32Array(batch * width);
      for (let i = 0; i < batch; i++) {
        output.set(a.output.subarray(i * U1, (i + 1) * U1), i * width);
        output.set(b.output.subarray(i * U2, (i + 1) * U2), i * width + U1);
      }
      return {
        output,
        backward(dOutput, into) {
          const dA = new Float32Array(batch * U1), dB = new Float32Array(batch * U2);
          for (let i = 0; i < batch; i++) {
            dA.set(dOutput.subarray(i * width, i * width + U1), i * U1);
            dB.set(dOutput.subarray(i * width + U1, (i + 1) * width), i * U2);
          }
          a.backward(dA, into, false);
          b.backward(dB, into, false);
          return undefined;
        },
      };
    },
  };
}

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
  const recurrent = model.layers.slice(0, -1), head = model.layers.at(-1);
  if (recurrent.length === 0 || !head || head.getClassName() !== 'Dense') return { reason: 'the model is not a stack of fused recurrent layers and a Dense head' };
  const dense = head as unknown as DenseLayer;
  if (dense.activation.getClassName() !== 'softmax') return { reason: 'the head is not softmax' };
  const extra = hasExtras(dense);
  if (extra) return { reason: `a layer has a ${extra}` };
  const [, steps, features] = model.inputs[0]!.shape;
  if (!steps || !features) return { reason: 'the model\'s input has no fixed number of steps and features' };
  const body =
    recurrent.length === 1 && recurrent[0]!.getClassName() === 'Bidirectional'
      ? bidirectionalBody(recurrent[0] as unknown as BidirectionalLayer, steps, features)
      : stackBody(recurrent as unknown as Recurrent[], steps, features);
  if ('reason' in body) return body;
  const outputs = dense.units;
  // The weights trained, in the order tfjs hands their gradients to the optimizer (so Adam's moments line up
  // whichever path runs a step); frozen ones are read but not updated.
  const mine = [...body.weights, dense.kernel, dense.bias];
  // (A Sequential model delegates training to the functional model inside it, which holds this list.)
  const trained = ((model as unknown as { model?: CompiledModel }).model ?? m).collectedTrainableWeights;
  if (trained.some((w) => !mine.includes(w))) return { reason: 'the model trains weights outside its recurrent layers and head' };

  const step: HostTrainStep = (x, y, batch) => {
    const forward = body.step(x, batch);
    const h = softmaxHeadStep(forward.output, read(dense.kernel, 0), read(dense.useBias ? dense.bias : undefined, outputs), y, batch, body.width, outputs, body.sgemm);
    const gradients = new Map<LayerVariable | undefined, Float32Array>();
    forward.backward(h.dInput, gradients as Map<LayerVariable, Float32Array>, false);
    gradients.set(dense.kernel, h.dKernel);
    if (dense.bias) gradients.set(dense.bias, h.dBias);
    optimizer.applyHostGradients(trained.map((w) => [w.read().name, gradients.get(w)!] as const));
    return [h.loss, h.accuracy];
  };
  return { step };
}

import { registerRecurrentKernel, type CellKind, type RecurrentDims, type LstmForwardState, type SequenceBackward, type SequenceForward } from '@lstmkit/models';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { tf } from '../tf.js';
import { ColumnSumsProgram } from './wgsl/column-sums.js';
import { gruBackward, gruForward, gruRecurrentGradient } from './wgsl/gru.js';
import { lstmBackward, lstmForward } from './wgsl/lstm.js';
import type { Activation, Limits, ProgramDims, SequenceProgram } from './wgsl/sequence-program.js';
import { rnnBackward, rnnForward } from './wgsl/simple-rnn.js';

// The fused LSTM, GRU and SimpleRNN on tfjs' webgpu backend, as WGSL compute shaders registered as tfjs kernels:
// per layer, the input projection of every step is one matrix product, the whole recurrence one dispatch (gates
// computed in place, no per-gate tensors), and the backward pass one dispatch through time plus a few products
// for the weight gradients — about fifteen dispatches per training step where tfjs-layers' cells issue dozens per step.
// The tensors never leave the GPU. Registered with @lstmkit/models as a kernel on tensors, so FusedLSTM/GRU/
// SimpleRNN use it on webgpu with the same weights as the native kernels on wasm/cpu.

/** Shown to users by `fusedRecurrentReport`, `lstmkit backends` and `lstmkit train`. */
export const WGSL_KERNEL_NAME = 'WGSL compute shaders (webgpu)';
/** Why this implementation on webgpu: the native addon and its WebAssembly build would read the tensors back to the CPU. */
export const WGSL_KERNEL_NOTE = 'the tensors live on the GPU: the kernels run there as WGSL, never read back to the host (the native and WebAssembly kernels serve wasm and cpu)';

type Cell = CellKind;
type ProgramFor = (dims: ProgramDims) => SequenceProgram;

interface WgslCell {
  readonly gates: number;
  readonly forward: ProgramFor;
  readonly backward: ProgramFor;
  /** The recurrent kernel's gradient from the forward state and every step's gate gradients [B*T, gates*U]. */
  readonly recurrentGradient: (state: tf.Tensor3D, dG: tf.Tensor2D, units: number) => tf.Tensor2D;
}

/** The sum over steps of h_{t-1}^T dG_t as one product over every step (h is the first U of each state slot). */
function previousHTimesGradient(state: tf.Tensor3D, dG: tf.Tensor2D, units: number): tf.Tensor2D {
  const [batch, slots] = state.shape;
  const hPrev = tf.reshape(tf.slice(state, [0, 0, 0], [batch, slots - 1, units]), [batch * (slots - 1), units]);
  return tf.matMul(hPrev, dG, true, false);
}

const CELLS: Record<Cell, WgslCell> = {
  lstm: { gates: 4, forward: lstmForward, backward: lstmBackward, recurrentGradient: previousHTimesGradient },
  gru: { gates: 3, forward: gruForward, backward: gruBackward, recurrentGradient: gruRecurrentGradient },
  rnn: { gates: 1, forward: rnnForward, backward: rnnBackward, recurrentGradient: previousHTimesGradient },
};

/** tfjs kernel names (registered for the webgpu backend only). */
const FORWARD = 'LstmkitRecurrentForward';
const BACKWARD = 'LstmkitRecurrentBackward';
const COLUMN_SUMS = 'LstmkitColumnSums';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

let caps: Partial<Limits> = {};

/**
 * Caps what the programs use of the device (default: what it allows), so that tests run the paths of layers wider
 * than a workgroup (several units per lane; rows read back from the output buffer) on small shapes.
 */
export function capWgslLimits(limits: Partial<Limits> = {}): void {
  caps = limits;
}

/** The device's limits (WebGPU guarantees 256 invocations and 16 KiB of workgroup memory), under the caps. */
function limitsOf(backend: WebGPUBackend): Limits {
  const device = backend.device.limits;
  return {
    lanes: Math.min(caps.lanes ?? Infinity, device.maxComputeInvocationsPerWorkgroup ?? 256, device.maxComputeWorkgroupSizeX ?? 256),
    workgroupFloats: Math.min(caps.workgroupFloats ?? Infinity, Math.floor((device.maxComputeWorkgroupStorageSize ?? 16384) / 4)),
  };
}

function runSequenceProgram(inputs: tf.TensorInfo[], backend: WebGPUBackend, attrs: tf.NamedAttrMap | undefined, direction: 'forward' | 'backward'): tf.TensorInfo {
  const { cell, activation, units } = attrs as { cell: Cell; activation: Activation; units: number };
  const [batch, steps] = inputs[0]!.shape as [number, number];
  const program = CELLS[cell][direction]({ batch, steps, units, activation, limits: limitsOf(backend) });
  return backend.runWebGPUProgram(program, inputs, 'float32');
}

function forwardKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  return runSequenceProgram([inputs.projected!, inputs.recurrent!], backend as WebGPUBackend, attrs, 'forward');
}

function backwardKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  return runSequenceProgram([inputs.dh!, inputs.recurrentT!, inputs.state!], backend as WebGPUBackend, attrs, 'backward');
}

function columnSumsKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const matrix = inputs.matrix!;
  return (backend as WebGPUBackend).runWebGPUProgram(new ColumnSumsProgram(matrix.shape[1]!), [matrix], 'float32');
}

/** What the forward pass keeps: h [B, T, U] and the state slots [B, T + 1, S] the backward pass reads. */
interface ForwardState extends LstmForwardState<tf.Tensor> {
  readonly state: tf.Tensor3D;
}

function forward(cell: Cell): SequenceForward<tf.Tensor> {
  return (x, kernel, recurrentKernel, bias, dims: RecurrentDims): ForwardState => {
    const { batch, steps, features, units } = dims;
    const projected = tf.reshape(tf.fused.matMul({ a: tf.reshape(x, [batch * steps, features]), b: kernel, bias }), [batch, steps, CELLS[cell].gates * units]);
    const attrs = { cell, activation: dims.activation ?? 'tanh', units };
    const state = tf.engine().runKernel(FORWARD, { projected, recurrent: recurrentKernel }, attrs) as tf.Tensor3D;
    return { h: tf.slice(state, [0, 1, 0], [batch, steps, units]), state };
  };
}

function backward(cell: Cell): SequenceBackward<tf.Tensor> {
  return (x, kernel, recurrentKernel, forwardState, dH, dims) => {
    const { batch, steps, features, units } = dims;
    const { state } = forwardState as ForwardState;
    const attrs = { cell, activation: dims.activation ?? 'tanh', units };
    const columns = CELLS[cell].gates * units;
    const dGates = tf.engine().runKernel(BACKWARD, { dh: dH, recurrentT: tf.transpose(recurrentKernel), state }, attrs) as tf.Tensor;
    const dG = tf.reshape(dGates, [batch * steps, columns]) as tf.Tensor2D;
    return {
      dx: tf.reshape(tf.matMul(dG, kernel, false, true), [batch, steps, features]),
      dKernel: tf.matMul(tf.reshape(x, [batch * steps, features]), dG, true, false),
      dRecurrentKernel: CELLS[cell].recurrentGradient(state, dG, units),
      dBias: tf.engine().runKernel(COLUMN_SUMS, { matrix: dG }) as tf.Tensor1D,
    };
  };
}

let installed = false;

/**
 * Registers the WGSL kernels with tfjs (for the webgpu backend) and with @lstmkit/models (FusedLSTM, FusedGRU and
 * FusedSimpleRNN use them on webgpu tensors), once. Needs nothing at import time: the programs only run on a live
 * webgpu backend.
 */
export function installWgslRecurrent(): void {
  if (installed) return;
  installed = true;
  tf.registerKernel({ kernelName: FORWARD, backendName: 'webgpu', kernelFunc: forwardKernel as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: BACKWARD, backendName: 'webgpu', kernelFunc: backwardKernel as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: COLUMN_SUMS, backendName: 'webgpu', kernelFunc: columnSumsKernel as unknown as tf.KernelFunc });
  registerRecurrentKernel({
    name: WGSL_KERNEL_NAME,
    note: WGSL_KERNEL_NOTE,
    backends: ['webgpu'],
    memory: 'tensors',
    lstmForward: forward('lstm'),
    lstmBackward: backward('lstm'),
    gruForward: forward('gru'),
    gruBackward: backward('gru'),
    rnnForward: forward('rnn'),
    rnnBackward: backward('rnn'),
  });
}

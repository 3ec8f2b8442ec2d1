import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

// The WGSL programs of the fused recurrent kernels share one plan: one workgroup per sequence (batch row) walks
// every step of it in a loop, its lanes sharing the units, with a barrier between steps. Each step needs all of the
// previous step's h, so the units of one row are all the parallel work a step has (a dispatch per step would
// parallelise nothing more); the loop makes a whole layer one dispatch per direction instead of one or more per step.

export type Activation = 'tanh' | 'relu';

/** What a program may use of the device: invocations per workgroup (WebGPU guarantees 256) and workgroup-memory floats. */
export interface Limits {
  readonly lanes: number;
  readonly workgroupFloats: number;
}

/** A tfjs webgpu program whose WGSL is written out by the cell (`body`); tfjs adds the bindings and uniforms. */
export class SequenceProgram implements WebGPUProgram {
  readonly outputShape: number[];
  readonly shaderKey: string;
  readonly variableNames: string[];
  readonly dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number];
  private readonly code: string;

  /** `key` names everything compiled into `body` (tfjs caches pipelines by it, adding only ranks and dtypes). */
  constructor(key: string, inputs: string[], outputShape: number[], lanes: number, code: string) {
    this.shaderKey = key;
    this.variableNames = inputs;
    this.outputShape = outputShape;
    this.workgroupSize = [lanes, 1, 1];
    this.dispatch = [outputShape[0]!, 1, 1];
    this.code = code;
  }

  getUserCode(): string {
    return this.code;
  }
}

/** Lanes (invocations) of a row's workgroup for `units`: a power of two up to the limit, each lane taking every LANES-th unit. */
export function lanesFor(units: number, limits: Limits): number {
  let lanes = 1;
  while (lanes < units && lanes * 2 <= limits.lanes) lanes *= 2;
  return lanes;
}

/**
 * The constants, activations and the row/lane prelude every program starts with. `row` is the workgroup's
 * sequence (tfjs may fold a large dispatch into 2-D/3-D); `valid` is false for padding workgroups, which still
 * take part in every barrier (barriers must be reached by the whole workgroup).
 */
export function header(units: number, lanes: number, activation: Activation): string {
  return `
    const UNITS = ${units};
    const LANES = ${lanes};
    const PER = ${Math.ceil(units / lanes)};

    fn sigmoid_(x: f32) -> f32 {
      return 1.0 / (1.0 + exp(-clamp(x, -88.0, 88.0)));
    }
    // tfjs' own WGSL tanh (the builtin overflows to NaN on some drivers for large |x|).
    fn act(x: f32) -> f32 {
      ${activation === 'relu' ? 'return max(x, 0.0);' : 'let e = exp(-2.0 * abs(x));\n      return sign(x) * (1.0 - e) / (1.0 + e);'}
    }
    // The activation's derivative from its output y = act(x), as tfjs' gradients compute it.
    fn actGrad(y: f32) -> f32 {
      ${activation === 'relu' ? 'return select(0.0, 1.0, y > 0.0);' : 'return 1.0 - y * y;'}
    }
  `;
}

export const ROW_PRELUDE = `
      let row = i32(workgroupId.x + workgroupId.y * numWorkgroups.x + workgroupId.z * numWorkgroups.x * numWorkgroups.y);
      let lane = i32(localIndex);
      let valid = row < uniforms.outShape.x;
`;

/**
 * A row every lane of a workgroup reads in full at each step (the previous h, the next step's gate gradients):
 * copied to workgroup memory when it fits there (`floats` <= what the device gives a workgroup), otherwise read
 * back from the output buffer, where the workgroup has just written it (a storage barrier orders the two).
 */
export interface SharedRow {
  /** Module-scope declaration (empty when read from the output). */
  readonly declare: string;
  /** WGSL expression of element `m` of the row that starts at output index `start`. */
  read(start: string, m: string): string;
  /** WGSL statement that publishes element `j` (nothing when read from the output). */
  write(j: string, value: string): string;
}

/** Rows of `floats` in workgroup memory when `fits`, else read from `result`; and the barrier that matches. */
export function sharedRows(fits: boolean, rows: Record<string, number>): { rows: Record<string, SharedRow>; barrier: string } {
  const out: Record<string, SharedRow> = {};
  for (const [name, floats] of Object.entries(rows)) {
    out[name] = fits
      ? { declare: `var<workgroup> ${name}: array<f32, ${floats}>;`, read: (_, m) => `${name}[${m}]`, write: (j, v) => `${name}[${j}] = ${v};` }
      : { declare: '', read: (start, m) => `result[${start} + ${m}]`, write: () => '' };
  }
  return { rows: out, barrier: fits ? 'workgroupBarrier();' : 'storageBarrier();' };
}

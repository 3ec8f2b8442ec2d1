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

/** A tfjs webgpu program whose WGSL the cell writes (see `sequenceProgram`); tfjs adds the bindings and uniforms. */
export class SequenceProgram implements WebGPUProgram {
  readonly outputShape: number[];
  readonly shaderKey: string;
  readonly variableNames: string[];
  readonly dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number];
  private readonly code: string;

  /** `key` names everything compiled into `code` (tfjs caches pipelines by it, adding only ranks and dtypes). */
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
function lanesFor(units: number, limits: Limits): number {
  let lanes = 1;
  while (lanes < units && lanes * 2 <= limits.lanes) lanes *= 2;
  return lanes;
}

/** The constants and activations every program starts with. */
function header(units: number, lanes: number, activation: Activation): string {
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

/**
 * A row every lane of a workgroup reads in full at each step (the previous h, the next step's gate gradients):
 * copied to workgroup memory when the program's rows fit there, otherwise read back from the output buffer, where
 * the workgroup has just written it (a storage barrier orders the two).
 */
export interface SharedRow {
  /** WGSL expression of element `m` of the row that starts at output index `start`. */
  read(start: string, m: string): string;
  /** WGSL statement that publishes element `j` (nothing when read from the output). */
  write(j: string, value: string): string;
}

/** What the body of a program gets: its shared rows, the barrier that orders them, and loop helpers. */
export interface Body {
  readonly rows: Record<string, SharedRow>;
  readonly barrier: string;
  /** `statements` for each unit `j` of this lane, in a valid row. */
  eachUnit(statements: string): string;
  /** `statements` (writes to the shared rows) for each unit of this lane, then a barrier; nothing when the rows are read from the output. */
  publish(statements: string): string;
}

/** What one call computes: its sizes, the layer's activation, and what the device allows. */
export interface ProgramDims {
  readonly batch: number;
  readonly steps: number;
  readonly units: number;
  readonly activation: Activation;
  readonly limits: Limits;
}

export interface ProgramSpec {
  /** Names the program in tfjs' pipeline cache, with everything else compiled into it. */
  readonly name: string;
  /**
   * forward: inputs `projected` [B, T, gates*U] and `recurrent` [U, gates*U], output the state [B, T + 1, width];
   * backward: inputs `dh` [B, T, U], `recurrentT` [gates*U, U] and `state`, output the gate gradients [B, T, width].
   */
  readonly direction: 'forward' | 'backward';
  /** Floats per step of the output. */
  readonly width: number;
  /** Floats of each shared row. */
  readonly rows: Record<string, number>;
  /** Module-scope WGSL constants the body uses. */
  readonly constants: string;
  /** main's statements after the prelude (`row`, `lane`, `valid`, and `T`, the number of steps). */
  body(b: Body): string;
}

/**
 * A program from its body: adds the constants, the shared rows and main with its prelude. `row` is the
 * workgroup's sequence (tfjs may fold a large dispatch into 2-D/3-D); `valid` is false for padding workgroups,
 * which still take part in every barrier (barriers must be reached by the whole workgroup).
 */
export function sequenceProgram({ batch, steps, units, activation, limits }: ProgramDims, spec: ProgramSpec): SequenceProgram {
  const lanes = lanesFor(units, limits);
  const fits = Object.values(spec.rows).reduce((a, b) => a + b, 0) <= limits.workgroupFloats;
  const forward = spec.direction === 'forward';
  const rows: Record<string, SharedRow> = {};
  for (const name of Object.keys(spec.rows)) {
    rows[name] = fits
      ? { read: (_, m) => `${name}[${m}]`, write: (j, v) => `${name}[${j}] = ${v};` }
      : { read: (start, m) => `result[${start} + ${m}]`, write: () => '' };
  }
  const barrier = fits ? 'workgroupBarrier();' : 'storageBarrier();';
  const forEachUnit = (guard: string, statements: string) => `
        for (var k = 0; k < PER; k++) {
          let j = lane + k * LANES;
          if (${guard}j < UNITS) {
            ${statements}
          }
        }`;
  const body: Body = {
    rows,
    barrier,
    eachUnit: (statements) => forEachUnit('valid && ', statements),
    publish: (statements) => (fits ? `${forEachUnit('', statements)}\n        ${barrier}` : ''),
  };
  const code = `
    ${header(units, lanes, activation)}
    ${spec.constants}
    ${fits ? Object.entries(spec.rows).map(([name, floats]) => `var<workgroup> ${name}: array<f32, ${floats}>;`).join('\n') : ''}

    fn main(index: i32) {
      let row = i32(workgroupId.x + workgroupId.y * numWorkgroups.x + workgroupId.z * numWorkgroups.x * numWorkgroups.y);
      let lane = i32(localIndex);
      let valid = row < uniforms.outShape.x;
      let T = ${forward ? 'uniforms.projectedShape.y' : 'uniforms.dhShape.y'};
      ${spec.body(body)}
    }
  `;
  const inputs = forward ? ['projected', 'recurrent'] : ['dh', 'recurrentT', 'state'];
  const outputShape = [batch, forward ? steps + 1 : steps, spec.width];
  return new SequenceProgram(`lstmkit${spec.name}_${units}_${activation}_${lanes}_${fits}`, inputs, outputShape, lanes, code);
}

/** Zeroes slot 0 of the state (the initial state: `blocks` blocks of UNITS floats, S per slot) and `shared`'s copy of it. */
export function zeroInitialState(b: Body, blocks: number, shared: SharedRow): string {
  return `${b.eachUnit(`for (var q = 0; q < ${blocks}; q++) { result[row * (T + 1) * S + q * UNITS + j] = 0.0; }`)}
      ${b.publish(shared.write('j', '0.0')) || b.barrier}`;
}

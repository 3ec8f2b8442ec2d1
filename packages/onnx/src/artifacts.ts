import type { io } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { OnnxExportError } from './errors.js';

/** One layer of a tfjs/Keras Sequential topology, as saved in model.json (Keras' snake_case config). */
export interface LayerJson {
  readonly class_name: string;
  readonly config: Record<string, any> & { name: string };
}

/** A weight tensor read from the artifacts (float32). */
export interface Weight {
  /** The weight's name split at '/', without the layer name: ["kernel"], ["forward_lstm", "kernel"]. */
  readonly path: readonly string[];
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * The weights of one layer, found by the last part of their names (tfjs writes "lstm/kernel"; models converted from
 * Keras may say "lstm/lstm_cell/kernel"), so a converter asks for "kernel" or "recurrent_kernel".
 */
export class LayerWeights {
  constructor(
    readonly layer: string,
    private readonly weights: readonly Weight[],
  ) {}

  /** The weight whose name ends in `kind`; `undefined` if the layer has none (e.g. no bias). */
  find(kind: string): Weight | undefined {
    const found = this.weights.filter((w) => w.path.at(-1) === kind);
    if (found.length > 1) throw new OnnxExportError(this.layer, `${found.length} weights named "${kind}" (${found.map((w) => w.path.join('/')).join(', ')})`);
    return found[0];
  }

  /** Like `find`, for a weight the layer must have. */
  get(kind: string, shape?: readonly number[]): Weight {
    const w = this.find(kind);
    if (!w) throw new OnnxExportError(this.layer, `no "${kind}" weight among ${this.weights.map((x) => x.path.join('/')).join(', ') || 'its weights (none)'}`);
    if (shape && (w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i]))) {
      throw new OnnxExportError(this.layer, `weight "${kind}" has shape [${w.shape}], expected [${shape}]`);
    }
    return w;
  }

  /** The weights of a wrapped layer whose names continue with a part starting `prefix` (Bidirectional's "forward_"). */
  inner(prefix: string): LayerWeights {
    return new LayerWeights(
      `${this.layer}/${prefix}`,
      this.weights.filter((w) => w.path[0]?.startsWith(prefix)).map((w) => ({ ...w, path: w.path.slice(1) })),
    );
  }
}

/** What the exporter reads: the layer list of a Sequential topology and every weight by layer. */
export interface ReadModel {
  readonly name: string;
  readonly layers: readonly LayerJson[];
  weightsOf(layer: string): LayerWeights;
}

/** The artifacts of a live model: tfjs hands them to a save handler, exactly what `model.save` would write. */
export async function artifactsOf(model: LayersModel): Promise<io.ModelArtifacts> {
  let artifacts: io.ModelArtifacts | undefined;
  await model.save({
    save: async (a: io.ModelArtifacts) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  });
  return artifacts!;
}

function concat(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array();
  if (!Array.isArray(data)) return new Uint8Array(data);
  const out = new Uint8Array(data.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out;
}

/** Reads a tfjs layers model's artifacts: the Sequential's layers, and its float32 weights grouped by layer. */
export function readArtifacts(artifacts: io.ModelArtifacts): ReadModel {
  const topology = artifacts.modelTopology as { class_name?: string; config?: { name?: string; layers?: LayerJson[] }; model_config?: unknown } | undefined;
  if (!topology || topology instanceof ArrayBuffer) throw new OnnxExportError(undefined, 'the model has no layers topology (a tfjs graph model cannot be exported; export the layers model it came from)');
  const root = (topology.model_config ?? topology) as { class_name?: string; config?: { name?: string; layers?: LayerJson[] } };
  if (root.class_name !== 'Sequential' || !Array.isArray(root.config?.layers)) {
    throw new OnnxExportError(undefined, `the model is a ${root.class_name ?? 'unknown'} graph; the exporter reads Sequential models (a stack of layers), which every lstmkit family builds`);
  }
  const bytes = concat(artifacts.weightData as ArrayBuffer | ArrayBuffer[] | undefined);
  const weights = new Map<string, Weight[]>();
  let offset = 0;
  for (const spec of artifacts.weightSpecs ?? []) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.quantization) throw new OnnxExportError(spec.name.split('/')[0], `weight "${spec.name}" is quantized (${spec.quantization.dtype}); export the float32 model`);
    if (spec.dtype !== 'float32') throw new OnnxExportError(spec.name.split('/')[0], `weight "${spec.name}" is ${spec.dtype}; the exporter reads float32 weights`);
    if (offset + 4 * size > bytes.byteLength) throw new OnnxExportError(spec.name.split('/')[0], `the weight data ends before weight "${spec.name}" (${bytes.byteLength} bytes)`);
    const data = new Float32Array(bytes.slice(offset, offset + 4 * size).buffer);
    offset += 4 * size;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!)) throw new OnnxExportError(spec.name.split('/')[0], `weight "${spec.name}" holds a non-finite value (${data[i]}) at index ${i}`);
    }
    const [layer, ...path] = spec.name.split('/');
    weights.set(layer!, [...(weights.get(layer!) ?? []), { path, shape: spec.shape, data }]);
  }
  return {
    name: root.config!.name ?? 'model',
    layers: root.config!.layers!,
    weightsOf: (layer) => new LayerWeights(layer, weights.get(layer) ?? []),
  };
}

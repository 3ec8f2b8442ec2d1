import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import type { SequenceDataset, SequenceStream } from '@lstmkit/datasets';
import { registerFusedLayers, type ModelSpec } from '@lstmkit/models';
// Inlined at build time, so that bundled apps (which have no ../package.json beside the code) know it too.
import own from '../package.json' with { type: 'json' };
import { activeBackend } from './backends/registry.js';
import { toDatasetInfo, type DatasetInfo } from './dataset-info.js';
import { fileProblem, filesOf, type ArtefactKind, type FileTable } from './artefact/kind.js';
import { recoverArtefact, writeArtefact } from './artefact/write.js';
import { ModelFileError, NonFiniteError } from './errors.js';
import { tf, type LayersModel } from './tf.js';
import { installFusedKernels } from './kernels/fused-kernels.js';

/** Everything needed to know what a saved model is and how it was made. */
export interface ModelMetadata {
  readonly format: 'lstmkit-model';
  readonly formatVersion: 1;
  readonly createdAt: string;
  readonly spec: ModelSpec;
  readonly dataset: DatasetInfo;
  readonly backend: string;
  readonly seed: number;
  readonly training?: Record<string, unknown>;
  readonly metrics?: Record<string, number | undefined>;
  readonly versions: Record<string, string>;
  /** Size and sha256 of every other file of the folder, verified on load (absent in models saved by lstmkit 0.1). */
  readonly files?: FileTable;
}

/** What `saveModel` records with a model (lstmkit.json); `format`, `createdAt`, `versions` and `files` are added. */
export interface SaveMetadata extends Omit<ModelMetadata, 'format' | 'formatVersion' | 'createdAt' | 'versions' | 'files' | 'dataset' | 'backend'> {
  /** The training data, or its record from `datasetInfo(ds)` (to say that part of it was held out). */
  readonly dataset: DatasetInfo | SequenceDataset | SequenceStream;
  /** The backend it was trained on; default the active one. */
  readonly backend?: string;
}

/** The file a saved model's topology and weight manifest are in (tfjs' layout). */
export const MODEL_FILE = 'model.json';
/** The file a saved model's weights are in (tfjs' layout). */
export const WEIGHTS_FILE = 'weights.bin';
/** The file lstmkit's record of a saved model is in: spec, dataset, backend, metrics, versions, files. */
export const METADATA_FILE = 'lstmkit.json';

/** The versions that made a model: lstmkit's trainer, tfjs-core and tfjs-layers, Node. */
export function runtimeVersions(): Record<string, string> {
  return { '@lstmkit/trainer': own.version, '@tensorflow/tfjs-core': tf.version_core, '@tensorflow/tfjs-layers': tf.version_layers, node: process.versions.node };
}

/** A model folder: lstmkit.json marks it and lists the other files with their sha256. */
export const MODEL_ARTEFACT: ArtefactKind = {
  what: 'an lstmkit model',
  marker: METADATA_FILE,
  isMarker: (json) => (json as { format?: unknown } | null)?.format === 'lstmkit-model',
  // What lstmkit 0.1 wrote into a model folder, before lstmkit.json listed the files.
  legacyFiles: /^(model\.json|weights\.bin|(training|confusion)\.(svg|png))$/,
};

/** How `saveModel` writes the folder: extra files in the same atomic step, and the name errors use. */
export interface SaveModelOptions {
  /** More files for the model folder, written in the same atomic step (e.g. charts of the run), by name. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** Names the folder in errors (e.g. "--out runs/m"); default the path. */
  readonly label?: string;
}

/** Bytes per stored value, by the dtype tfjs stores a weight as (its quantized dtype, if any). */
const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };
type WeightSpec = { name: string; shape: number[]; dtype?: string; quantization?: { dtype: string } };
const storedDtype = (s: WeightSpec): string => s.quantization?.dtype ?? s.dtype ?? 'float32';

/** The first weight value that is NaN or infinite, named, or undefined when all are finite (float32 weights; others cannot be). */
function firstNonFinite(weights: Uint8Array, specs: readonly WeightSpec[]): string | undefined {
  let offset = 0;
  for (const s of specs) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    if (storedDtype(s) === 'float32') {
      // A DataView: a file read into a Buffer need not start on a 4-byte boundary. Weights are little-endian (tfjs).
      const view = new DataView(weights.buffer, weights.byteOffset + offset, 4 * n);
      for (let i = 0; i < n; i++) {
        const v = view.getFloat32(4 * i, true);
        if (!Number.isFinite(v)) return `weight "${s.name}" holds ${v} (value ${i + 1} of ${n})`;
      }
    }
    offset += n * (BYTES_PER_VALUE[storedDtype(s)] ?? 4);
  }
  return undefined;
}

/**
 * Saves the model to `dir` in tfjs' file layout (model.json + weights.bin, loadable by tf.loadLayersModel and
 * tfjs-node's file:// handler) plus lstmkit.json, which records the sha256 of every file. Atomic (writeArtefact): a
 * crash at any moment leaves the earlier model whole; a folder lstmkit did not write is refused (OutputPathError), and
 * so is a model whose weights are not all finite (NonFiniteError).
 */
export async function saveModel(
  dir: string,
  model: LayersModel,
  record: SaveMetadata,
  options: SaveModelOptions = {},
): Promise<void> {
  const metadata = { ...record, dataset: toDatasetInfo(record.dataset), backend: record.backend ?? activeBackend() };
  let files: Record<string, string | Uint8Array> = {};
  let specs: tf.io.WeightsManifestEntry[] = [];
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData === undefined ? new Uint8Array() : new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      specs = artifacts.weightSpecs ?? [];
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: specs }],
      };
      files = { [MODEL_FILE]: JSON.stringify(modelJson), [WEIGHTS_FILE]: weights };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
  const bad = firstNonFinite(files[WEIGHTS_FILE] as Uint8Array, specs);
  if (bad) throw new NonFiniteError(options.label ?? dir, `not saved: ${bad}; a model whose weights are not all finite numbers is never saved`);
  const full: ModelMetadata = { format: 'lstmkit-model', formatVersion: 1, createdAt: new Date().toISOString(), ...metadata, versions: runtimeVersions() };
  await writeArtefact(dir, MODEL_ARTEFACT, { files: { ...options.files, ...files }, marker: full as unknown as Record<string, unknown> }, options.label);
}

async function readJson(file: string, bytes?: Uint8Array): Promise<any> {
  let text: string;
  try {
    text = bytes ? Buffer.from(bytes).toString('utf8') : await readFile(file, 'utf8');
  } catch {
    throw new ModelFileError(file, 'missing: not a saved lstmkit model directory (expected model.json, weights.bin, lstmkit.json)');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(file, `not valid JSON (${(e as Error).message})`);
  }
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) > 0;

/** The fields of lstmkit.json that loading and the CLI rely on; the first one that is wrong, named. */
function metadataProblem(m: any): string | undefined {
  if (!isObject(m)) return 'expected a JSON object';
  if (m.format !== 'lstmkit-model') return `format is ${JSON.stringify(m.format)}, expected "lstmkit-model"`;
  if (!isObject(m.spec) || typeof m.spec.family !== 'string') return '"spec" must be a model spec with a "family"';
  const d = m.dataset;
  if (!isObject(d) || typeof d.name !== 'string') return '"dataset" must be an object with a "name"';
  if (!['multiclass', 'binary', 'regression'].includes(d.task)) return `"dataset.task" is ${JSON.stringify(d.task)}, expected multiclass, binary or regression`;
  if (!isCount(d.timesteps) || !isCount(d.features)) return '"dataset.timesteps" and "dataset.features" must be positive integers';
  if (d.classNames !== undefined && (!Array.isArray(d.classNames) || !d.classNames.every((c: unknown) => typeof c === 'string'))) return '"dataset.classNames" must be a list of strings';
  if (d.preprocessing !== undefined && (!isObject(d.preprocessing) || typeof d.preprocessing.kind !== 'string')) return '"dataset.preprocessing" must be an object with a "kind"';
  if (!Number.isInteger(m.seed)) return '"seed" must be an integer';
  if (m.training !== undefined && !isObject(m.training)) return '"training" must be an object';
  return undefined;
}

type WeightGroup = { paths: string[]; weights: WeightSpec[] };

/** model.json's weight groups, checked: each names its files (inside the folder) and its weights' names, shapes and dtypes. */
function weightGroups(modelJson: any, file: string): WeightGroup[] {
  const groups = isObject(modelJson) ? modelJson.weightsManifest : undefined;
  if (!isObject(modelJson) || !isObject(modelJson.modelTopology) || !Array.isArray(groups) || !groups.every((g) => isObject(g) && Array.isArray(g.paths) && Array.isArray(g.weights))) {
    throw new ModelFileError(file, 'no modelTopology or weightsManifest: not a tfjs layers model');
  }
  for (const g of groups as WeightGroup[]) {
    for (const p of g.paths) {
      if (typeof p !== 'string' || isAbsolute(p) || normalize(p).split(/[\\/]/).includes('..')) throw new ModelFileError(file, `weight file ${JSON.stringify(p)} is not a name inside the model folder`);
    }
    g.weights.forEach((s: any, i: number) => {
      const ok = isObject(s) && typeof s.name === 'string' && Array.isArray(s.shape) && s.shape.every((d: unknown) => Number.isInteger(d) && (d as number) >= 0);
      if (!ok) throw new ModelFileError(file, `weightsManifest entry ${i + 1} must have a name and a shape of non-negative integers`);
      if (!(storedDtype(s as WeightSpec) in BYTES_PER_VALUE)) throw new ModelFileError(file, `weight "${s.name}" is stored as ${JSON.stringify(storedDtype(s as WeightSpec))}; tfjs stores ${Object.keys(BYTES_PER_VALUE).join(', ')}`);
    });
  }
  return groups;
}

/** A loaded model, its metadata, and what the caller should tell the user (e.g. a model saved without checksums). */
export interface LoadedModel {
  readonly model: LayersModel;
  readonly metadata: ModelMetadata;
  readonly warnings: string[];
}

/**
 * Loads a model saved by `saveModel`, with its metadata. The sha256 of model.json and weights.bin recorded in
 * lstmkit.json are verified, and weights that are not finite numbers are refused, each as a ModelFileError naming the
 * file. The weights are read from the files model.json's manifest names, so a folder re-saved by TensorFlow's
 * `tensorflowjs_converter` (group1-shard1of3.bin…) loads too once the original lstmkit.json is beside it (its files
 * cannot be checked against lstmkit.json, which the warnings say), and so does a model saved before lstmkit.json
 * recorded checksums. A folder whose save was killed between its two renames is put back first (recoverArtefact).
 */
export async function loadModel(dir: string): Promise<LoadedModel> {
  const metaPath = join(dir, METADATA_FILE);
  if (!existsSync(metaPath)) await recoverArtefact(dir, MODEL_ARTEFACT).catch(() => false);
  const metadata = await readJson(metaPath);
  const problem = metadataProblem(metadata);
  if (problem) throw new ModelFileError(metaPath, problem);
  const table = filesOf(metadata);
  const modelPath = join(dir, MODEL_FILE);
  const read = (file: string) =>
    readFile(file).catch(() => {
      throw new ModelFileError(file, 'missing');
    });
  const modelBytes = await read(modelPath);
  // A model.json that is not the one lstmkit saved is damage, unless another tool re-saved the folder in its own layout.
  const modelProblem = table ? fileProblem(modelBytes, table[MODEL_FILE]) : undefined;
  let groups: WeightGroup[];
  try {
    groups = weightGroups(await readJson(modelPath, modelBytes), modelPath);
  } catch (e) {
    throw modelProblem ? new ModelFileError(modelPath, modelProblem) : e;
  }
  const files = groups.flatMap((g) => g.paths.map((p) => join(dir, p)));
  const own = files.length === 1 && files[0] === join(dir, WEIGHTS_FILE);
  if (modelProblem && own) throw new ModelFileError(modelPath, modelProblem);
  const parts = await Promise.all(files.map(read));
  const weights = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const weightsPath = files.join(' + ');
  const warnings: string[] = [];
  if (!table) warnings.push(`${metaPath}: no checksums (saved by an older lstmkit), so ${MODEL_FILE} and ${WEIGHTS_FILE} cannot be verified; save the model again to add them`);
  else if (!own) warnings.push(`${modelPath}: names weight files lstmkit did not write (${groups.flatMap((g) => g.paths).join(', ')}), so they cannot be verified against ${METADATA_FILE}'s checksums`);
  else {
    const bad = fileProblem(weights, table[WEIGHTS_FILE]);
    if (bad) throw new ModelFileError(weightsPath, bad);
  }
  const specs = groups.flatMap((g) => g.weights);
  const expected = specs.reduce((sum, s) => sum + BYTES_PER_VALUE[storedDtype(s)]! * s.shape.reduce((a, b) => a * b, 1), 0);
  if (weights.byteLength !== expected) throw new ModelFileError(weightsPath, `${weights.byteLength} bytes, the manifest in model.json needs ${expected}`);
  const nonFinite = firstNonFinite(weights, specs);
  if (nonFinite) throw new ModelFileError(weightsPath, `${nonFinite}: the model is broken (a weight must be a finite number); train it again`);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  let model: LayersModel;
  try {
    registerFusedLayers(); // LSTM, GRU and SimpleRNN layers load as lstmkit's fused classes
    model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: (JSON.parse(modelBytes.toString('utf8')) as { modelTopology: object }).modelTopology, weightSpecs: specs as tf.io.WeightsManifestEntry[], weightData }));
  } catch (e) {
    throw new ModelFileError(modelPath, `tfjs cannot build this model (${(e as Error).message})`);
  }
  await installFusedKernels(); // so that model.predict() right after runs the fused kernels too
  return { model, metadata: metadata as ModelMetadata, warnings };
}

// lstmkit's model format, without a file system: what `saveModel` writes into a folder (model.json and weights.bin in
// tfjs' layout, lstmkit.json with the sha256 of each) as bytes in memory, and the checks every load runs. The Node
// folder functions (persist.ts) and the browser's in-memory files (model-files.ts) both go through here.
import type { SequenceDataset, SequenceStream } from '@lstmkit/datasets';
import { registerFusedLayers, type ModelSpec } from '@lstmkit/models';
// Inlined at build time, so that bundled apps (which have no ../package.json beside the code) know it too.
import own from '../package.json' with { type: 'json' };
import { fileEntry, fileProblem, filesOf, type FileTable } from './artefact/kind.js';
import { activeBackend } from './backends/registry.js';
import { toDatasetInfo, type DatasetInfo } from './dataset-info.js';
import { ModelFileError } from './errors.js';
import { installFusedKernels } from './kernels/fused-kernels.js';
import { tf, type LayersModel } from './tf.js';

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

/** A loaded model, its metadata, and what the caller should tell the user (e.g. a model saved without checksums). */
export interface LoadedModel {
  readonly model: LayersModel;
  readonly metadata: ModelMetadata;
  readonly warnings: string[];
}

/** The file a saved model's topology and weight manifest are in (tfjs' layout). */
export const MODEL_FILE = 'model.json';
/** The file a saved model's weights are in (tfjs' layout). */
export const WEIGHTS_FILE = 'weights.bin';
/** The file lstmkit's record of a saved model is in: spec, dataset, backend, metrics, versions, files. */
export const METADATA_FILE = 'lstmkit.json';

/** The versions that made a model: lstmkit's trainer, tfjs-core and tfjs-layers, and Node (or the browser). */
export function runtimeVersions(): Record<string, string> {
  const node = typeof process === 'undefined' ? undefined : process.versions?.node;
  const where: Record<string, string> = node ? { node } : { browser: typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent };
  return { '@lstmkit/trainer': own.version, '@tensorflow/tfjs-core': tf.version_core, '@tensorflow/tfjs-layers': tf.version_layers, ...where };
}

/** lstmkit.json's content for a model saved now, without its `files` table. */
export function fullMetadata(record: SaveMetadata): ModelMetadata {
  const metadata = { ...record, dataset: toDatasetInfo(record.dataset), backend: record.backend ?? activeBackend() };
  return { format: 'lstmkit-model', formatVersion: 1, createdAt: new Date().toISOString(), ...metadata, versions: runtimeVersions() };
}

/** Bytes per stored value, by the dtype tfjs stores a weight as (its quantized dtype, if any). */
const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };
type WeightSpec = { name: string; shape: number[]; dtype?: string; quantization?: { dtype: string } };
const storedDtype = (s: WeightSpec): string => s.quantization?.dtype ?? s.dtype ?? 'float32';

/** The first weight value that is NaN or infinite, named, or undefined when all are finite (float32 weights; others cannot be). */
export function firstNonFinite(weights: Uint8Array, specs: readonly WeightSpec[]): string | undefined {
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

/** The model as tfjs saves it: model.json's text and weights.bin's bytes, and the weight specs. */
export async function modelArtifacts(model: LayersModel): Promise<{ files: { [MODEL_FILE]: string; [WEIGHTS_FILE]: Uint8Array }; specs: tf.io.WeightsManifestEntry[] }> {
  let result: Awaited<ReturnType<typeof modelArtifacts>> | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData === undefined ? new Uint8Array() : new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      const specs = artifacts.weightSpecs ?? [];
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: specs }],
      };
      result = { files: { [MODEL_FILE]: JSON.stringify(modelJson), [WEIGHTS_FILE]: weights }, specs };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
  return result!;
}

/** lstmkit.json's text: the metadata with the size and sha256 of every other file (the layout writeArtefact writes). */
export async function markerText(metadata: ModelMetadata, files: Readonly<Record<string, string | Uint8Array>>): Promise<string> {
  const table: Record<string, Awaited<ReturnType<typeof fileEntry>>> = {};
  for (const [name, data] of Object.entries(files)) table[name] = await fileEntry(data);
  return `${JSON.stringify({ ...metadata, files: table }, null, 2)}\n`;
}

function parseJson(file: string, bytes: Uint8Array): any {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
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

/** A path that stays inside the model folder: relative, without "..". */
const insideFolder = (p: string): boolean => !/^([\\/]|[A-Za-z]:)/.test(p) && !p.split(/[\\/]/).includes('..');

/** model.json's weight groups, checked: each names its files (inside the folder) and its weights' names, shapes and dtypes. */
function weightGroups(modelJson: any, file: string): WeightGroup[] {
  const groups = isObject(modelJson) ? modelJson.weightsManifest : undefined;
  if (!isObject(modelJson) || !isObject(modelJson.modelTopology) || !Array.isArray(groups) || !groups.every((g) => isObject(g) && Array.isArray(g.paths) && Array.isArray(g.weights))) {
    throw new ModelFileError(file, 'no modelTopology or weightsManifest: not a tfjs layers model');
  }
  for (const g of groups as WeightGroup[]) {
    for (const p of g.paths) {
      if (typeof p !== 'string' || !insideFolder(p)) throw new ModelFileError(file, `weight file ${JSON.stringify(p)} is not a name inside the model folder`);
    }
    g.weights.forEach((s: any, i: number) => {
      const ok = isObject(s) && typeof s.name === 'string' && Array.isArray(s.shape) && s.shape.every((d: unknown) => Number.isInteger(d) && (d as number) >= 0);
      if (!ok) throw new ModelFileError(file, `weightsManifest entry ${i + 1} must have a name and a shape of non-negative integers`);
      if (!(storedDtype(s as WeightSpec) in BYTES_PER_VALUE)) throw new ModelFileError(file, `weight "${s.name}" is stored as ${JSON.stringify(storedDtype(s as WeightSpec))}; tfjs stores ${Object.keys(BYTES_PER_VALUE).join(', ')}`);
    });
  }
  return groups;
}

/** Where a model's files come from: a folder in Node, files in memory in a browser. */
export interface ModelFileSource {
  /** The file's bytes by its name in the folder (e.g. "weights.bin"); undefined when it is not there. */
  read(name: string): Promise<Uint8Array | undefined>;
  /** The file as errors name it (its path, or its name). */
  where(name: string): string;
}

const MISSING_FOLDER = 'missing: not a saved lstmkit model directory (expected model.json, weights.bin, lstmkit.json)';

/** A weight file's name in the folder, as model.json's manifest gives it (e.g. "./weights.bin"). */
const folderName = (p: string): string => p.replace(/^(\.[\\/])+/, '');

/**
 * Builds a model from its saved files, after every check: lstmkit.json's fields, the sha256 of model.json and
 * weights.bin it records, the manifest's sizes, finite weights. Each problem is a ModelFileError naming the file.
 */
export async function openModel(source: ModelFileSource): Promise<LoadedModel> {
  const metaPath = source.where(METADATA_FILE);
  const metaBytes = await source.read(METADATA_FILE);
  if (!metaBytes) throw new ModelFileError(metaPath, MISSING_FOLDER);
  const metadata = parseJson(metaPath, metaBytes);
  const problem = metadataProblem(metadata);
  if (problem) throw new ModelFileError(metaPath, problem);
  const table = filesOf(metadata);
  const modelPath = source.where(MODEL_FILE);
  const modelBytes = await source.read(MODEL_FILE);
  if (!modelBytes) throw new ModelFileError(modelPath, 'missing');
  // A model.json that is not the one lstmkit saved is damage, unless another tool re-saved the folder in its own layout.
  const modelProblem = table ? await fileProblem(modelBytes, table[MODEL_FILE]) : undefined;
  let groups: WeightGroup[];
  try {
    groups = weightGroups(parseJson(modelPath, modelBytes), modelPath);
  } catch (e) {
    throw modelProblem ? new ModelFileError(modelPath, modelProblem) : e;
  }
  const names = groups.flatMap((g) => g.paths.map(folderName));
  const ownLayout = names.length === 1 && names[0] === WEIGHTS_FILE;
  if (modelProblem && ownLayout) throw new ModelFileError(modelPath, modelProblem);
  const parts = await Promise.all(
    names.map(async (name) => {
      const bytes = await source.read(name);
      if (!bytes) throw new ModelFileError(source.where(name), 'missing');
      return bytes;
    }),
  );
  const weights = parts.length === 1 ? parts[0]! : concat(parts);
  const weightsPath = names.map((n) => source.where(n)).join(' + ');
  const warnings: string[] = [];
  if (!table) warnings.push(`${metaPath}: no checksums (saved by an older lstmkit), so ${MODEL_FILE} and ${WEIGHTS_FILE} cannot be verified; save the model again to add them`);
  else if (!ownLayout) warnings.push(`${modelPath}: names weight files lstmkit did not write (${groups.flatMap((g) => g.paths).join(', ')}), so they cannot be verified against ${METADATA_FILE}'s checksums`);
  else {
    const bad = await fileProblem(weights, table[WEIGHTS_FILE]);
    if (bad) throw new ModelFileError(weightsPath, bad);
  }
  const specs = groups.flatMap((g) => g.weights);
  const expected = specs.reduce((sum, s) => sum + BYTES_PER_VALUE[storedDtype(s)]! * s.shape.reduce((a, b) => a * b, 1), 0);
  if (weights.byteLength !== expected) throw new ModelFileError(weightsPath, `${weights.byteLength} bytes, the manifest in model.json needs ${expected}`);
  const nonFinite = firstNonFinite(weights, specs);
  if (nonFinite) throw new ModelFileError(weightsPath, `${nonFinite}: the model is broken (a weight must be a finite number); train it again`);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  let model: LayersModel;
  try {
    registerFusedLayers(); // LSTM, GRU and SimpleRNN layers load as lstmkit's fused classes
    const topology = (parseJson(modelPath, modelBytes) as { modelTopology: object }).modelTopology;
    model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: topology, weightSpecs: specs as tf.io.WeightsManifestEntry[], weightData }));
  } catch (e) {
    throw new ModelFileError(modelPath, `tfjs cannot build this model (${(e as Error).message})`);
  }
  await installFusedKernels(); // so that model.predict() right after runs the fused kernels too
  return { model, metadata: metadata as ModelMetadata, warnings };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDataset } from '@lstmkit/datasets';
import { SPEC_FIELDS, type ModelSpec } from '@lstmkit/models';
import { UsageError } from './errors.js';
import { readJsonFile } from './json-file.js';

/** Everything `lstmkit train` needs; a preset or a --config file gives part of it, flags override. */
export interface TrainConfig {
  readonly description?: string;
  readonly dataset: string;
  readonly source?: string;
  /** Options for the dataset plugin (see `lstmkit datasets`), e.g. { "timesteps": 4 }. */
  readonly set?: Record<string, unknown>;
  readonly limit?: number;
  readonly testFraction?: number;
  readonly verify?: boolean;
  /** Read the training data as a stream, one chunk at a time (csv): for files larger than memory. */
  readonly stream?: boolean;
  /** The model spec without the parts the data decides (inputShape, head); embedding.vocabulary may come from the data. */
  readonly model: Partial<Omit<ModelSpec, 'embedding'>> & { family: string; embedding?: { vocabulary?: number; dim: number; maskZero?: boolean } };
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: string;
  readonly learningRate?: number;
  readonly validationSplit?: number;
  readonly patience?: number;
  /** Multiply the learning rate by 0.1 after this many epochs without improvement (Keras' ReduceLROnPlateau). */
  readonly lrPatience?: number;
  readonly seed: number;
  readonly backend: string;
}

export const DEFAULTS: TrainConfig = { dataset: 'mnist', model: { family: 'vanilla', units: 128 }, epochs: 5, batchSize: 32, optimizer: 'adam', seed: 0, backend: 'auto' };

const KEYS = new Set(['description', 'dataset', 'source', 'set', 'limit', 'testFraction', 'verify', 'stream', 'model', 'epochs', 'batchSize', 'optimizer', 'learningRate', 'validationSplit', 'patience', 'lrPatience', 'seed', 'backend']);

/** What the model part of a config may set: the spec without what the data decides (inputShape, head) and the seed (top level). */
const MODEL_KEYS = SPEC_FIELDS.spec.filter((k) => k !== 'inputShape' && k !== 'head' && k !== 'seed');

/** Names the first key of `value` that is not among `known`, with the file and the key's path. */
function checkKeys(value: unknown, known: readonly string[], file: string, path: string): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  const key = Object.keys(value).find((k) => !known.includes(k));
  if (key === undefined) return;
  const of = path ? ` of ${path.slice(0, -1)}` : '';
  throw new UsageError(`${file}: unknown key "${path}${key}"; known keys${of}: ${known.join(', ')}`, `${file}: ${path}${key}`);
}

/** Names a dataset option (from --set or a config's "set") that the dataset plugin does not list, and those it does. */
export function checkDatasetOptions(dataset: string, set: Record<string, unknown>, origin: (key: string) => string): void {
  const plugin = getDataset(dataset);
  const known = (plugin.options ?? []).map((o) => o.name);
  const key = Object.keys(set).find((k) => !known.includes(k));
  if (key === undefined) return;
  const options = known.length ? `its options: ${known.join(', ')}` : 'it takes no options';
  throw new UsageError(`${origin(key)}: the ${dataset} dataset has no option "${key}"; ${options} (see \`lstmkit datasets\`)`, origin(key));
}

const PRESETS_DIR = fileURLToPath(new URL('../presets/', import.meta.url));

/** Built-in presets (the reference workloads), by name. */
export function listPresets(): { name: string; description: string }[] {
  if (!existsSync(PRESETS_DIR)) return [];
  return readdirSync(PRESETS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), description: (readJsonConfig(`${PRESETS_DIR}${f}`).description as string) ?? '' }));
}

/** Reads a JSON config and checks its keys, naming the file and the key that is wrong. */
export function readJsonConfig(file: string): Partial<TrainConfig> & Record<string, unknown> {
  const data = readJsonFile(file);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${file}: expected a JSON object`);
  checkKeys(data, [...KEYS], file, '');
  const { model, set } = data as { model?: any; set?: unknown };
  if (set !== undefined && (!set || typeof set !== 'object' || Array.isArray(set))) throw new UsageError(`${file}: "set" must be an object of dataset options`, `${file}: set`);
  if (model !== undefined && (!model || typeof model !== 'object' || typeof model.family !== 'string')) {
    throw new UsageError(`${file}: "model" must be an object with a "family"`, `${file}: model`);
  }
  if (model) {
    checkKeys(model, MODEL_KEYS, file, 'model.');
    checkKeys(model.embedding, SPEC_FIELDS.embedding, file, 'model.embedding.');
    checkKeys(model.conv, SPEC_FIELDS.conv, file, 'model.conv.');
    if (Array.isArray(model.layers)) model.layers.forEach((l: unknown, i: number) => checkKeys(l, SPEC_FIELDS.layers, file, `model.layers[${i}].`));
  }
  return data as Partial<TrainConfig>;
}

export function loadPreset(name: string): Partial<TrainConfig> {
  const file = `${PRESETS_DIR}${name}.json`;
  if (!/^[\w-]+$/.test(name) || !existsSync(file)) throw new UsageError(`--preset: unknown preset "${name}"; presets: ${listPresets().map((p) => p.name).join(', ')}`);
  return readJsonConfig(file);
}

/** "4" -> 4, "true" -> true, "a,b" -> ["a", "b"], anything else stays text. */
export function parseSetting(raw: string): [string, unknown] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set expects KEY=VALUE, got "${raw}"`);
  const key = raw.slice(0, eq);
  const text = raw.slice(eq + 1);
  const scalar = (s: string): unknown => (s === 'true' ? true : s === 'false' ? false : s !== '' && Number.isFinite(Number(s)) ? Number(s) : s);
  return [key, text.includes(',') ? text.split(',').map(scalar) : scalar(text)];
}

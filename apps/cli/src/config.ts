import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDataset } from '@lstmkit/datasets';
import { getModelFamily, migrateSpec, SPEC_FIELDS } from '@lstmkit/models';
import { optionFields, optionFromText, optionProblem, unknownOption } from '@lstmkit/plugin';
import type { ModelChoice } from '@lstmkit/trainer';
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
  /** The model spec without the parts the data decides (inputShape, head, and options such as embedding.vocabulary). */
  readonly model: Partial<ModelChoice> & { readonly family: string };
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

/**
 * The dataset options (from --set or a config's "set") read by the dataset's options schema: text from the command
 * line becomes the option's type; an option the dataset does not have, or a value it does not take, is named with
 * where it came from and what the dataset takes.
 */
export function checkDatasetOptions(dataset: string, set: Record<string, unknown>, origin: (key: string) => string): Record<string, unknown> {
  const fields = optionFields(getDataset(dataset).options);
  const checked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(set)) {
    const field = fields.find((f) => f.key === key);
    if (!field) {
      const options = fields.length ? `its options: ${fields.map((f) => f.key).join(', ')}` : 'it takes no options';
      throw new UsageError(`${origin(key)}: the ${dataset} dataset has no option "${key}"; ${options} (see \`lstmkit datasets ${dataset}\`)`, origin(key));
    }
    const v = typeof value === 'string' ? optionFromText(field.schema, value) : value;
    const problem = optionProblem(field.schema, v);
    if (problem) throw new UsageError(`${origin(key)}: ${problem} (${field.help})`, origin(key));
    checked[key] = v;
  }
  return checked;
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
  if (!model) return data as Partial<TrainConfig>;
  // A configuration written before the families had their own options reads in today's form.
  const current = migrateSpec(model) as unknown as Record<string, any>;
  checkKeys(current, MODEL_KEYS, file, 'model.');
  if (Array.isArray(current.layers)) current.layers.forEach((l: unknown, i: number) => checkKeys(l, SPEC_FIELDS.layers, file, `model.layers[${i}].`));
  if (current.options !== undefined && (!current.options || typeof current.options !== 'object' || Array.isArray(current.options))) {
    throw new UsageError(`${file}: "model.options" must be an object of the ${current.family} family's options`, `${file}: model.options`);
  }
  const unknown = current.options ? unknownOption(getModelFamily(current.family).options, current.options) : undefined;
  if (unknown) {
    const at = unknown.key.split('.').slice(0, -1).join('.');
    const of = `model.options${at ? `.${at}` : ''}`;
    throw new UsageError(`${file}: unknown key "model.options.${unknown.key}"; known keys of ${of}: ${unknown.known.join(', ')} (the ${current.family} model family's options)`, `${file}: model.options.${unknown.key}`);
  }
  return { ...data, model: current } as Partial<TrainConfig>;
}

export function loadPreset(name: string): Partial<TrainConfig> {
  const file = `${PRESETS_DIR}${name}.json`;
  if (!/^[\w-]+$/.test(name) || !existsSync(file)) throw new UsageError(`--preset: unknown preset "${name}"; presets: ${listPresets().map((p) => p.name).join(', ')}`);
  return readJsonConfig(file);
}

/** "lookback=12" -> ["lookback", "12"]. */
export function parseSetting(raw: string): [string, string] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set expects KEY=VALUE, got "${raw}"`);
  // The value stays text here: the dataset's schema reads it as the option's type (checkDatasetOptions).
  return [raw.slice(0, eq), raw.slice(eq + 1)];
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ModelSpec } from '@lstmkit/models';
import { UsageError } from './errors.js';

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
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(e as Error).message})`}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${file}: expected a JSON object`);
  for (const key of Object.keys(data)) {
    if (!KEYS.has(key)) throw new UsageError(`${file}: unknown key "${key}"; known keys: ${[...KEYS].join(', ')}`);
  }
  const model = (data as { model?: unknown }).model;
  if (model !== undefined && (typeof model !== 'object' || typeof (model as { family?: unknown }).family !== 'string')) {
    throw new UsageError(`${file}: "model" must be an object with a "family"`);
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

// The reference workloads W1–W5, read from the CLI's own preset files, so the page and `lstmkit train --preset`
// start from the same configuration.
export interface Preset {
  readonly name: string;
  readonly description: string;
  readonly dataset: string;
  readonly set?: Record<string, unknown>;
  readonly model: Record<string, unknown> & { family: string };
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: 'adam' | 'rmsprop' | 'sgd';
  readonly validationSplit?: number;
}

const files = import.meta.glob<Omit<Preset, 'name'>>('../../cli/presets/*.json', { eager: true, import: 'default' });

export const PRESETS: readonly Preset[] = Object.entries(files).map(([path, p]) => ({ ...p, name: path.split('/').pop()!.replace('.json', '') }));

import { DatasetError } from './errors.js';

/** A plugin's integer option (numbers arrive as text from CLIs): the value, its default, or an error naming it. */
export function intOption(plugin: string, name: string, value: unknown, fallback: number, min = 1): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < min) throw new DatasetError(`${plugin} option "${name}"`, `expected an integer >= ${min}, got ${JSON.stringify(value)}`);
  return n;
}

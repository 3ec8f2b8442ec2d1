import { UsageError } from './errors.js';

/** Commander argument parsers that name the flag in their error. */
export const int = (flag: string, min = 1) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} expects an integer >= ${min}, got "${v}"`);
  return n;
};

export const fraction = (flag: string) => (v: string): number => {
  const n = Number(v);
  if (!(n >= 0 && n < 1)) throw new UsageError(`${flag} expects a number in [0, 1), got "${v}"`);
  return n;
};

export const positive = (flag: string) => (v: string): number => {
  const n = Number(v);
  if (!(n > 0)) throw new UsageError(`${flag} expects a positive number, got "${v}"`);
  return n;
};

/** "128" or "128,64" -> [128] / [128, 64]. */
export const intList = (flag: string) => (v: string): number[] => {
  const parts = v.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if (!parts.length || nums.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError(`${flag} expects positive integers separated by commas, got "${v}"`);
  return nums;
};

/** "28x28" -> [28, 28]. */
export const shape2 = (flag: string) => (v: string): [number, number] => {
  const m = /^(\d+)x(\d+)$/.exec(v);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`${flag} expects TIMESTEPSxFEATURES, e.g. 28x28, got "${v}"`);
  return [Number(m[1]), Number(m[2])];
};

export const seconds = (s: number): string => {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s.toFixed(0)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
};

// What `pnpm bench:train` and `pnpm bench:browser` share: the digits handed to PyTorch, and running one engine
// (PyTorch, or lstmkit/stock tfjs through train-one.mjs) in a child process of its own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '@lstmkit/datasets/node';

export const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
export const EPOCH = 60_000;

/** The 10,000 embedded digits as raw files (train-x.f32, train-y.u8, test-…) in BENCH_DATA or a temporary folder. */
export async function writeDigits() {
  const data = process.env.BENCH_DATA ?? mkdtempSync(join(tmpdir(), 'lstmkit-bench-'));
  mkdirSync(data, { recursive: true });
  const { train, test } = await loadDataset('mnist', { seed: 0 });
  writeFileSync(join(data, 'train-x.f32'), train.x);
  writeFileSync(join(data, 'train-y.u8'), Uint8Array.from(train.y));
  writeFileSync(join(data, 'test-x.f32'), test.x);
  writeFileSync(join(data, 'test-y.u8'), Uint8Array.from(test.y));
  return data;
}

/** Why PyTorch cannot run here, or undefined. */
export function torchMissing() {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  return probe.status !== 0 ? `${PYTHON} cannot import torch (run \`pnpm bench:setup\`: Debian python3-torch + libopenblas0-pthread)` : undefined;
}

/** Runs one engine in a child process; returns its JSON result or { error }. */
export function runEngine(row, data) {
  const timeout = 15 * 60_000;
  const r = row.engine === 'pytorch'
    ? spawnSync(PYTHON, ['bench/torch_rnn.py', '--data', data, '--model', row.model, '--batch', String(row.batch), '--steps', String(row.steps), '--threads', String(row.threads), '--epochs', String(row.epochs ?? 0)], { encoding: 'utf8', timeout })
    : spawnSync(process.execPath, ['bench/train-one.mjs', JSON.stringify(row)], { encoding: 'utf8', timeout, env: { ...process.env, ...row.env } });
  if (r.status !== 0) return { error: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').at(-1) };
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

/** "native, 2 threads", "wasm, 1 thread", "WGSL" from a kernel name ("native C++ (AVX2+FMA, 2 threads)", "wasm SIMD128 (1 thread: …)", "WGSL compute shaders (webgpu)"). */
export function kernelShort(name) {
  if (name?.startsWith('WGSL')) return 'WGSL';
  const m = name?.match(/^(native|wasm) .*?(\d+ threads?)/);
  return m ? `${m[1]}, ${m[2]}` : undefined;
}

import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, killWhen, run } from './kill.test-helpers.js';

const args = (out: string, backup?: string) => [
  'train', '--limit', '300', '--units', '8', '--epochs', '3', '--batch-size', '50', '--lr-patience', '1', '--seed', '2', '--out', out, '--json',
  ...(backup ? ['--backup', backup] : []),
];

/** The largest difference between two saved models' weights. */
const weightDifference = (a: string, b: string) => {
  const wa = new Float32Array(new Uint8Array(readFileSync(join(a, 'weights.bin'))).buffer);
  const wb = new Float32Array(new Uint8Array(readFileSync(join(b, 'weights.bin'))).buffer);
  expect(wa.length).toBe(wb.length);
  return wa.reduce((m, v, i) => Math.max(m, Math.abs(v - wb[i]!)), 0);
};

describe('train --backup after kill -9', () => {
  let root: string;
  let whole: { history: { loss: number }[] };

  beforeAll(() => {
    expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
    root = mkdtempSync(join(tmpdir(), 'lstmkit-resume-'));
    const r = run(args(join(root, 'whole')));
    expect(r.code, r.stderr).toBe(0);
    whole = JSON.parse(r.stdout);
  });

  it('resumes from the last finished epoch and ends with the weights of the uninterrupted run', async () => {
    const backup = join(root, 'backup');
    const out = join(root, 'resumed');
    // A real kill in the middle of training: right after the backup of epoch 1 is written, while epoch 2 runs.
    await killWhen(args(out, backup), /backup: epoch 1 saved/);
    expect(existsSync(join(backup, 'backup.json'))).toBe(true);
    expect(existsSync(out)).toBe(false);
    const r = run(args(out, backup));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resuming from the backup in .*backup: [12] of 3 epochs done/);
    const resumed = JSON.parse(r.stdout);
    expect(resumed.history.map((e: { loss: number }) => e.loss)).toEqual(whole.history.map((e) => e.loss));
    expect(weightDifference(out, join(root, 'whole'))).toBeLessThanOrEqual(1e-6);
    // A finished run deletes its backup, and nothing is left beside it.
    expect(readdirSync(root).sort()).toEqual(['resumed', 'whole']);
  });

  it('resumes when killed in the middle of writing a backup', async () => {
    const backup = join(root, 'backup2');
    const out = join(root, 'resumed2');
    // The 3rd save of the run is the backup of epoch 3: killed between its two renames, the backup folder is absent
    // for a moment; the next run puts the complete epoch-3 backup back and has no epoch left to train.
    await killWhen(args(out, backup), /test pause: save 3 stopped at "aside"/, { LSTMKIT_TEST_PAUSE_SAVE: 'aside:3' });
    expect(existsSync(backup)).toBe(false);
    const r = run(args(out, backup));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/resuming from the backup in .*backup2: 3 of 3 epochs done/);
    expect(weightDifference(out, join(root, 'whole'))).toBeLessThanOrEqual(1e-6);
    expect(existsSync(backup)).toBe(false);
  });
});

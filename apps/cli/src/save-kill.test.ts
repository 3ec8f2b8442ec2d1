import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '@lstmkit/trainer/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, killWhen, run } from './kill.test-helpers.js';

const train = (out: string, seed: number) => ['train', '--limit', '200', '--units', '8', '--epochs', '1', '--seed', String(seed), '--out', out, '--quiet'];

/** The model at `dir` is whole: it loads (checksums verified), and every file lstmkit.json lists, charts included, is there. */
async function wholeModelSeed(dir: string): Promise<number> {
  const { model, metadata } = await loadModel(dir);
  model.dispose();
  for (const [name, entry] of Object.entries(metadata.files!)) {
    expect(createHash('sha256').update(readFileSync(join(dir, name))).digest('hex'), name).toBe(entry.sha256);
  }
  expect(Object.keys(metadata.files!).sort()).toEqual(['confusion.png', 'confusion.svg', 'model.json', 'training.png', 'training.svg', 'weights.bin']);
  return metadata.seed;
}

describe('kill -9 during a model save', () => {
  beforeAll(() => {
    expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
  });

  it('leaves the complete old or the complete new model at every step, and the next save cleans up', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'lstmkit-kill-'));
    const out = join(parent, 'model');
    const first = run(train(out, 0));
    expect(first.code, first.stderr).toBe(0);
    let current = 0;
    // The steps of a save (writeArtefact): while writing files, all written, renamed to "ready", old moved aside,
    // new in place (old not yet deleted). Each run has its own seed, so the seed in lstmkit.json tells old from new.
    const steps: [string, 'old' | 'new'][] = [['writing', 'old'], ['written', 'old'], ['ready', 'old'], ['aside', 'new'], ['replaced', 'new']];
    for (const [i, [step, expected]] of steps.entries()) {
      const seed = i + 1;
      const stderr = await killWhen(train(out, seed), /test pause: save 1 stopped at/, { LSTMKIT_TEST_PAUSE_SAVE: step });
      expect(stderr).toContain(`stopped at "${step}"`);
      // Between the two renames the folder is briefly absent; loading puts the complete copy back first.
      if (step === 'aside') expect(existsSync(out)).toBe(false);
      const seen = await wholeModelSeed(out);
      expect(seen, step).toBe(expected === 'old' ? current : seed);
      current = seen;
    }
    // Dead saves left hidden folders beside the model; the next save to that path removes them all.
    expect(readdirSync(parent).filter((e) => e.startsWith('.model.lstmkit-')).length).toBeGreaterThan(0);
    const last = run(train(out, 9));
    expect(last.code, last.stderr).toBe(0);
    expect(readdirSync(parent)).toEqual(['model']);
    expect(await wholeModelSeed(out)).toBe(9);
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutated } from '../../../tests/mutations.js';
import { useBackend } from './backends/registry.js';
import { ModelFileError } from './errors.js';
import { loadModel, saveModel } from './persist.js';
import { smallModel } from './test-helpers.js';
import { tf } from './tf.js';

const META = {
  spec: { family: 'vanilla', inputShape: [28, 28] as const, units: 3, head: { task: 'multiclass' as const, outputs: 10 }, seed: 1 },
  dataset: { name: 'mnist', source: 'embedded', task: 'multiclass' as const, timesteps: 28, features: 28, trainSamples: 10, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
  backend: 'wasm',
  seed: 1,
};
const root = mkdtempSync(join(tmpdir(), 'lstmkit-model-fuzz-'));
const FILES = ['model.json', 'weights.bin', 'lstmkit.json'] as const;

beforeAll(async () => {
  await useBackend('wasm');
  const model = smallModel(3);
  await saveModel(join(root, 'checked'), model, META);
  model.dispose();
  // The same model as lstmkit 0.1 saved it: no checksums in lstmkit.json, so only the parsing guards it.
  cpSync(join(root, 'checked'), join(root, 'legacy'), { recursive: true });
  const { files: _, ...legacy } = JSON.parse(readFileSync(join(root, 'legacy', 'lstmkit.json'), 'utf8'));
  writeFileSync(join(root, 'legacy', 'lstmkit.json'), JSON.stringify(legacy));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
describe('loadModel under fuzzing (fast-check)', () => {
  it('a model folder with one file damaged or replaced by random bytes loads, or fails with a ModelFileError naming a file', async () => {
    const originals = Object.fromEntries(['checked', 'legacy'].flatMap((k) => FILES.map((f) => [`${k}/${f}`, new Uint8Array(readFileSync(join(root, k, f)))])));
    const damage = fc
      .tuple(fc.constantFrom('checked', 'legacy'), fc.constantFrom(...FILES))
      .chain(([kind, file]) => fc.tuple(fc.constant(kind), fc.constant(file), fc.oneof(mutated(originals[`${kind}/${file}`]!), fc.uint8Array({ maxLength: 200 }))));
    await fc.assert(
      fc.asyncProperty(damage, async ([kind, file, bytes]) => {
        const dir = join(root, `case-${n++}`);
        cpSync(join(root, kind), dir, { recursive: true });
        writeFileSync(join(dir, file), bytes);
        const before = tf.memory().numTensors;
        try {
          const { model } = await loadModel(dir);
          model.dispose();
        } catch (e) {
          if (!(e instanceof ModelFileError)) throw e;
          expect(e.file.startsWith(dir)).toBe(true);
        }
        expect(tf.memory().numTensors).toBe(before);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 150, seed: 21 },
    );
  });
});

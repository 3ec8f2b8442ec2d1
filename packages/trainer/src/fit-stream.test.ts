import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csv } from '@lstmkit/datasets/node';
import { buildModel } from '@lstmkit/models';
import { useBackend } from './backends/registry.js';
import { evaluate } from './evaluate.js';
import { fit } from './fit.js';

describe('fit on a stream', () => {
  it('trains chunk by chunk, lowers the loss and leaks nothing', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lstmkit-fitstream-')), 's.csv');
    const rows = Array.from({ length: 1500 }, (_, i) => {
      const a = (i * 7) % 11;
      const b = (i * 3) % 13;
      return `${a},${b},${i % 5},${i % 2},${a + b > 10 ? 1 : 0}`;
    });
    writeFileSync(path, rows.join('\n'));
    await useBackend('wasm');
    const { train, test } = await csv.stream!({ source: path, timesteps: 2, seed: 1 });
    const model = buildModel({ family: 'vanilla', inputShape: [2, 2], units: 8, head: { task: 'binary', outputs: 1 }, seed: 1 });
    const before = await evaluate(model, test);
    let batchesSeen = 0;
    const history = await fit(model, train, {
      epochs: 4,
      batchSize: 50,
      chunkSize: 200,
      learningRate: 0.01,
      validationData: test,
      callbacks: [{ onBatchEnd: () => void batchesSeen++ }],
    });
    const after = await evaluate(model, test);
    expect(after.loss).toBeLessThan(before.loss * 0.8);
    expect(history.epochs[3]!.val_accuracy!).toBeGreaterThan(0.8);
    expect(new Set(history.epochs.map((e) => e.numTensors)).size).toBe(1);
    // Chunks hold whole batches (200 = 4 x 50), so an epoch has exactly as many batches as in memory.
    expect(batchesSeen).toBe(4 * Math.ceil(train.shape[0] / 50));
    await expect(fit(model, train, { epochs: 1, validationSplit: 0.1 })).rejects.toThrow(/a stream cannot be split; give validationData/);
  });
});

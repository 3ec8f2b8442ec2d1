import { seededRandom, type SequenceDataset } from '@lstmkit/datasets';
import { buildModel } from '@lstmkit/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './backends/registry.js';
import { earlyStopping } from './callbacks/early-stopping.js';
import type { BatchProgress } from './callbacks/types.js';
import { evaluate, predict } from './evaluate.js';
import { NonFiniteError } from './errors.js';
import { fit } from './fit.js';
import { smallDigits, smallModel } from './test-helpers.js';
import { tf } from './tf.js';

/** A small seeded series-like regression: 4 steps of 2 features, targets in the hundreds. */
const seriesData = (n: number): SequenceDataset => {
  const random = seededRandom(5);
  return { name: 'series', source: 'generated', x: Float32Array.from({ length: n * 8 }, () => random() * 100), shape: [n, 4, 2], y: Float32Array.from({ length: n }, () => 100 + random() * 500), task: 'regression' };
};
const seriesModel = () => buildModel({ family: 'vanilla', inputShape: [4, 2], units: 4, head: { task: 'regression', outputs: 1 }, seed: 1 });

beforeAll(async () => {
  await useBackend('wasm');
});

describe('fit on real digits', () => {
  it('lowers the loss, reports progress, and leaks no tensors across epochs', async () => {
    const { train, test } = await smallDigits(600);
    const model = smallModel(16);
    const before = await evaluate(model, test);
    const progress: BatchProgress[] = [];
    const history = await fit(model, train, { epochs: 4, batchSize: 50, seed: 1, learningRate: 0.01, callbacks: [{ onBatchEnd: (p) => void progress.push(p) }] });
    const after = await evaluate(model, test);
    expect(history.epochs).toHaveLength(4);
    expect(history.epochs[3]!.loss).toBeLessThan(history.epochs[0]!.loss * 0.8);
    expect(after.loss).toBeLessThan(before.loss * 0.8);
    expect(after.accuracy!).toBeGreaterThan(before.accuracy! + 0.2);
    // numTensors after every epoch is the same: nothing grows with training.
    expect(new Set(history.epochs.map((e) => e.numTensors)).size).toBe(1);
    expect(progress).toHaveLength(4 * 12);
    expect(progress.at(-1)!.etaSeconds).toBe(0);
    expect(progress[0]!.samplesPerSecond).toBeGreaterThan(0);
    // evaluate and predict leave nothing behind either, and report their progress chunk by chunk.
    const n = tf.memory().numTensors;
    await evaluate(model, test);
    const done: number[] = [];
    await predict(model, test, { chunk: 700, onProgress: (d, total) => void done.push(d, total) });
    expect(tf.memory().numTensors).toBe(n);
    expect(done).toEqual([700, 2000, 1400, 2000, 2000, 2000]);
  });

  it('leaks no tensors across repeated fit calls', async () => {
    const { train } = await smallDigits(100);
    const model = smallModel(8);
    await fit(model, train, { epochs: 1, batchSize: 50 }); // creates the optimizer's slots once
    const after = tf.memory().numTensors;
    await fit(model, train, { epochs: 1, batchSize: 50 });
    await fit(model, train, { epochs: 1, batchSize: 50 });
    expect(tf.memory().numTensors).toBe(after);
  });

  it('holds out a stratified validation split and reports val metrics', async () => {
    const { train } = await smallDigits(300);
    const history = await fit(smallModel(8), train, { epochs: 1, batchSize: 32, validationSplit: 0.2, seed: 2 });
    expect(history.epochs[0]!.val_loss).toBeGreaterThan(0);
    expect(history.epochs[0]!.val_accuracy).toBeGreaterThanOrEqual(0);
  });

  it('is reproducible for the same seed', async () => {
    const { train } = await smallDigits(200);
    const run = async () => (await fit(smallModel(8, 3), train, { epochs: 1, batchSize: 40, seed: 9 })).epochs[0]!.loss;
    expect(await run()).toBe(await run());
  });

  it('stops early and restores the best weights', async () => {
    const { train, test } = await smallDigits(200);
    const model = smallModel(8);
    // A learning rate this high makes the loss blow up after the first epochs, so there is a best epoch to go back to.
    const history = await fit(model, train, {
      epochs: 12,
      batchSize: 20,
      seed: 1,
      learningRate: 0.5,
      optimizer: 'sgd',
      validationData: test,
      callbacks: [earlyStopping({ monitor: 'val_loss', patience: 1, restoreBestWeights: true })],
    });
    expect(history.stoppedEarly).toMatch(/early stopping: val_loss did not improve for 1 epoch/);
    expect(history.epochs.length).toBeLessThan(12);
    const best = Math.min(...history.epochs.map((e) => e.val_loss!));
    expect((await evaluate(model, test)).loss).toBeCloseTo(best, 4);
  });

  it('names the option when training options or data do not fit', async () => {
    const { train } = await smallDigits(100);
    await expect(fit(smallModel(4), train, { epochs: 0 })).rejects.toThrow(/epochs: expected a positive integer, got 0/);
    await expect(fit(smallModel(4), train, { epochs: 1, validationSplit: 1.5 })).rejects.toThrow(/validationSplit: expected a fraction/);
    const wrong = { ...train, shape: [100, 14, 56] as const };
    await expect(fit(smallModel(4), wrong, { epochs: 1 })).rejects.toThrow(/samples are \[14 timesteps x 56 features\] but the model expects \[28 x 28\]/);
    await expect(fit(smallModel(4), train, { epochs: 2, callbacks: [earlyStopping({ monitor: 'val_loss' })] })).rejects.toThrow(/metric "val_loss" is not computed/);
  });

  it('stops at the batch where the loss stops being finite (TerminateOnNaN), naming epoch and batch from 1', async () => {
    // A regression that SGD at this rate throws off at once (the airline-passengers case from the issue, in small).
    const train = seriesData(200);
    const model = seriesModel();
    const seen: number[] = [];
    const ended: unknown[] = [];
    const before = tf.memory().numTensors;
    const err = await fit(model, train, {
      epochs: 3,
      batchSize: 50,
      optimizer: 'sgd',
      learningRate: 1e6,
      callbacks: [{ onBatchEnd: (p) => void seen.push(p.loss) }, { onTrainEnd: (h) => void ended.push(h) }],
    }).catch((e) => e);
    expect(err).toBeInstanceOf(NonFiniteError);
    expect(err.message).toMatch(/^epoch 1, batch (\d) of 4: the loss is (NaN|Infinity|-Infinity): training stopped there \(TerminateOnNaN\)/);
    // No batch after the bad one ran, every loss reported was finite, and callbacks were told training ended.
    expect(Number(/batch (\d)/.exec(err.message)![1])).toBe(seen.length + 1);
    expect(seen.every(Number.isFinite)).toBe(true);
    expect(ended).toHaveLength(1);
    // The optimizer's slots are made once; nothing else stays behind.
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(model.trainableWeights.length);
    model.dispose();
    // Turned off, training goes on through the NaN (as Keras without the callback).
    const off = await fit(seriesModel(), train, { epochs: 1, batchSize: 50, optimizer: 'sgd', learningRate: 1e6, terminateOnNaN: false });
    expect(Number.isFinite(off.epochs[0]!.loss)).toBe(false);
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backends/registry.js';
import { predict } from '../evaluate.js';
import { NonFiniteError } from '../errors.js';
import { fit } from '../fit.js';
import { loadModel } from '../persist.js';
import { smallDigits, smallModel } from '../test-helpers.js';
import { tf } from '../tf.js';
import { modelCheckpoint } from './model-checkpoint.js';

const METADATA = {
  spec: { family: 'vanilla', inputShape: [28, 28] as const, units: 8, head: { task: 'multiclass' as const, outputs: 10 }, seed: 1 },
  dataset: { name: 'mnist', source: 'embedded', task: 'multiclass' as const, timesteps: 28, features: 28, trainSamples: 240 },
  backend: 'wasm',
  seed: 1,
};

beforeAll(async () => {
  await useBackend('wasm');
});

describe('modelCheckpoint', () => {
  it('saves the best epoch by val_loss: the checkpoint predicts as the model did at that epoch', async () => {
    const { train, test } = await smallDigits(240);
    const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-ckpt-')), 'best');
    const model = smallModel(8);
    const saved: number[] = [];
    // What the model predicted at the end of each epoch, to compare with what the checkpoint holds.
    const atEpoch: Float32Array[] = [];
    const snapshot = { onEpochEnd: async () => void atEpoch.push((await predict(model, test)).outputs.slice()) };
    const history = await fit(model, train, {
      epochs: 4,
      batchSize: 40,
      learningRate: 0.01,
      validationSplit: 0.25,
      callbacks: [modelCheckpoint({ dir, metadata: METADATA, onSave: (_, epoch) => saved.push(epoch) }), snapshot],
    });
    const losses = history.epochs.map((e) => e.val_loss!);
    const best = losses.indexOf(Math.min(...losses));
    // Saved exactly when val_loss reached a new best.
    const newBests = losses.flatMap((l, i) => (losses.slice(0, i).every((p) => l < p) ? [i + 1] : []));
    expect(saved).toEqual(newBests);
    const { model: loaded, metadata } = await loadModel(dir);
    expect(metadata.training).toMatchObject({ epoch: best + 1 });
    expect(metadata.metrics?.val_loss).toBeCloseTo(losses[best]!, 10);
    const fromCheckpoint = (await predict(loaded, test)).outputs;
    expect(Math.max(...fromCheckpoint.map((p, i) => Math.abs(p - atEpoch[best]![i]!)))).toBeLessThan(1e-6);
    expect(readdirSync(join(dir, '..'))).toEqual(['best']); // nothing half-written beside it
    loaded.dispose();
    model.dispose();
  });

  it('keeps one checkpoint per epoch with "{epoch}" and saveBestOnly: false, without leaking tensors', async () => {
    const { train } = await smallDigits(120);
    const parent = mkdtempSync(join(tmpdir(), 'lstmkit-ckpt-'));
    const model = smallModel(8);
    const history = await fit(model, train, { epochs: 3, batchSize: 40, callbacks: [modelCheckpoint({ dir: join(parent, 'epoch-{epoch}'), monitor: 'loss', saveBestOnly: false, metadata: METADATA })] });
    expect(readdirSync(parent).sort()).toEqual(['epoch-1', 'epoch-2', 'epoch-3']);
    const third = JSON.parse(readFileSync(join(parent, 'epoch-3', 'lstmkit.json'), 'utf8'));
    expect(third.metrics.loss).toBeCloseTo(history.epochs[2]!.loss, 10);
    expect(new Set(history.epochs.map((e) => e.numTensors)).size).toBe(1);
    model.dispose();
  });

  it('names a metric that is not computed, and what is', async () => {
    const { train } = await smallDigits(80);
    const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-ckpt-')), 'x');
    const model = smallModel(4);
    await expect(fit(model, train, { epochs: 1, callbacks: [modelCheckpoint({ dir, metadata: METADATA })] })).rejects.toThrow(
      /modelCheckpoint\.monitor.*metric "val_loss" is not computed \(available: loss, accuracy; val_\* needs validation data\)/,
    );
    expect(existsSync(dir)).toBe(false);
    model.dispose();
  });

  it('keeps the checkpoint written before training diverged, whole and loadable', async () => {
    const { train } = await smallDigits(80);
    const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-ckpt-')), 'best');
    const model = smallModel(4);
    // After epoch 1 a weight turns NaN (as an exploding update would make it). wasm's clamp of the probabilities can
    // leave the loss finite; Adam's host-side update sees the NaN weights at the first batch of epoch 2.
    const poison = { onEpochEnd: () => void model.layers[1]!.setWeights(model.layers[1]!.getWeights().map((w, i) => (i === 1 ? tf.fill(w.shape, NaN) : w))) };
    const err = await fit(model, train, { epochs: 3, batchSize: 40, callbacks: [modelCheckpoint({ dir, monitor: 'loss', metadata: METADATA }), poison] }).catch((e) => e);
    expect(err).toBeInstanceOf(NonFiniteError);
    expect(err.message).toMatch(/^epoch 2, batch 1 of 2: (the loss is NaN|this batch's update made weight ".*" NaN or infinite)/);
    const { model: saved, metadata } = await loadModel(dir);
    expect(metadata.training).toMatchObject({ epoch: 1 });
    saved.dispose();
    model.dispose();
  });
});

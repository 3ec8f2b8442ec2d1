import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../backends/registry.js';
import { earlyStopping } from '../callbacks/early-stopping.js';
import { reduceLrOnPlateau } from '../callbacks/reduce-lr-on-plateau.js';
import type { Callback } from '../callbacks/types.js';
import { ModelFileError, TrainingOptionError } from '../errors.js';
import { fit, type FitOptions, type OptimizerName } from '../fit.js';
import { smallDigits, smallModel } from '../test-helpers.js';
import { tf, type LayersModel } from '../tf.js';
import { backupAndRestore } from './backup-and-restore.js';

/** A crash in the middle of epoch 2 (a callback that throws there, as a kill would stop the process). */
const crashAt = (epoch: number, batch: number): Callback => ({
  onBatchEnd: (p) => {
    if (p.epoch === epoch && p.batch === batch) throw new Error('simulated crash');
  },
});

/** Callbacks with state to carry over: best weights, and a learning rate lowered after a flat epoch. */
const stateful = () => [earlyStopping({ monitor: 'loss', patience: 10, restoreBestWeights: true }), reduceLrOnPlateau({ monitor: 'loss', patience: 1, factor: 0.5, minDelta: 10 })];

const maxDifference = (a: LayersModel, b: LayersModel) =>
  Math.max(...a.getWeights().map((w, i) => tf.tidy(() => tf.max(tf.abs(tf.sub(w, b.getWeights()[i]!))).dataSync()[0]!)));

describe('backupAndRestore', () => {
  it.each(['wasm', 'cpu'] as const)('resumes after a crash and ends with the weights of an uninterrupted run, for every optimizer (%s)', async (backend) => {
    await useBackend(backend);
    const { train } = await smallDigits(100);
    for (const optimizer of ['adam', 'sgd', 'rmsprop', 'adagrad', 'adadelta', 'adamax'] as OptimizerName[]) {
      const options: FitOptions = { epochs: 3, batchSize: 25, seed: 4, optimizer, learningRate: optimizer === 'sgd' ? 0.1 : 0.01 };
      const whole = smallModel(4, 1);
      const expected = await fit(whole, train, { ...options, callbacks: stateful() });

      const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-backup-')), 'b');
      const restored: number[] = [];
      const first = smallModel(4, 1);
      await expect(fit(first, train, { ...options, callbacks: [...stateful(), crashAt(1, 2)], backup: backupAndRestore({ dir }) })).rejects.toThrow(/simulated crash/);
      expect(JSON.parse(readFileSync(join(dir, 'backup.json'), 'utf8')).epochs).toBe(1);
      first.dispose();

      // A fresh process would build the model again; other initial weights show that the backup's are used.
      const resumed = smallModel(4, 99);
      const before = tf.memory().numTensors;
      const history = await fit(resumed, train, { ...options, callbacks: stateful(), backup: backupAndRestore({ dir, onRestore: (e) => void restored.push(e) }) });
      expect(restored, optimizer).toEqual([1]);
      expect(history.epochs.map((e) => e.loss), optimizer).toEqual(expected.epochs.map((e) => e.loss));
      expect(maxDifference(resumed, whole), optimizer).toBeLessThanOrEqual(1e-6);
      // Keras deletes the backup when training ends; restoring made no tensors that stay (the optimizer's slots aside).
      expect(existsSync(dir)).toBe(false);
      expect(tf.memory().numTensors - before).toBeLessThanOrEqual(3 * resumed.trainableWeights.length + 2);
      whole.dispose();
      resumed.dispose();
    }
  });

  it('refuses the backup of another run, and a damaged one, naming the folder or file', async () => {
    await useBackend('wasm');
    const { train } = await smallDigits(100);
    const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-backup-')), 'b');
    const options: FitOptions = { epochs: 2, batchSize: 25, seed: 4 };
    await expect(fit(smallModel(4), train, { ...options, callbacks: [crashAt(1, 0)], backup: backupAndRestore({ dir, run: { units: 4 } }) })).rejects.toThrow(/simulated crash/);
    await expect(fit(smallModel(4), train, { ...options, batchSize: 50, backup: backupAndRestore({ dir, run: { units: 4 } }) })).rejects.toThrow(
      /backup: was made by a different run \(batch size 25, .*; this run: batch size 50/,
    );
    await expect(fit(smallModel(4), train, { ...options, backup: backupAndRestore({ dir, run: { units: 8 }, label: '--backup b' }) })).rejects.toThrow(
      /--backup b: holds the backup of another run/,
    );
    await expect(fit(smallModel(8), train, { ...options, backup: backupAndRestore({ dir }) })).rejects.toThrow(TrainingOptionError);
    const state = join(dir, 'state.bin');
    const bytes = readFileSync(state);
    bytes[10] = bytes[10]! ^ 1;
    writeFileSync(state, bytes);
    const err = await fit(smallModel(4), train, { ...options, backup: backupAndRestore({ dir }) }).catch((e) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err.message).toMatch(/state\.bin: sha256 .* does not match .*; delete .*b to start the training over/);
  });
});

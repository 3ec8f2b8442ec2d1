import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../index.js';
import { fit } from '../fit.js';
import { smallDigits, smallModel } from '../test-helpers.js';
import { reduceLrOnPlateau } from './reduce-lr-on-plateau.js';
import type { Callback, EpochLogs } from './types.js';

beforeAll(async () => {
  await useBackend('wasm');
});

/** A callback that rewrites the monitored metric, so that the plateau is known in advance. */
const scripted = (values: number[]): Callback => ({ onEpochEnd: (logs) => void ((logs as { scripted?: number }).scripted = values[logs.epoch]) });

describe('reduceLrOnPlateau', () => {
  it.each([
    ['adam', 0.001],
    ['sgd', 0.01],
  ] as const)('lowers %s\'s learning rate after `patience` epochs without improvement, then waits `cooldown`, never below minLr', async (optimizer, start) => {
    const { train } = await smallDigits(40);
    const model = smallModel(4);
    const reductions: [number, number][] = [];
    // Improves at epochs 1-2, then flat: a reduction after 2 flat epochs (epoch 4); then, as Keras counts, cooldown 2
    // covers epoch 5 and ends at epoch 6, which is the first of the next 2 flat epochs: the next reduction at epoch 7.
    const values = [5, 4, 4, 4, 4, 4, 4, 4];
    const lrOf = () => (model as unknown as { optimizer: { learningRate: number } }).optimizer.learningRate;
    const seen: number[] = [];
    await fit(model, train, {
      epochs: values.length,
      batchSize: 40,
      optimizer,
      callbacks: [
        scripted(values),
        reduceLrOnPlateau({ monitor: 'scripted', factor: 0.5, patience: 2, cooldown: 2, minLr: start * 0.3, onReduce: (lr, epoch) => reductions.push([lr, epoch]) }),
        { onEpochEnd: () => void seen.push(lrOf()) },
      ],
    });
    expect(reductions.map(([, e]) => e + 1)).toEqual([4, 7]);
    expect(reductions[0]![0]).toBeCloseTo(start * 0.5, 12);
    expect(reductions[1]![0]).toBeCloseTo(start * 0.3, 12); // 0.25x would be below minLr
    expect(seen.at(-1)).toBeCloseTo(start * 0.3, 12);
    model.dispose();
  });

  it('rejects a factor outside (0, 1) by name', () => {
    expect(() => reduceLrOnPlateau({ factor: 2 })).toThrow(/reduceLrOnPlateau\.factor.*expected a number in \(0, 1\), got 2/);
  });
});


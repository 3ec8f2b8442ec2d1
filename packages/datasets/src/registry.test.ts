import { DuplicatePluginError, PluginNotFoundError, Type } from '@lstmkit/plugin';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './errors.js';
import { echo } from './plugins/echo.js';
import { getDataset, listDatasets, loadDataset, registerDataset, unregisterDataset } from './node.js';
import type { DatasetPlugin } from './types.js';

describe('dataset registry', () => {
  it('types the options of a known dataset: a misspelt key does not compile, and is refused naming the known ones', async () => {
    // @ts-expect-error -- lookBack is not an option of timeseries (lookback is); tsc fails if this compiles.
    const typo = loadDataset('timeseries', { source: 'x.csv', lookBack: 6 });
    await expect(typo).rejects.toThrow(/timeseries option "lookBack": unknown option; known options: columns, target, lookback, horizon, scale \(and the options of every dataset: source, seed/);
    await expect(typo).rejects.toBeInstanceOf(DatasetError);
    // @ts-expect-error -- a wrong type does not compile either; at run time it is named with what is expected.
    await expect(loadDataset('echo', { length: 'five' })).rejects.toThrow(/echo option "length": expected an integer >= 1, got "five"/);
    const { train } = await loadDataset('echo', { trainSamples: 8, testSamples: 2, length: 3, index: 1 });
    expect(train.shape).toEqual([8, 3, 10]);
  });

  it('refuses a taken name, can unregister, and lists what is registered when a name is unknown', async () => {
    expect(() => registerDataset({ ...echo })).toThrow(DuplicatePluginError);
    registerDataset(echo); // the same object again: nothing happens
    const toy: DatasetPlugin<typeof TOY> = {
      name: 'toy-constant',
      description: 'every value 1, class 0 or 1 alternating',
      task: 'binary',
      sources: 'generated',
      options: TOY,
      async load(o = {}) {
        const n = o.samples ?? 4;
        const make = () => ({ name: 'toy-constant', source: 'generated', x: new Float32Array(n * 2).fill(1), shape: [n, 2, 1] as const, y: Int32Array.from({ length: n }, (_, i) => i % 2), task: 'binary' as const });
        return { train: make(), test: make() };
      },
    };
    registerDataset(toy);
    expect(listDatasets().map((d) => d.name)).toContain('toy-constant');
    expect((await loadDataset('toy-constant', { samples: 6 })).train.shape).toEqual([6, 2, 1]);
    expect(unregisterDataset('toy-constant')).toBe(true);
    expect(() => getDataset('toy-constant')).toThrow(PluginNotFoundError);
    expect(() => getDataset('toy-constant')).toThrow(/unknown dataset "toy-constant"; registered: echo, mnist/);
  });
});

const TOY = Type.Object({ samples: Type.Integer({ minimum: 1, default: 4, description: 'samples per split' }) });

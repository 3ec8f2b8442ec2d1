import { describe, expect, it } from 'vitest';
// tfjs' cpu backend: @lstmkit/models needs a backend, which apps get from @lstmkit/trainer (cpu, wasm, …).
import '@tensorflow/tfjs-backend-cpu';
import { buildModel, getModelFamily, listModelFamilies, registerModelFamily } from './registry.js';
import { SpecError, type ModelSpec } from './spec.js';
import { formatSummary, summarizeModel } from './summary.js';

const W1: ModelSpec = { family: 'vanilla', inputShape: [28, 28], units: 128, head: { task: 'multiclass', outputs: 10 } };
const W3: ModelSpec = { family: 'vanilla', inputShape: [5, 10], units: 25, head: { task: 'multiclass', outputs: 10 } };
/** Keras' LSTM parameter count: 4 gates x (input kernel + recurrent kernel + bias). */
const kerasLstm = (d: number, u: number) => 4 * (u * (d + u) + u);

describe('vanilla LSTM family', () => {
  it('has the parameter counts Keras reports for W1 and W3', () => {
    const w1 = summarizeModel(buildModel(W1));
    expect(w1.layers.map((l) => l.params)).toEqual([80_384, 1_290]);
    expect(kerasLstm(28, 128)).toBe(80_384);
    expect(w1.totalParams).toBe(81_674);
    const w3 = summarizeModel(buildModel(W3));
    expect(w3.layers.map((l) => l.params)).toEqual([3_600, 260]);
    expect(w3.totalParams).toBe(3_860);
  });

  it("uses Keras' activations (tanh, sigmoid gates), not tfjs' hardSigmoid default", () => {
    const cfg = buildModel(W1).layers[0]!.getConfig() as Record<string, unknown>;
    expect(cfg.activation).toBe('tanh');
    expect(cfg.recurrentActivation).toBe('sigmoid');
    expect(cfg.unitForgetBias).toBe(true);
  });

  it('builds binary and regression heads and hidden dense layers', () => {
    const bin = summarizeModel(buildModel({ ...W3, dense: [8], head: { task: 'binary', outputs: 1 } }));
    expect(bin.layers.map((l) => `${l.name}:${l.outputShape}:${l.params}`)).toEqual(['lstm:(None, 25):3600', 'dense:(None, 8):208', 'dense_1:(None, 1):9']);
    const reg = buildModel({ ...W3, head: { task: 'regression', outputs: 1 } });
    expect((reg.layers[1]!.getConfig() as { activation: string }).activation).toBe('linear');
  });

  it('gives the same initial weights for the same seed', () => {
    const a = buildModel({ ...W3, seed: 5 }).getWeights().map((w) => Array.from(w.dataSync()));
    const b = buildModel({ ...W3, seed: 5 }).getWeights().map((w) => Array.from(w.dataSync()));
    const c = buildModel({ ...W3, seed: 6 }).getWeights().map((w) => Array.from(w.dataSync()));
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(c[0]);
  });

  it('draws the summary as Keras 3 does', () => {
    const text = formatSummary(summarizeModel(buildModel(W1)));
    expect(text).toContain('Model: "vanilla"');
    expect(text).toMatch(/│ lstm \(LSTM\)\s+│ \(None, 128\)\s+│\s+80,384 │/);
    expect(text).toMatch(/│ dense \(Dense\)\s+│ \(None, 10\)\s+│\s+1,290 │/);
    expect(text).toContain(' Total params: 81,674 (319.04 KB)');
    expect(text).toContain(' Non-trainable params: 0 (0.00 B)');
  });
});

describe('spec validation and the family registry', () => {
  it('names the bad field', () => {
    const bad = (patch: Record<string, unknown>) => () => buildModel({ ...W1, ...patch } as ModelSpec);
    expect(bad({ units: 0 })).toThrow(/model spec field "units": expected a positive integer/);
    expect(bad({ inputShape: [28] })).toThrow(/"inputShape": expected \[timesteps, features\]/);
    expect(bad({ dropout: 1.5 })).toThrow(/"dropout": expected a number in \[0, 1\)/);
    expect(bad({ head: { task: 'ranking', outputs: 3 } })).toThrow(/"head.task"/);
    expect(bad({ head: { task: 'binary', outputs: 2 } })).toThrow(/a binary head has exactly 1 output/);
    expect(bad({ family: 'transformer' })).toThrow(SpecError);
    expect(bad({ family: 'transformer' })).toThrow(/unknown family "transformer"; registered: vanilla/);
    expect(bad({ units: [32, 16] })).toThrow(/vanilla family has one LSTM layer/);
    // A typo is an error, not a silently ignored field (here the model would train 128 units, not 4).
    expect(bad({ unit: 4 })).toThrow(/model spec field "unit": unknown field; known fields: family, inputShape, units,/);
    expect(bad({ embedding: { vocabulary: 10, dims: 4 }, inputShape: [28, 1] })).toThrow(/"embedding.dims": unknown field; known fields of embedding: vocabulary, dim, maskZero/);
    expect(bad({ layers: [{ dropuot: 0.1 }] })).toThrow(/"layers\[0\].dropuot": unknown field/);
  });

  it('lets a third party register a family by name', () => {
    registerModelFamily({ name: 'mine', description: 'test family', build: (s) => getModelFamily('vanilla').build(s) });
    expect(listModelFamilies().map((f) => f.name)).toContain('mine');
    expect(summarizeModel(buildModel({ ...W3, family: 'mine' })).totalParams).toBe(3_860);
  });
});

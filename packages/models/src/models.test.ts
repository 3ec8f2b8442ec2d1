import { describe, expect, it } from 'vitest';
// tfjs' cpu backend: @lstmkit/models needs a backend, which apps get from @lstmkit/trainer (cpu, wasm, …).
import '@tensorflow/tfjs-backend-cpu';
import { Type } from '@lstmkit/plugin';
import { PluginNotFoundError } from '@lstmkit/plugin';
import './families.js';
import { migrateSpec } from './migrate.js';
import { buildModel, getModelFamily, listModelFamilies, registerModelFamily, resolveSpec, unregisterModelFamily } from './registry.js';
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
    const bin = summarizeModel(buildModel({ ...W3, head: { task: 'binary', outputs: 1 }, options: { dense: [8] } }));
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
    expect(bad({ family: 'transformer' })).toThrow(PluginNotFoundError);
    expect(bad({ family: 'transformer' })).toThrow(/unknown model family "transformer"; registered: vanilla/);
    expect(bad({ units: [32, 16] })).toThrow(/vanilla family has one LSTM layer/);
    // A typo is an error, not a silently ignored field (here the model would train 128 units, not 4).
    expect(bad({ unit: 4 })).toThrow(/model spec field "unit": unknown field; known fields: family, inputShape, units,/);
    expect(bad({ inputShape: [28, 1], options: { embedding: { vocabulary: 10, dims: 4 } } })).toThrow(/"options.embedding.dims": unknown option; known options: vocabulary, dim, maskZero/);
    expect(bad({ options: { mergeMode: 'sum' } })).toThrow(/"options.mergeMode": unknown option; known options: embedding, masking, batchNorm, layerDropout, dense \(the vanilla family's options\)/);
    expect(bad({ family: 'bidirectional', options: { mergeMode: 'max' } })).toThrow(/"options.mergeMode": expected one of "concat", "sum", "mul", "ave", got "max"/);
    expect(bad({ family: 'cnn-lstm', options: { filters: 2 } })).toThrow(/"options.kernelSize": required: convolution kernel size/);
    expect(bad({ inputShape: [28, 1], options: { embedding: { vocabulary: 10, dim: 4 }, masking: true } })).toThrow(/"options.masking": an Embedding input masks with embedding.maskZero/);
    // A field that moved into the family's options says where it went.
    expect(bad({ batchNorm: true })).toThrow(/model spec field "batchNorm": is now a family option: options.batchNorm \(migrateSpec converts/);
    expect(bad({ layers: [{ dropuot: 0.1 }] })).toThrow(/"layers\[0\].dropuot": unknown field/);
  });

  it('lets a third party register a family by name, refuses a second one of that name, and unregisters it', () => {
    const options = Type.Object({ depth: Type.Integer({ minimum: 1, default: 1, description: 'how many' }) });
    const mine = { name: 'mine', description: 'test family', options, example: { ...W3, family: 'mine' }, build: (s: Parameters<ReturnType<typeof getModelFamily>['build']>[0]) => getModelFamily('vanilla').build({ ...s, options: {} }) };
    registerModelFamily(mine);
    expect(listModelFamilies().map((f) => f.name)).toContain('mine');
    expect(summarizeModel(buildModel({ ...W3, family: 'mine' })).totalParams).toBe(3_860);
    expect(resolveSpec({ ...W3, family: 'mine' }).options).toEqual({ depth: 1 });
    expect(() => registerModelFamily({ ...mine })).toThrow(/a model family named "mine" is already registered/);
    expect(() => registerModelFamily({ ...getModelFamily('vanilla') })).toThrow(/named "vanilla" is already registered/);
    expect(unregisterModelFamily('mine')).toBe(true);
    expect(listModelFamilies().map((f) => f.name)).not.toContain('mine');
  });

  it('every built-in family builds its own example', () => {
    for (const family of listModelFamilies()) buildModel(family.example).dispose();
  });

  it('migrates a spec written with the family fields at the top level (lstmkit 0.1) into options', () => {
    expect(migrateSpec({ family: 'cnn-lstm', inputShape: [5, 10], units: 3, conv: { filters: 2, kernelSize: 2, poolSize: 2 }, head: W1.head })).toEqual({
      family: 'cnn-lstm', inputShape: [5, 10], units: 3, head: W1.head, options: { filters: 2, kernelSize: 2, poolSize: 2 },
    });
    // 0.1 ignored the dense layers of an encoder-decoder: the migrated spec drops them, and validates.
    const seq2seq = migrateSpec({ family: 'encoder-decoder', inputShape: [4, 1], units: 3, outputSteps: 2, dense: [4], head: { task: 'regression', outputs: 1 } });
    expect(seq2seq.options).toEqual({ outputSteps: 2 });
    buildModel(seq2seq).dispose();
    expect(migrateSpec(W1)).toBe(W1);
  });
});

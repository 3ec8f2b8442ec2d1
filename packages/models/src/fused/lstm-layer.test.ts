import { describe, expect, it } from 'vitest';
// tfjs' cpu backend: @lstmkit/models needs a backend, which apps get from @lstmkit/trainer (cpu, wasm, …).
import '@tensorflow/tfjs-backend-cpu';
import '../families.js';
import { buildModel, listModelFamilies } from '../registry.js';
import { SpecError, type ModelSpec } from '../spec.js';
import { tf } from '../tf.js';
import { FusedKernelError } from './fused-recurrent.js';
import { FusedLSTM, fusedRecurrentReport } from './lstm-layer.js';
import { lstmKernelFor, setNoLstmKernelReason } from './lstm-kernels.js';

const spec = { family: 'vanilla', inputShape: [5, 3] as const, units: 4, head: { task: 'multiclass' as const, outputs: 2 }, seed: 1 };

describe('FusedLSTM', () => {
  it("serialises exactly as tfjs' LSTM, so saved models load in plain tfjs and back", async () => {
    const model = buildModel(spec);
    const layer = model.layers[0]!;
    expect(layer).toBeInstanceOf(FusedLSTM);
    expect(layer.getClassName()).toBe('LSTM');
    const stock = tf.layers.lstm({ units: 4, inputShape: [5, 3], recurrentActivation: 'sigmoid', unitForgetBias: true, name: 'lstm' });
    expect(Object.keys(layer.getConfig()).sort()).toEqual(Object.keys(stock.getConfig()).sort());
    expect(layer.weights.map((w) => [w.originalName, w.shape])).toEqual([
      ['lstm/kernel', [3, 16]],
      ['lstm/recurrent_kernel', [4, 16]],
      ['lstm/bias', [16]],
    ]);
    // A JSON round trip through tfjs' own deserialiser gives the registered class back, with equal weights.
    const json = model.toJSON(undefined, false) as unknown as object;
    const copy = (await tf.models.modelFromJSON(json as never)) as tf.LayersModel;
    copy.setWeights(model.getWeights());
    expect(copy.layers[0]).toBeInstanceOf(FusedLSTM);
    const x = tf.randomNormal([2, 5, 3]);
    expect(Array.from((copy.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });

  it('without a registered kernel, runs tfjs-layers code and says why', () => {
    // This package registers no kernel itself (@lstmkit/trainer adds @lstmkit/native's).
    expect(lstmKernelFor('wasm')).toEqual({ reason: "no fused recurrent kernel registered (importing @lstmkit/trainer registers @lstmkit/native's; or registerRecurrentKernel)" });
    setNoLstmKernelReason('the fused kernels are still loading');
    expect(lstmKernelFor('wasm')).toEqual({ reason: 'the fused kernels are still loading' });
    setNoLstmKernelReason(undefined);
  });

  it('building and disposing models leaves no tensors behind (tfjs alone leaks 4 per LSTM with unitForgetBias)', () => {
    buildModel(spec).dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) buildModel({ ...spec, family: 'bidirectional' }).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the fused option (Keras 3 use_cudnn)', () => {
  const NO_KERNEL = /no fused recurrent kernel registered/;
  const fusedOf = (model: tf.LayersModel) => fusedRecurrentReport(model).map((r) => r.fused);
  const roundTrip = async (model: tf.LayersModel) => {
    const copy = (await tf.models.modelFromJSON(model.toJSON(undefined, false) as never)) as tf.LayersModel;
    copy.setWeights(model.getWeights());
    return copy;
  };

  it("is 'auto' by default and then left out of the config, so the layer saves exactly as tfjs' LSTM", () => {
    const model = buildModel(spec);
    expect((model.layers[0] as FusedLSTM).fused).toBe('auto');
    expect(model.layers[0]!.getConfig()).not.toHaveProperty('fused');
    expect(fusedRecurrentReport(model)).toEqual([{ layer: 'lstm', fused: 'auto', reason: expect.stringMatching(NO_KERNEL) }]);
  });

  it('true or false is kept in the config and survives a save and load, inside Bidirectional too', async () => {
    for (const fused of [true, false] as const) {
      const model = buildModel({ ...spec, family: 'bidirectional', units: [4, 4], fused });
      expect(fusedOf(model)).toEqual([fused, fused]);
      const copy = await roundTrip(model);
      expect(fusedOf(copy)).toEqual([fused, fused]);
      const layer = copy.layers[0] as unknown as { forwardLayer: FusedLSTM; backwardLayer: FusedLSTM };
      expect([layer.forwardLayer.fused, layer.backwardLayer.fused]).toEqual([fused, fused]);
      expect((copy.toJSON(undefined, false) as unknown as { config: { layers: { config: { layer: { config: object } } }[] } }).config.layers[0]!.config.layer.config).toMatchObject({ fused });
    }
  });

  it("false runs tfjs-layers' own code: the same outputs as tfjs' LSTM with the same weights, and says why", () => {
    const model = buildModel({ ...spec, fused: false });
    expect(fusedRecurrentReport(model)).toEqual([{ layer: 'lstm', fused: false, reason: "the layer's option fused: false" }]);
    const stock = tf.sequential({ layers: [tf.layers.lstm({ units: 4, inputShape: [5, 3], recurrentActivation: 'sigmoid' }), tf.layers.dense({ units: 2, activation: 'softmax' })] });
    stock.setWeights(model.getWeights());
    const x = tf.randomNormal([3, 5, 3], 0, 1, 'float32', 4);
    const [a, b] = [model.predict(x) as tf.Tensor, stock.predict(x) as tf.Tensor];
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    stock.dispose();
  });

  it('true where no kernel can run the layer throws, with the reason, instead of falling back', () => {
    const model = buildModel({ ...spec, fused: true });
    const x = tf.zeros([1, 5, 3]);
    expect(() => model.predict(x)).toThrow(FusedKernelError);
    expect(() => model.predict(x)).toThrow(/layer "lstm" has fused: true, but the fused kernel cannot run it: no fused recurrent kernel registered/);
    // What the layer's configuration rules out fails when the layer is built, before any data.
    expect(() => buildModel({ ...spec, fused: true, activation: 'elu' })).toThrow(/layer "lstm" has fused: true, but the fused kernel cannot run it: activation elu/);
    // 'auto' runs tfjs-layers' code here.
    const auto = buildModel(spec);
    tf.dispose([x, auto.predict(x) as tf.Tensor]);
    tf.dispose(x);
    model.dispose();
    auto.dispose();
  });

  it('reaches the recurrent layers of every family, spec-wide or per layer, and a bad value names the field', () => {
    for (const family of listModelFamilies()) {
      const example = family.example as ModelSpec;
      const layers = fusedRecurrentReport(buildModel(example)).length;
      expect(layers, family.name).toBeGreaterThan(0);
      expect(fusedOf(buildModel({ ...example, fused: false })), family.name).toEqual(Array(layers).fill(false));
    }
    expect(fusedOf(buildModel({ ...spec, family: 'stacked', units: [4, 4], fused: true, layers: [{ fused: false }] }))).toEqual([false, true]);
    expect(() => buildModel({ ...spec, fused: 'on' as never })).toThrow(SpecError);
    expect(() => buildModel({ ...spec, fused: 'on' as never })).toThrow('model spec field "fused": expected one of "auto", true, false, got "on"');
    expect(() => buildModel({ ...spec, layers: [{ fused: 1 as never }] })).toThrow(/model spec field "layers\[0\]\.fused": expected one of "auto", true, false/);
    expect(() => new FusedLSTM({ units: 2, fused: 'yes' as never })).toThrow("fused: expected 'auto', true or false, got \"yes\"");
  });
});

describe('fusedRecurrentReport', () => {
  it('lists every LSTM, GRU and SimpleRNN layer, inside Bidirectional too, with why it runs tfjs-layers code here', () => {
    const report = fusedRecurrentReport(buildModel({ ...spec, family: 'bidirectional', units: [4, 4] }));
    expect(report.map((r) => r.layer)).toEqual(['bidirectional', 'bidirectional_1']);
    expect(report[0]!.reason).toMatch(/no fused recurrent kernel registered/);
    expect(fusedRecurrentReport(buildModel({ ...spec, family: 'gru' })).map((r) => r.layer)).toEqual(['gru']);
    expect(fusedRecurrentReport(buildModel({ ...spec, family: 'rnn' })).map((r) => r.layer)).toEqual(['simple_rnn']);
  });

  it('keeps the LSTM-only names of the first release as deprecated aliases, so that code using them still works', async () => {
    const models = await import('../index.js');
    expect(models.fusedLstmReport).toBe(models.fusedRecurrentReport);
    expect(models.registerLstmKernel).toBe(models.registerRecurrentKernel);
  });
});

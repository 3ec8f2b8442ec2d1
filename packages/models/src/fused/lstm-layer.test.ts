import { describe, expect, it } from 'vitest';
// tfjs' cpu backend: @lstmkit/models needs a backend, which apps get from @lstmkit/trainer (cpu, wasm, …).
import '@tensorflow/tfjs-backend-cpu';
import '../families.js';
import { buildModel } from '../registry.js';
import { tf } from '../tf.js';
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

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SequenceDataset } from '@lstmkit/datasets';
import { buildModel, listModelFamilies, type ModelSpec } from '@lstmkit/models';
import { forwardPass, useBackend } from '@lstmkit/trainer';
import { exportOnnx } from './export.js';
import { OnnxExportError } from './errors.js';
import { readModelInfo } from './graph.js';
import { maxAbsDiff, randomizeWeights, sampleInputs } from './test-helpers.js';

/** The exported model's outputs in onnxruntime (Node, CPU), for the same inputs as lstmkit's. */
async function runOnnx(bytes: Uint8Array, ds: SequenceDataset, tokens: boolean): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const [n, t, f] = ds.shape;
  const input = tokens ? new ort.Tensor('int64', BigInt64Array.from(ds.x, (v) => BigInt(v)), [n, t]) : new ort.Tensor('float32', ds.x, [n, t, f]);
  const result = await session.run({ input });
  await session.release();
  return result.output!.data as Float32Array;
}

// Every model exported here is also handed to ONNX's own checker (Debian's python3-onnx) at the end.
const exportedDir = mkdtempSync(join(tmpdir(), 'lstmkit-onnx-models-'));
const exportedFiles: string[] = [];
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const checker = spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' });
if (checker.status !== 0) console.warn(`skipping onnx.checker: ${PYTHON} cannot import onnx (apt-get install python3-onnx)`);

/** Exports `model`, runs it in onnxruntime and lstmkit on the same inputs; returns the export and the largest difference. */
async function compare(model: tf.LayersModel, ds: SequenceDataset, tokens = false) {
  const exported = await exportOnnx(model);
  const file = join(exportedDir, `${model.name}-${exportedFiles.length}.onnx`);
  writeFileSync(file, exported.bytes);
  exportedFiles.push(file);
  const expected = (await forwardPass(model, ds)).outputs;
  const actual = await runOnnx(exported.bytes, ds, tokens);
  return { exported, diff: maxAbsDiff(actual, expected), expected };
}

const multiclass = { task: 'multiclass' as const, outputs: 4 };
const binary = { task: 'binary' as const, outputs: 1 };

interface Case {
  readonly label: string;
  readonly spec: ModelSpec;
  readonly vocabulary?: number;
  readonly padded?: boolean;
  /** Operators the graph must use (the recurrent layers as ONNX's own). */
  readonly ops: readonly string[];
}

// Every registered family, and the options that change the graph (merge modes, masks, activations, conv fronts).
const FAMILIES: readonly Case[] = [
  { label: 'vanilla: LSTM -> Dense(relu) -> Dense(softmax)', spec: { family: 'vanilla', inputShape: [6, 3], units: 5, dense: [6], head: multiclass }, ops: ['LSTM', 'Relu', 'Softmax'] },
  {
    label: 'stacked: LSTM(relu) x2, BatchNorm, Dropout -> softmax',
    spec: { family: 'stacked', inputShape: [6, 3], units: [8, 6], activation: 'relu', batchNorm: true, layerDropout: 0.2, head: multiclass },
    ops: ['LSTM', 'Sub', 'Mul', 'Softmax'],
  },
  ...(['concat', 'sum', 'mul', 'ave'] as const).map((mergeMode) => ({
    label: `bidirectional (${mergeMode}), two layers`,
    spec: { family: 'bidirectional', inputShape: [6, 3], units: [4, 3], mergeMode, head: multiclass } as ModelSpec,
    ops: ['LSTM'],
  })),
  { label: 'rnn: SimpleRNN(relu)', spec: { family: 'rnn', inputShape: [6, 3], units: 5, activation: 'relu', head: multiclass }, ops: ['RNN'] },
  { label: 'rnn: SimpleRNN(tanh) x2', spec: { family: 'rnn', inputShape: [6, 3], units: [5, 4], head: binary }, ops: ['RNN'] },
  { label: 'gru: GRU x2', spec: { family: 'gru', inputShape: [6, 3], units: [5, 4], head: multiclass }, ops: ['GRU'] },
  { label: 'cnn-lstm: Conv1D -> MaxPooling1D -> LSTM', spec: { family: 'cnn-lstm', inputShape: [9, 3], units: 5, conv: { filters: 4, kernelSize: 3 }, head: multiclass }, ops: ['Conv', 'MaxPool', 'LSTM'] },
  {
    label: 'cnn-lstm: TimeDistributed(Conv2D, MaxPooling2D, Flatten) over 6x6 frames -> LSTM',
    spec: { family: 'cnn-lstm', inputShape: [4, 36], units: 5, conv: { filters: 3, kernelSize: 3, frame: [6, 6] }, head: multiclass },
    ops: ['Conv', 'MaxPool', 'LSTM'],
  },
  {
    label: 'encoder-decoder: LSTM -> RepeatVector -> LSTM -> TimeDistributed(Dense)',
    spec: { family: 'encoder-decoder', inputShape: [6, 2], units: [5, 4], outputSteps: 3, head: { task: 'regression', outputs: 2 } },
    ops: ['LSTM', 'Expand'],
  },
  {
    label: 'generative: Embedding -> LSTM -> softmax over the vocabulary',
    spec: { family: 'generative', inputShape: [6, 1], units: 5, embedding: { vocabulary: 12, dim: 4 }, head: { task: 'multiclass', outputs: 12 } },
    vocabulary: 12,
    ops: ['Gather', 'LSTM'],
  },
  {
    label: 'vanilla on text: Embedding(mask_zero) -> LSTM, padded steps skipped',
    spec: { family: 'vanilla', inputShape: [6, 1], units: 5, embedding: { vocabulary: 12, dim: 4, maskZero: true }, head: binary },
    vocabulary: 12,
    padded: true,
    ops: ['Gather', 'LSTM', 'Where'],
  },
  {
    label: 'stacked with Masking and BatchNorm, padded steps skipped',
    spec: { family: 'stacked', inputShape: [6, 3], units: [5, 4], masking: true, batchNorm: true, head: multiclass },
    padded: true,
    ops: ['LSTM', 'Where'],
  },
  {
    label: 'bidirectional with Masking, padded steps skipped',
    spec: { family: 'bidirectional', inputShape: [6, 3], units: [4, 3], masking: true, head: multiclass },
    padded: true,
    ops: ['LSTM', 'Where'],
  },
];

beforeAll(async () => {
  // The backend lstmkit picks on a CPU; its LSTM, GRU and SimpleRNN layers run the fused native kernels.
  await useBackend('wasm');
});

describe('every family runs in onnxruntime with lstmkit\'s predictions', () => {
  it('covers every registered family', () => {
    expect(new Set(FAMILIES.map((c) => c.spec.family))).toEqual(new Set(listModelFamilies().map((f) => f.name)));
  });

  it.each(FAMILIES)('$label', async ({ spec, vocabulary, padded, ops }) => {
    const model = buildModel({ ...spec, seed: 3 });
    randomizeWeights(model, 7);
    const ds = sampleInputs(7, spec.inputShape[0], spec.inputShape[1], 11, { vocabulary, padded });
    const { exported, diff, expected } = await compare(model, ds, vocabulary !== undefined);
    expect(diff).toBeLessThan(1e-5);
    // Outputs that vary, so that agreeing means something.
    expect(Math.max(...expected) - Math.min(...expected)).toBeGreaterThan(1e-3);
    for (const op of ops) expect(exported.operators, op).toHaveProperty(op);
    expect(exported.input).toEqual({ name: 'input', type: vocabulary ? 'int64' : 'float', shape: ['batch', ...(vocabulary ? [spec.inputShape[0]] : spec.inputShape)] });
    model.dispose();
  });
});

describe('tfjs layers beyond the families', () => {
  const check = async (layers: tf.layers.Layer[], shape: [number, number], ops: string[]) => {
    const model = tf.sequential({ layers });
    randomizeWeights(model, 5);
    const { exported, diff } = await compare(model, sampleInputs(5, shape[0], shape[1], 2));
    expect(diff).toBeLessThan(1e-5);
    for (const op of ops) expect(exported.operators, op).toHaveProperty(op);
    model.dispose();
  };

  it("tfjs' own defaults: hard-sigmoid gates, GRU under Bidirectional (sum), SimpleRNN going backwards", async () => {
    await check(
      [
        tf.layers.bidirectional({ layer: tf.layers.gru({ units: 4, returnSequences: true }) as unknown as tf.RNN, mergeMode: 'sum', inputShape: [5, 3] }),
        tf.layers.lstm({ units: 3, returnSequences: true, goBackwards: true }),
        tf.layers.simpleRNN({ units: 3, goBackwards: true }),
        tf.layers.dense({ units: 2 }),
      ],
      [5, 3],
      ['GRU', 'LSTM', 'RNN'],
    );
  });

  it("Conv1D with 'same' padding and strides, dilation, average pooling, Flatten, Activation", async () => {
    await check(
      [
        tf.layers.conv1d({ filters: 3, kernelSize: 3, padding: 'same', strides: 2, activation: 'elu', inputShape: [9, 2] }),
        tf.layers.conv1d({ filters: 2, kernelSize: 2, dilationRate: 2 }),
        tf.layers.averagePooling1d({ poolSize: 2, padding: 'same' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3 }),
        tf.layers.activation({ activation: 'softmax' }),
      ],
      [9, 2],
      ['Conv', 'AveragePool', 'Softmax'],
    );
  });
});

describe('what the export says and refuses', () => {
  it('writes class names, task, preprocessing and the spec as metadata_props, and leaves no tensors behind', async () => {
    const spec: ModelSpec = { family: 'stacked', inputShape: [4, 2], units: [2, 2], layerDropout: 0.4, batchNorm: true, head: binary };
    const model = buildModel(spec);
    const before = tf.memory().numTensors;
    const preprocessing = { kind: 'standardize' as const, columns: ['a', 'b'], mean: [1, 2], std: [3, 4] };
    const exported = await exportOnnx(model, { metadata: { task: 'binary', classNames: ['no', 'yes'], preprocessing, spec }, properties: { source: 'pima.csv' } });
    expect(tf.memory().numTensors).toBe(before);
    expect(exported.removed).toEqual(['dropout', 'dropout_1']);
    const info = readModelInfo(exported.bytes);
    expect(info.producerName).toBe('lstmkit');
    expect(info.metadata).toEqual({
      input_layout: 'batch, timesteps, features (float32)',
      task: 'binary',
      class_names: '["no","yes"]',
      preprocessing: JSON.stringify(preprocessing),
      lstmkit_spec: JSON.stringify(spec),
      source: 'pima.csv',
    });
    model.dispose();
  });

  it('refuses a layer it cannot express, naming it, and exports nothing', async () => {
    const norm = tf.sequential({ layers: [tf.layers.lstm({ units: 3, inputShape: [4, 2], returnSequences: true }), tf.layers.layerNormalization({ name: 'norm' }), tf.layers.flatten()] });
    const err = await exportOnnx(norm).catch((e) => e);
    expect(err).toBeInstanceOf(OnnxExportError);
    expect(err.message).toMatch(/^cannot export layer "norm" to ONNX: no ONNX converter for LayerNormalization layers \(exportable: .*LSTM/);
    const selu = tf.sequential({ layers: [tf.layers.lstm({ name: 'odd', units: 3, activation: 'selu', inputShape: [4, 2] })] });
    await expect(exportOnnx(selu)).rejects.toThrow(/layer "odd".*activation "selu" is not one of the activations ONNX's recurrent operators take/);
    const stateful = tf.sequential({ layers: [tf.layers.lstm({ name: 'keeps', units: 3, stateful: true, batchInputShape: [2, 4, 2] })] });
    await expect(exportOnnx(stateful)).rejects.toThrow(/layer "keeps".*stateful/);
    const broken = tf.sequential({ layers: [tf.layers.dense({ name: 'head', units: 2, inputShape: [3] })] });
    broken.setWeights([tf.tensor2d([1, 2, NaN, 4, 5, 6], [3, 2]), tf.zeros([2])]);
    await expect(exportOnnx(broken)).rejects.toThrow(/layer "head".*weight "head\/kernel" holds a non-finite value \(NaN\) at index 2/);
    const input = tf.input({ shape: [4, 2] });
    const functional = tf.model({ inputs: input, outputs: tf.layers.lstm({ units: 2 }).apply(input) as tf.SymbolicTensor });
    await expect(exportOnnx(functional)).rejects.toThrow(/the model is a Model graph; the exporter reads Sequential models/);
  });
});

describe.runIf(checker.status === 0)("ONNX's checker", () => {
  it('accepts every model exported above (full check: types and shapes inferred through the graph)', () => {
    expect(exportedFiles.length).toBeGreaterThanOrEqual(FAMILIES.length);
    const script = 'import onnx, sys\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\nprint(len(sys.argv) - 1)';
    const r = spawnSync(PYTHON, ['-c', script, ...exportedFiles], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(String(exportedFiles.length));
  });
});

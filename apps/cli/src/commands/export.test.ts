import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, type ModelSpec } from '@lstmkit/models';
import { readModelInfo } from '@lstmkit/onnx';
import { forwardPass, useBackend } from '@lstmkit/trainer';
import { loadModel, saveModel } from '@lstmkit/trainer/node';

// The built CLI in a child process, on models saved as `lstmkit train --out` saves them.
const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'export', ...args], { encoding: 'utf8' });

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-export-'));
const vocabulary = ['<pad>', '<oov>', 'good', 'bad', 'film', 'plot', 'great', 'dull'];
const SPEC: ModelSpec = { family: 'vanilla', inputShape: [5, 1], units: 6, embedding: { vocabulary: 8, dim: 3, maskZero: true }, layerDropout: 0.5, head: { task: 'binary', outputs: 1 }, seed: 2 };
const META = {
  spec: SPEC,
  dataset: {
    name: 'text',
    source: 'reviews.tsv',
    task: 'binary' as const,
    timesteps: 5,
    features: 1,
    trainSamples: 10,
    classNames: ['negative', 'positive'],
    preprocessing: { kind: 'tokenize' as const, vocabulary, length: 5, lowercase: true },
  },
  backend: 'wasm',
  seed: 2,
};

beforeAll(async () => {
  expect(existsSync(BIN), `${BIN} is missing: run \`pnpm build\` first`).toBe(true);
  await useBackend('wasm');
  await saveModel(join(dir, 'text'), buildModel(SPEC), META);
});

describe('lstmkit export', () => {
  it('writes an ONNX model that onnxruntime runs with the saved model\'s predictions, its vocabulary and classes as metadata', async () => {
    const out = join(dir, 'text.onnx');
    const r = run('--model', join(dir, 'text'), '--format', 'onnx', '--out', out, '--json');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ out, format: 'onnx', opset: 13, input: { name: 'input', type: 'int64', shape: ['batch', 5] }, output: { name: 'output', shape: ['batch', 1] }, removed: ['dropout'] });
    expect(report.operators).toMatchObject({ Gather: 1, Where: expect.any(Number) });
    const { metadata } = readModelInfo(readFileSync(out));
    expect(JSON.parse(metadata.class_names!)).toEqual(['negative', 'positive']);
    expect(JSON.parse(metadata.preprocessing!)).toEqual(META.dataset.preprocessing);
    expect(JSON.parse(metadata.lstmkit_spec!)).toEqual(SPEC);

    // Token ids with leading padding, as the text dataset encodes reviews.
    const ids = [0, 0, 2, 4, 6, 0, 3, 5, 7, 1, 2, 2, 2, 2, 2];
    const { model } = await loadModel(join(dir, 'text'));
    const expected = (await forwardPass(model, { name: 'ids', source: 'test', x: Float32Array.from(ids), shape: [3, 5, 1], y: new Int32Array(3), task: 'binary' })).outputs;
    const session = await ort.InferenceSession.create(out);
    const actual = (await session.run({ input: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [3, 5]) })).output!.data as Float32Array;
    Array.from(actual).forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-5));
    await session.release();

    // Exporting again replaces the file lstmkit wrote; the text report names the operators.
    const again = run('--model', join(dir, 'text'), '--out', out);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/ONNX opset 13.*\n.*input int64 \[batch, 5\] -> output float \[batch, 1\]\n.*operators: .*LSTM x\d+/);
  });

  it('refuses with exit code 2 and a message naming the problem, writing nothing', async () => {
    const missing = run('--model', join(dir, 'nothing'), '--out', join(dir, 'x.onnx'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/lstmkit\.json: missing: not a saved lstmkit model directory/);
    expect(run('--model', join(dir, 'text'), '--format', 'tflite', '--out', join(dir, 'x.onnx')).stderr).toMatch(/option '--format <format>' argument 'tflite' is invalid. Allowed choices are onnx/);

    const foreign = join(dir, 'mine.onnx');
    writeFileSync(foreign, 'my own notes');
    const kept = run('--model', join(dir, 'text'), '--out', foreign);
    expect(kept.status).toBe(2);
    expect(kept.stderr).toContain(`${foreign}: exists and is not an ONNX model written by lstmkit`);
    expect(readFileSync(foreign, 'utf8')).toBe('my own notes');

    const odd = tf.sequential({ layers: [tf.layers.lstm({ units: 3, inputShape: [4, 2], returnSequences: true }), tf.layers.layerNormalization({ name: 'norm' }), tf.layers.flatten(), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    await saveModel(join(dir, 'odd'), odd, { ...META, spec: { ...SPEC, inputShape: [4, 2] } });
    const refused = run('--model', join(dir, 'odd'), '--out', join(dir, 'odd.onnx'));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^lstmkit: error: .*odd: cannot export layer "norm" to ONNX: no ONNX converter for LayerNormalization layers/);
    expect(existsSync(join(dir, 'odd.onnx'))).toBe(false);
  });
});

import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './backends/registry.js';
import { ModelFileError, NonFiniteError } from './errors.js';
import { forwardPass } from './evaluate.js';
import { loadModelFromFiles, modelToFiles, type ModelFile } from './model-files.js';
import { loadModel, saveModel } from './persist.js';
import { smallDigits, smallModel, smallModelRecord } from './test-helpers.js';
import { tf } from './tf.js';

const META = { ...smallModelRecord(6, 2), metrics: { testAccuracy: 0.25 } };

beforeAll(async () => {
  await useBackend('cpu');
});

const readFolder = (dir: string): ModelFile[] => readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));

describe('a model as in-memory files', () => {
  it('loads what saveModel wrote, and saveModel’s loadModel reads what modelToFiles gives: same predictions, same metadata', async () => {
    const { test } = await smallDigits(100);
    const sample = { ...test, x: test.x.subarray(0, 20 * 784), y: test.y.subarray(0, 20), shape: [20, 28, 28] as const };
    const model = smallModel(6, 2);
    const expected = (await forwardPass(model, sample)).outputs;

    const dir = join(mkdtempSync(join(tmpdir(), 'lstmkit-files-')), 'node-saved');
    await saveModel(dir, model, META);
    const fromNode = await loadModelFromFiles(readFolder(dir));
    expect(Array.from((await forwardPass(fromNode.model, sample)).outputs)).toEqual(Array.from(expected));
    expect(fromNode.metadata).toEqual(JSON.parse(readFileSync(join(dir, 'lstmkit.json'), 'utf8')));
    expect(fromNode.warnings).toEqual([]);

    const before = tf.memory().numTensors;
    const files = await modelToFiles(model, META);
    expect(tf.memory().numTensors).toBe(before);
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'lstmkit.json']);
    const out = join(mkdtempSync(join(tmpdir(), 'lstmkit-files-')), 'downloaded');
    mkdirSync(out);
    for (const f of files) writeFileSync(join(out, f.name), f.bytes);
    const fromBrowser = await loadModel(out);
    expect(Array.from((await forwardPass(fromBrowser.model, sample)).outputs)).toEqual(Array.from(expected));
    expect(fromBrowser.metadata).toMatchObject({ format: 'lstmkit-model', spec: META.spec, dataset: META.dataset, metrics: META.metrics });
    // Same files as saveModel writes: the model's own bytes are identical; lstmkit.json differs only in its time.
    for (const name of ['model.json', 'weights.bin']) expect(Buffer.from(files.find((f) => f.name === name)!.bytes).equals(readFileSync(join(dir, name)))).toBe(true);
    expect({ ...fromBrowser.metadata, createdAt: '' }).toEqual({ ...fromNode.metadata, createdAt: '' });
    for (const m of [model, fromNode.model, fromBrowser.model]) m.dispose();
  });

  it('reads picked DOM Files, and names the file that is damaged, missing or given twice', async () => {
    const model = smallModel(4, 3);
    const files = await modelToFiles(model, META);
    const picked = files.map((f) => new File([f.bytes as Uint8Array<ArrayBuffer>], `my-model/${f.name}`));
    expect((await loadModelFromFiles(picked)).metadata.seed).toBe(2);

    const flipped = files.map((f) => (f.name === 'weights.bin' ? { ...f, bytes: f.bytes.map((b, i) => (i === 40 ? b ^ 1 : b)) } : f));
    const err = await loadModelFromFiles(flipped).catch((e) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect(err.message).toMatch(/^weights\.bin: sha256 [0-9a-f]{64} does not match the recorded [0-9a-f]{64}: the file is damaged or was changed/);
    await expect(loadModelFromFiles(files.filter((f) => f.name !== 'lstmkit.json'))).rejects.toThrow('lstmkit.json: missing: not a saved lstmkit model directory');
    await expect(loadModelFromFiles(files.filter((f) => f.name !== 'weights.bin'))).rejects.toThrow('weights.bin: missing');
    await expect(loadModelFromFiles([...files, files[0]!])).rejects.toThrow('model.json: given twice');
    model.dispose();
  });

  it('never turns a model with a non-finite weight into files', async () => {
    const model = smallModel(4, 4);
    const dense = model.getLayer('dense');
    const [kernel, bias] = dense.getWeights();
    dense.setWeights([kernel!, tf.fill(bias!.shape, Infinity)]);
    await expect(modelToFiles(model, META)).rejects.toThrow(NonFiniteError);
    await expect(modelToFiles(model, META)).rejects.toThrow(/not saved: weight "dense\/bias" holds Infinity/);
    model.dispose();
  });
});

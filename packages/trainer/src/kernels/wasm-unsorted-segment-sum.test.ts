import { describe, expect, it } from 'vitest';
import { buildModel } from '@lstmkit/models';
import { useBackend } from '../index.js';
import { missingTrainingKernel } from '../can-train.js';
import { tf } from '../tf.js';

const segmentSums = () => {
  const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [5, 2]);
  const ids = tf.tensor1d([2, 0, 2, 9, 1], 'int32'); // 9 is out of range: dropped, as in TensorFlow
  return Array.from(tf.unsortedSegmentSum(x, ids, 4).dataSync());
};

describe('wasm UnsortedSegmentSum (the Embedding gradient)', () => {
  it('gives the cpu backend its result', async () => {
    await useBackend('cpu');
    const cpu = segmentSums();
    await useBackend('wasm');
    expect(segmentSums()).toEqual(cpu);
    expect(cpu).toEqual([3, 4, 9, 10, 6, 8, 0, 0]);
  });

  it('lets an Embedding model train on wasm, while a conv front still cannot (and is reported)', async () => {
    await useBackend('wasm');
    const emb = buildModel({ family: 'vanilla', inputShape: [6, 1], units: 4, head: { task: 'binary', outputs: 1 }, options: { embedding: { vocabulary: 20, dim: 3 } } });
    expect(missingTrainingKernel(emb)).toBeUndefined();
    const cnn = buildModel({ family: 'cnn-lstm', inputShape: [8, 3], units: 4, head: { task: 'binary', outputs: 1 }, options: { filters: 2, kernelSize: 3 } });
    expect(missingTrainingKernel(cnn)).toBe('Conv2DBackpropFilter');
    const before = tf.memory().numTensors;
    missingTrainingKernel(emb);
    expect(tf.memory().numTensors).toBe(before);
    const choice = await useBackend('auto', { model: cnn });
    expect(choice.name).toBe('cpu');
    expect(choice.skipped.find((s) => s.name === 'wasm')).toEqual({ name: 'wasm', reason: "cannot train this model: tfjs' wasm backend has no Conv2DBackpropFilter kernel" });
    await expect(useBackend('wasm', { model: cnn })).rejects.toThrow(/backend "wasm" is not available: cannot train this model/);
  });
});

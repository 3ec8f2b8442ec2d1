import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from './export.js';
import { OnnxFileError, writeOnnxFile } from './write-file.js';

describe('writeOnnxFile', () => {
  it('writes atomically, replaces a model lstmkit wrote, and leaves any other file alone', async () => {
    const model = tf.sequential({ layers: [tf.layers.gru({ units: 2, inputShape: [3, 2] })] });
    const { bytes } = await exportOnnx(model);
    const dir = mkdtempSync(join(tmpdir(), 'lstmkit-onnx-'));
    const file = join(dir, 'sub', 'model.onnx');
    await writeOnnxFile(file, bytes);
    expect(readFileSync(file)).toEqual(Buffer.from(bytes));
    await writeOnnxFile(file, bytes);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['model.onnx']);
    const other = join(dir, 'notes.onnx');
    writeFileSync(other, 'not a model');
    const err = await writeOnnxFile(other, bytes).catch((e) => e);
    expect(err).toBeInstanceOf(OnnxFileError);
    expect(err.message).toBe(`${other}: exists and is not an ONNX model written by lstmkit; choose another path or remove it`);
    expect(readFileSync(other, 'utf8')).toBe('not a model');
    expect(readdirSync(dir).sort()).toEqual(['notes.onnx', 'sub']);
    model.dispose();
  });
});

import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { readModelInfo } from './graph.js';

/** The output path cannot be written: it holds something lstmkit did not write, or is not a file. */
export class OnnxFileError extends Error {
  override readonly name = 'OnnxFileError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** Whether `file` is an ONNX model lstmkit wrote (so it may be replaced). */
async function writtenByLstmkit(file: string): Promise<boolean> {
  try {
    return readModelInfo(await readFile(file)).producerName === 'lstmkit';
  } catch {
    return false;
  }
}

/**
 * Writes the bytes of an exported model to `file`: to a temporary sibling first, then renamed into place, so an
 * interrupted write never leaves half a model. An existing file is replaced only if it is an ONNX model lstmkit
 * wrote; anything else there is left alone and refused.
 */
export async function writeOnnxFile(file: string, bytes: Uint8Array): Promise<void> {
  const target = resolve(file);
  if (existsSync(target) && !(await writtenByLstmkit(target))) {
    throw new OnnxFileError(file, 'exists and is not an ONNX model written by lstmkit; choose another path or remove it');
  }
  await mkdir(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

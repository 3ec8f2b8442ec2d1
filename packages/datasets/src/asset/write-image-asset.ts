import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SequenceDataset } from '../types.js';
import { encodeImageAsset } from './image-asset.js';

/**
 * Writes a multiclass image dataset as an image asset file (see `encodeImageAsset`), for a web app to serve and
 * `loadImageAsset` to read. Written to a temporary file and renamed, so a failed run leaves no half file.
 * For the embedded digits: `await writeImageAsset('public/digits.bin', await loadEmbeddedDigits())`.
 * Returns the number of bytes written.
 */
export async function writeImageAsset(path: string, dataset: SequenceDataset): Promise<number> {
  const bytes = encodeImageAsset(dataset);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return bytes.length;
}

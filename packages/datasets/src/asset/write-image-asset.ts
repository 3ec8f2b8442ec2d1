import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
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
  await writeFileAtomic(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return bytes.length;
}

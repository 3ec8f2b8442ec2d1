import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** How `writeFileAtomic` finishes. */
export interface AtomicWriteOptions {
  /**
   * Called after every byte is on disk and before the file takes the target's place; throwing here (e.g. a download
   * whose checksum differs) leaves the target as it was and removes the new bytes.
   */
  readonly check?: () => void | Promise<void>;
}

/**
 * Writes `data` to `target` in one step as others see it: into a temporary file beside the target (the same folder,
 * so the rename never crosses file systems), flushed to disk, checked, then renamed over the target. Interrupted
 * or refused, the target keeps what it had and the temporary file is removed. `data` may be a stream of chunks
 * (a download), written as they arrive.
 *
 * One helper for every lstmkit package that writes a file (charts, ONNX models, downloads, the dataset cache).
 * write-file-atomic does the same for whole buffers, but not for a stream checked before it is kept.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array | AsyncIterable<Uint8Array>, options: AtomicWriteOptions = {}): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.lstmkit-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const file = await open(tmp, 'w');
  try {
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await file.writeFile(data);
      else for await (const chunk of data) await file.write(chunk);
      await file.sync();
    } finally {
      await file.close();
    }
    await options.check?.();
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

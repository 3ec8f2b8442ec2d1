import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { createGunzip, gunzipSync } from 'node:zlib';
import { DatasetError } from '../errors.js';

const isGzip = (head: Uint8Array) => head[0] === 0x1f && head[1] === 0x8b;
const CHUNK = 64 * 1024;

/** A data file that must exist and be a file (not a folder). */
async function checkFile(file: string): Promise<number> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new DatasetError(file, 'no such file');
  if (!info.isFile()) throw new DatasetError(file, 'expected a file, got a directory');
  return info.size;
}

/** Why reading `file` failed, in words, as the DatasetError every loader throws. */
export function readFailure(e: unknown, file: string, size: number, compressedBytesRead?: number): DatasetError {
  if (e instanceof DatasetError) return e;
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/.test(err.message)) {
    return new DatasetError(file, `truncated gzip data: the file ends at byte ${size} before its compressed stream does; copy or download it again`);
  }
  if (err.code?.startsWith('Z_')) {
    // The stream reads 64 KiB at a time; the chunk after the last one gunzip finished holds the fault.
    const at = compressedBytesRead === undefined ? '' : ` between bytes ${compressedBytesRead} and ${Math.min(size, compressedBytesRead + CHUNK)}`;
    return new DatasetError(file, `corrupt gzip data${at} (${err.message}); copy or download it again`);
  }
  if (err.code === 'EACCES' || err.code === 'EPERM') return new DatasetError(file, 'cannot be read: permission denied');
  if (err.code === 'EISDIR') return new DatasetError(file, 'expected a file, got a directory');
  return new DatasetError(file, `cannot be read (${err.message})`);
}

/**
 * A data file's bytes as a stream, gunzipped when it starts with gzip's magic bytes (whatever its name). Its errors
 * reach the consumer of `stream`; `failure(e)` turns one into a DatasetError naming the file and the byte.
 */
export async function openData(file: string): Promise<{ stream: Readable; failure: (e: unknown) => DatasetError }> {
  const size = await checkFile(file);
  const handle = await open(file, 'r').catch((e) => {
    throw readFailure(e, file, size);
  });
  const head = new Uint8Array(2);
  await handle.read(head, 0, 2, 0);
  await handle.close();
  const raw = createReadStream(file, { highWaterMark: CHUNK });
  if (!isGzip(head)) return { stream: raw, failure: (e) => readFailure(e, file, size) };
  const gunzip = createGunzip();
  // pipeline, not pipe: an error in either stage reaches the reader of the gunzipped stream instead of being lost.
  const stream = pipeline(raw, gunzip, () => undefined);
  return { stream, failure: (e) => readFailure(e, file, size, gunzip.bytesWritten) };
}

/** A whole data file's bytes, gunzipped when it starts with gzip's magic bytes. */
export async function readData(file: string): Promise<Uint8Array> {
  const size = await checkFile(file);
  const bytes: Uint8Array = await readFile(file).catch((e) => {
    throw readFailure(e, file, size);
  });
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw readFailure(e, file, size);
  }
}

/** Bytes as UTF-8 text; a file that is not UTF-8 (binary data, another encoding) is named with the first bad byte. */
export function utf8Text(bytes: Uint8Array, file: string): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (isUtf8(bytes)) return text;
  const at = Buffer.byteLength(text.slice(0, text.indexOf('\uFFFD')));
  throw new DatasetError(file, `not UTF-8 text: the bytes at offset ${at} are not valid UTF-8 (a binary file, or another encoding; save it as UTF-8)`);
}

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from '../errors.js';
import type { LoadProgress } from '../types.js';

/** How `readSourceFile` caches downloads, checks files and reports progress. */
export interface ReadOptions {
  /** Where downloaded files are kept; default $LSTMKIT_CACHE or ~/.cache/lstmkit. */
  readonly cacheDir?: string;
  /** sha256 of each file's uncompressed content, by canonical name; a mismatch is an error. */
  readonly checksums?: Readonly<Record<string, string>>;
  /** Called as bytes arrive. */
  readonly onProgress?: (p: LoadProgress) => void;
}

export const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/** Where downloads are kept: `$LSTMKIT_CACHE`, or `~/.cache/lstmkit`. */
export function defaultCacheDir(): string {
  return process.env.LSTMKIT_CACHE ?? join(homedir(), '.cache', 'lstmkit');
}

/** The names one canonical IDX file goes by: raw or gzipped, with a dash or a dot before "idx". */
export function candidateNames(canonical: string): string[] {
  const dotted = canonical.replace(/-(idx\d-ubyte)$/, '.$1');
  const names = [canonical, `${canonical}.gz`];
  if (dotted !== canonical) names.push(dotted, `${dotted}.gz`);
  return names;
}

/**
 * Reads the file `canonical` (e.g. "train-images-idx3-ubyte") from a directory or a base URL,
 * gunzips it if needed and verifies its checksum. Returns the uncompressed bytes.
 */
export async function readSourceFile(source: string, canonical: string, opts: ReadOptions = {}): Promise<{ bytes: Uint8Array; where: string }> {
  const { path, where } = isUrl(source) ? await download(source, canonical, opts) : await findInDir(source, canonical);
  let bytes: Uint8Array = await readFile(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new DatasetError(where, `corrupt gzip data (${(e as Error).message}); delete it and fetch it again`);
    }
  }
  const expected = opts.checksums?.[canonical];
  if (expected) {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== expected) {
      throw new DatasetError(where, `checksum mismatch: sha256 of the uncompressed content is ${actual}, expected ${expected} (the file is damaged or not the original)`);
    }
  }
  return { bytes, where };
}

async function findInDir(dir: string, canonical: string): Promise<{ path: string; where: string }> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new DatasetError(dir, 'no such directory');
  if (!info.isDirectory()) throw new DatasetError(dir, 'expected a directory holding the IDX files, got a file');
  for (const name of candidateNames(canonical)) {
    const path = join(dir, name);
    if (existsSync(path)) return { path, where: path };
  }
  throw new DatasetError(join(dir, canonical), `missing file: looked for ${candidateNames(canonical).join(', ')}`);
}

/** Downloads base/<name>.gz (then base/<name>) into the cache once. */
async function download(base: string, canonical: string, opts: ReadOptions): Promise<{ path: string; where: string }> {
  const cacheDir = join(opts.cacheDir ?? defaultCacheDir(), createHash('sha256').update(base).digest('hex').slice(0, 16));
  for (const name of [`${canonical}.gz`, canonical]) {
    const cached = join(cacheDir, name);
    const url = `${base.replace(/\/+$/, '')}/${name}`;
    if (existsSync(cached)) return { path: cached, where: url };
    if (await downloadFile(url, cached, { label: name, onProgress: opts.onProgress, missingOk: true })) return { path: cached, where: url };
  }
  throw new DatasetError(`${base}/${canonical}`, `missing file: the server has neither ${canonical}.gz nor ${canonical} (HTTP 404)`);
}

/** How `downloadFile` checks and reports a download. */
export interface DownloadOptions {
  /** Shown in progress events, e.g. "mnist/train-images-idx3-ubyte.gz". */
  readonly label: string;
  /** sha256 of the file's bytes: a download that differs is deleted and reported, never kept. */
  readonly sha256?: string;
  /** Expected size, for progress when the server sends no Content-Length. */
  readonly bytes?: number;
  /** Called as bytes arrive. */
  readonly onProgress?: (p: LoadProgress) => void;
  /** Resolve to false on HTTP 404 instead of failing. */
  readonly missingOk?: boolean;
}

/**
 * Streams `url` into `dest`, atomically: the bytes go to a temporary file beside it (hashed on the way), which is
 * renamed into place only when complete and, given a sha256, identical to the expected file. Reports progress in
 * bytes. Errors name the URL and say what to do offline.
 */
export async function downloadFile(url: string, dest: string, opts: DownloadOptions): Promise<boolean> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    const cause = (e as Error & { cause?: Error }).cause?.message ?? (e as Error).message;
    throw new DatasetError(url, `download failed (${cause}); without internet, point LSTMKIT_DATASETS_MIRROR at a folder or server that holds the files, or pass a source`);
  }
  if (res.status === 404 && opts.missingOk) return false;
  if (!res.ok || !res.body) throw new DatasetError(url, `download failed: HTTP ${res.status} ${res.statusText}`);
  const total = Number(res.headers.get('content-length')) || opts.bytes;
  await mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.${process.pid}.${Date.now()}.tmp`;
  const hash = createHash('sha256');
  const out = createWriteStream(tmp);
  let done = 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      done += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
      opts.onProgress?.({ stage: `download ${opts.label}`, done, total, unit: 'bytes' });
    }
    out.end();
    await once(out, 'finish');
    const actual = hash.digest('hex');
    if (opts.sha256 && actual !== opts.sha256) {
      throw new DatasetError(url, `checksum mismatch: the download's sha256 is ${actual}, expected ${opts.sha256} (a damaged or changed file; nothing was kept)`);
    }
    await rename(tmp, dest);
  } catch (e) {
    out.destroy();
    await rm(tmp, { force: true });
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(url, `download failed after ${done} bytes (${(e as Error).message}); run again to retry`);
  }
  return true;
}

/** sha256 of a file's bytes, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

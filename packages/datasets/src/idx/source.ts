import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from '../errors.js';
import type { LoadProgress } from '../types.js';

export interface ReadOptions {
  /** Where downloaded files are kept; default $LSTMKIT_CACHE or ~/.cache/lstmkit. */
  readonly cacheDir?: string;
  /** sha256 of each file's uncompressed content, by canonical name; a mismatch is an error. */
  readonly checksums?: Readonly<Record<string, string>>;
  readonly onProgress?: (p: LoadProgress) => void;
}

export const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

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

/** Downloads base/<name>.gz (then base/<name>) into the cache once; the write is atomic (temp file, then rename). */
async function download(base: string, canonical: string, opts: ReadOptions): Promise<{ path: string; where: string }> {
  const cacheDir = join(opts.cacheDir ?? defaultCacheDir(), createHash('sha256').update(base).digest('hex').slice(0, 16));
  for (const name of [`${canonical}.gz`, canonical]) {
    const cached = join(cacheDir, name);
    const url = `${base.replace(/\/+$/, '')}/${name}`;
    if (existsSync(cached)) return { path: cached, where: url };
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      throw new DatasetError(url, `download failed: ${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}`);
    }
    if (res.status === 404) continue;
    if (!res.ok || !res.body) throw new DatasetError(url, `download failed: HTTP ${res.status} ${res.statusText}`);
    const total = Number(res.headers.get('content-length')) || undefined;
    const chunks: Uint8Array[] = [];
    let done = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      done += chunk.length;
      opts.onProgress?.({ stage: `download ${name}`, done, total });
    }
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    await writeFile(tmp, Buffer.concat(chunks));
    await rename(tmp, cached);
    return { path: cached, where: url };
  }
  throw new DatasetError(`${base}/${canonical}`, `missing file: the server has neither ${canonical}.gz nor ${canonical} (HTTP 404)`);
}

import { DatasetError } from '../errors.js';
import type { LoadProgress } from '../types.js';
import type { RemoteFile } from './files.js';

/** How `fetchChecked` finds a file and reports progress (the browser's counterpart of Node's `fetchRemote`). */
export interface FetchCheckedOptions {
  /**
   * A base URL holding each file under its `path` (the layout of Node's cache and of LSTMKIT_DATASETS_MIRROR),
   * used instead of the public addresses. In a page it must send CORS headers (Access-Control-Allow-Origin), or be
   * the page's own origin.
   */
  readonly mirror?: string;
  /** Keep checked downloads in the browser's Cache Storage (when there is one), so a reload reads them offline; default true. */
  readonly cache?: boolean;
  /** Called as bytes arrive. */
  readonly onProgress?: (p: LoadProgress) => void;
}

/** The Cache Storage bucket the checked downloads are kept in. */
export const DATASETS_CACHE = 'lstmkit-datasets';

const hex = (digest: ArrayBuffer) => Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');

/** sha256 of bytes, as hex, with WebCrypto (browsers, workers and Node 20 alike). */
export const sha256Hex = async (bytes: Uint8Array): Promise<string> => hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));

/** Where a file is fetched from: the mirror, if given, else its public address. */
export const addressOf = (file: RemoteFile, mirror?: string): string => (mirror ? `${mirror.replace(/\/+$/, '')}/${file.path}` : file.url);

/** The Cache Storage of this context, when it has one (pages and workers on https or localhost; not Node). */
const cacheStorage = (): CacheStorage | undefined => (typeof caches === 'undefined' ? undefined : caches);

/**
 * The bytes of a data set's file, fetched with `fetch` (from the mirror if given, else its public address) and
 * checked against its sha256 with WebCrypto: a file that differs is never returned nor kept. Progress is reported
 * in bytes as they arrive. In a browser, checked files are kept in Cache Storage and read from there next time
 * (checked again). A failure names the address and says what to do: most public hosts send no CORS headers, so a
 * page reaches them only through a mirror that does.
 */
export async function fetchChecked(file: RemoteFile, options: FetchCheckedOptions = {}): Promise<Uint8Array> {
  const url = addressOf(file, options.mirror);
  const store = options.cache === false ? undefined : await cacheStorage()?.open(DATASETS_CACHE).catch(() => undefined);
  const cached = await store?.match(url);
  if (cached) {
    const bytes = new Uint8Array(await cached.arrayBuffer());
    if ((await sha256Hex(bytes)) === file.sha256) return bytes;
    await store!.delete(url);
  }
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    const how = options.mirror
      ? `check that the mirror ${options.mirror} is up, holds ${file.path} and, when it is not this page's own server, sends Access-Control-Allow-Origin`
      : `the host may be unreachable or, in a browser, send no CORS headers; set a mirror: a server of your own that holds the files under their paths (e.g. ${file.path}) and sends Access-Control-Allow-Origin`;
    throw new DatasetError(url, `download failed (${(e as Error).message}); ${how}`);
  }
  if (!res.ok || !res.body) throw new DatasetError(url, `download failed: HTTP ${res.status} ${res.statusText}`);
  const total = Number(res.headers.get('content-length')) || file.bytes;
  const chunks: Uint8Array[] = [];
  let done = 0;
  const reader = res.body.getReader();
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks.push(r.value);
      done += r.value.length;
      options.onProgress?.({ stage: `download ${file.path}`, done, total, unit: 'bytes' });
    }
  } catch (e) {
    throw new DatasetError(url, `download failed after ${done} bytes (${(e as Error).message}); try again`);
  }
  const bytes = new Uint8Array(done);
  let at = 0;
  for (const c of chunks) bytes.set(c, (at += c.length) - c.length);
  const actual = await sha256Hex(bytes);
  if (actual !== file.sha256) throw new DatasetError(url, `checksum mismatch: the download's sha256 is ${actual}, expected ${file.sha256} (a damaged or changed file; nothing was kept)`);
  await store?.put(url, new Response(bytes.slice())).catch(() => undefined); // a full quota only costs the next download
  return bytes;
}

/** Gunzips bytes with the platform's DecompressionStream (browsers, workers, Node 18+); `where` names them in errors. */
export async function gunzip(bytes: Uint8Array, where: string): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new DatasetError(where, `corrupt gzip data (${(e as Error).message}); delete it and fetch it again`);
  }
}

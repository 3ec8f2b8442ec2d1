import { checkLabels, type Matrix } from '../matrix.js';

/**
 * The TensorBoard Embedding Projector's two files: vectors (one row per point, tab-separated, no header) and
 * metadata (a header, then one row per point). Load both at projector.tensorflow.org.
 */
export function projectorTsv(m: Matrix, metadata: Record<string, ArrayLike<string | number>>): { vectors: string; metadata: string } {
  const columns = Object.keys(metadata);
  for (const c of columns) checkLabels(metadata[c]!, m.rows, `metadata column "${c}"`);
  const vectors: string[] = [];
  for (let i = 0; i < m.rows; i++) vectors.push(Array.from(m.values.subarray(i * m.cols, (i + 1) * m.cols), (v) => String(v)).join('\t'));
  const clean = (v: string | number) => String(v).replace(/[\t\n]/g, ' ');
  // A single metadata column is written without a header, as the projector expects.
  const rows = Array.from({ length: m.rows }, (_, i) => columns.map((c) => clean(metadata[c]![i]!)).join('\t'));
  return { vectors: `${vectors.join('\n')}\n`, metadata: `${(columns.length > 1 ? [columns.join('\t'), ...rows] : rows).join('\n')}\n` };
}

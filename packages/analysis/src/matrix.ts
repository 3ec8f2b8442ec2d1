/** A dense row-major matrix: `rows` points of `cols` dimensions. The analysis package's one data shape. */
export interface Matrix {
  readonly values: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** Bad analysis input; the message names the argument and what is wrong with it. */
export class AnalysisInputError extends Error {
  override readonly name = 'AnalysisInputError';
}

/** Checks the size and that every value is finite, naming the first bad row and column. */
export function checkMatrix(m: Matrix, what = 'features'): void {
  if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 1 || m.cols < 1) throw new AnalysisInputError(`${what}: expected a positive number of rows and columns, got ${m.rows} x ${m.cols}`);
  if (m.values.length !== m.rows * m.cols) throw new AnalysisInputError(`${what}: ${m.values.length} values do not make ${m.rows} rows x ${m.cols} columns`);
  const bad = m.values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new AnalysisInputError(`${what}: row ${Math.floor(bad / m.cols)}, column ${bad % m.cols} is ${m.values[bad]} (features must be finite numbers)`);
}

export function checkLabels(labels: ArrayLike<unknown>, rows: number, what = 'labels'): void {
  if (labels.length !== rows) throw new AnalysisInputError(`${what}: ${labels.length} labels for ${rows} rows`);
}

export const row = (m: Matrix, i: number): Float32Array => m.values.subarray(i * m.cols, (i + 1) * m.cols);

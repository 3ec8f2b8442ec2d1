import { DatasetError } from '../errors.js';

// Reading a CSV's records into rows and a table, with the checks and the error messages (file, line, column). Only
// the records' source differs between Node (a file stream, read-csv.ts) and the browser (a text, csv-text.ts).

/** A CSV's records, each with the line it ends on. */
export type Records = AsyncIterable<{ record: string[]; info: { lines: number } }> | Iterable<{ record: string[]; info: { lines: number } }>;

/** Which columns of a CSV/TSV are features and which is the label, and how to read it. */
export interface ReadCsvOptions {
  /** true: the first row names the columns; false: it is data; 'auto' (default): a header if any field is not a number. */
  readonly header?: boolean | 'auto';
  /** The target column (name or 0-based index); default the last column. null: no target column. */
  readonly label?: string | number | null;
  /** Feature columns (names or indices); default every column but the label. */
  readonly columns?: readonly (string | number)[];
  /** Skip rows with a wrong column count or a non-numeric feature, and count them, instead of failing. */
  readonly skipInvalid?: boolean;
  readonly delimiter?: string;
}

/** A CSV read whole: the feature values row-major, the label texts and the column names. */
export interface CsvTable {
  readonly file: string;
  readonly featureNames: readonly string[];
  readonly labelName?: string;
  readonly rows: number;
  /** rows x features, row-major. */
  readonly features: Float32Array;
  /** The label column's raw text, one per row. */
  readonly labels?: readonly string[];
  /** Rows skipped as invalid (with skipInvalid). */
  readonly skipped: number;
}

const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));
/** Largest float32; a feature beyond it would be stored as Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;
/** Labels that are no value: empty, or a spelling of NaN or infinity (missing values in many exports). */
export const isMissingLabel = (s: string): boolean => s.trim() === '' || /^[+-]?(nan|inf|infinity)$/i.test(s.trim());

/** A growable Float32Array, so a large file is held as numbers, never as text or per-row objects. */
class FloatBuffer {
  private data = new Float32Array(1 << 16);
  length = 0;
  push(v: number) {
    if (this.length === this.data.length) {
      const bigger = new Float32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  result = () => this.data.slice(0, this.length);
}

/** What reading found out: the columns (known after the first row) and how many rows were skipped. */
export interface CsvReadState {
  featureNames?: string[];
  labelName?: string;
  skipped: number;
}

/** One data row of a CSV: its feature values and its label text. */
export interface CsvRow {
  /** The feature columns' values, in `featureNames` order. */
  readonly values: number[];
  /** The label column's text. */
  readonly label?: string;
}

/**
 * The valid rows among a CSV's records, one at a time, so files of any size can be read in constant memory. Errors
 * name the file, the line and the column; with skipInvalid, bad rows are skipped and counted in `state` instead.
 */
export async function* rowsOfRecords(records: Records, file: string, options: ReadCsvOptions = {}, state: CsvReadState = { skipped: 0 }): AsyncGenerator<CsvRow> {
  const parser = records;
  let names: string[] | undefined;
  let featureIdx: number[] = [];
  let labelIdx = -1;
  const resolve = (col: string | number, all: string[]): number => {
    const i = typeof col === 'number' || /^\d+$/.test(col) ? Number(col) : all.indexOf(col);
    if (i < 0 || i >= all.length) throw new DatasetError(`${file}: column ${JSON.stringify(col)}`, `not found; columns are ${all.map((n, k) => `${k}:${n}`).join(', ')}`);
    return i;
  };
  const invalid = (where: string, problem: string) => {
    if (!options.skipInvalid) throw new DatasetError(where, problem);
    state.skipped++;
  };
  try {
    for await (const { record, info: where } of parser) {
      if (!names) {
        const hasHeader = options.header === 'auto' || options.header === undefined ? record.some((f) => !isNumber(f)) && labelIsNotOnlyText(record, options) : options.header;
        names = hasHeader ? record : record.map((_, i) => `column${i}`);
        labelIdx = options.label === null ? -1 : options.label === undefined ? names.length - 1 : resolve(options.label, names);
        featureIdx = options.columns ? options.columns.map((c) => resolve(c, names!)) : names.map((_, i) => i).filter((i) => i !== labelIdx);
        if (featureIdx.length === 0) throw new DatasetError(file, 'no feature columns left besides the label');
        state.featureNames = featureIdx.map((i) => names![i]!);
        state.labelName = labelIdx >= 0 ? names[labelIdx] : undefined;
        if (hasHeader) continue;
      }
      if (record.length !== names.length) {
        invalid(`${file}:${where.lines}`, `expected ${names.length} columns, got ${record.length}`);
        continue;
      }
      const bad = featureIdx.find((i) => !isNumber(record[i]!));
      if (bad !== undefined) {
        invalid(`${file}:${where.lines}`, `column ${bad + 1} (${names[bad]}): expected a number, got ${JSON.stringify(record[bad])}`);
        continue;
      }
      const huge = featureIdx.find((i) => Math.abs(Number(record[i])) > FLOAT32_MAX);
      if (huge !== undefined) {
        invalid(`${file}:${where.lines}`, `column ${huge + 1} (${names[huge]}): ${record[huge]} is beyond the range of 32-bit floats (±3.4e38)`);
        continue;
      }
      if (labelIdx >= 0 && isMissingLabel(record[labelIdx]!)) {
        invalid(`${file}:${where.lines}`, `label column ${labelIdx + 1} (${names[labelIdx]}): ${JSON.stringify(record[labelIdx])} is no label (empty or not a finite number); fix the row, or skip such rows with the skipInvalid option`);
        continue;
      }
      yield { values: featureIdx.map((i) => Number(record[i])), ...(labelIdx >= 0 ? { label: record[labelIdx]! } : {}) };
    }
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(file, `unreadable CSV: ${(e as Error).message}`);
  }
  if (!names) throw new DatasetError(file, 'no data rows');
}

/** A whole CSV's records as a numeric feature matrix and the label column's text. */
export async function tableOfRecords(records: Records, file: string, options: ReadCsvOptions = {}): Promise<CsvTable> {
  const state: CsvReadState = { skipped: 0 };
  const features = new FloatBuffer();
  const labels: string[] = [];
  let rows = 0;
  for await (const row of rowsOfRecords(records, file, options, state)) {
    for (const v of row.values) features.push(v);
    if (row.label !== undefined) labels.push(row.label);
    rows++;
  }
  if (rows === 0) throw new DatasetError(file, 'no data rows');
  return {
    file,
    featureNames: state.featureNames!,
    labelName: state.labelName,
    rows,
    features: features.result(),
    labels: state.labelName !== undefined ? labels : undefined,
    skipped: state.skipped,
  };
}

/** A first row that is all numbers but for a text label is data, not a header (e.g. "5.1,3.5,setosa"). */
function labelIsNotOnlyText(record: string[], options: ReadCsvOptions): boolean {
  if (options.label === null) return true;
  const textFields = record.map((f, i) => (isNumber(f) ? -1 : i)).filter((i) => i >= 0);
  const labelIdx = options.label === undefined ? record.length - 1 : typeof options.label === 'number' ? options.label : -2;
  return !(textFields.length === 1 && textFields[0] === labelIdx);
}

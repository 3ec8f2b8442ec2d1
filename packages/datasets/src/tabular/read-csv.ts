import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { DatasetError } from '../errors.js';
import { rowsOfRecords, tableOfRecords, type CsvReadState, type CsvRow, type CsvTable, type ReadCsvOptions } from './csv-records.js';
import { openData } from './open-data.js';

export { isMissingLabel, type CsvReadState, type CsvRow, type CsvTable, type ReadCsvOptions } from './csv-records.js';

/**
 * The records of a delimited text file (gzipped transparently), each with its line number. Tab-separated files
 * (.tsv) are read without quote handling, as TSV has none (review texts hold bare quotes). Every failure (a missing,
 * truncated or corrupt file, a malformed record) is a DatasetError naming the file and the line or byte.
 */
export async function streamRecords(file: string, options: { delimiter?: string } = {}): Promise<AsyncIterable<{ record: string[]; info: { lines: number } }>> {
  const { stream, failure } = await openData(file);
  const tsv = /\.tsv(\.gz)?$/.test(file);
  const delimiter = options.delimiter ?? (tsv ? '\t' : ',');
  const parser = parse({ relax_column_count: true, info: true, trim: true, skip_empty_lines: true, delimiter, bom: true, quote: tsv ? false : '"' });
  const records = pipeline(stream, parser, () => undefined) as AsyncIterable<{ record: string[]; info: { lines: number } }>;
  return (async function* () {
    try {
      yield* records;
    } catch (e) {
      if (e instanceof CsvError) throw new DatasetError(`${file}:${(e as CsvError & { lines?: number }).lines ?? '?'}`, `unreadable ${tsv ? 'TSV' : 'CSV'}: ${e.message}`);
      throw failure(e);
    }
  })();
}

/** The first record of a file (its header, when it has one). */
export async function readHeader(file: string): Promise<string[]> {
  for await (const { record } of await streamRecords(file)) return record;
  throw new DatasetError(file, 'empty file');
}

/** The valid rows of a CSV file (optionally .gz), one at a time (see rowsOfRecords). */
export async function* csvRows(file: string, options: ReadCsvOptions = {}, state: CsvReadState = { skipped: 0 }): AsyncGenerator<CsvRow> {
  yield* rowsOfRecords(await streamRecords(file, { delimiter: options.delimiter }), file, options, state);
}

/** Reads a whole CSV file into a numeric feature matrix and the label column's text. */
export async function readCsv(file: string, options: ReadCsvOptions = {}): Promise<CsvTable> {
  return tableOfRecords(await streamRecords(file, { delimiter: options.delimiter }), file, options);
}

import { CsvError, parse } from 'csv-parse/browser/esm/sync';
import { DatasetError } from '../errors.js';
import type { DatasetSplits } from '../types.js';
import { tableOfRecords } from './csv-records.js';
import { csvSplits, type CsvOptions } from './csv-splits.js';

/**
 * The csv dataset from a CSV or TSV text (a file a person dropped on a page; no file system), with the same checks,
 * split and standardisation as the Node loader, and errors that name the file, the line and the column.
 * `name` decides the delimiter as a path does in Node: a tab for ".tsv" (read without quotes, as TSV has none).
 */
export async function csvFromText(text: string, name: string, options: Omit<CsvOptions, 'source'> = {}): Promise<DatasetSplits> {
  const tsv = /\.tsv$/i.test(name);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse returns each record with where it ends (its types do not say so).
    records = parse(text, { relax_column_count: true, info: true, trim: true, skip_empty_lines: true, delimiter: options.delimiter ?? (tsv ? '\t' : ','), bom: true, quote: tsv ? false : '"' }) as unknown as typeof records;
  } catch (e) {
    if (e instanceof CsvError) throw new DatasetError(`${name}:${(e as CsvError & { lines?: number }).lines ?? '?'}`, `unreadable ${tsv ? 'TSV' : 'CSV'}: ${e.message}`);
    throw e;
  }
  if (records.length === 0) throw new DatasetError(name, 'empty file');
  return csvSplits(await tableOfRecords(records, name, options), name, options);
}

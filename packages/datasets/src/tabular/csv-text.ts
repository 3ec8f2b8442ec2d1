import { CsvError, parse } from 'csv-parse/browser/esm/sync';
import { DatasetError } from '../errors.js';
import type { DatasetSplits } from '../types.js';
import { tableOfRecords } from './csv-records.js';
import { csvSplits, type CsvOptions } from './csv-splits.js';
import { timeseriesSplits, type TimeseriesOptions } from './timeseries-splits.js';

/** Records of a CSV/TSV text, each with the line it ends on. */
type TextRecords = { record: string[]; info: { lines: number } }[];

/**
 * The records of a CSV or TSV text (a file a person dropped on a page; no file system). `name` decides the
 * delimiter as a path does in Node: a tab for ".tsv" (read without quotes, as TSV has none). Unreadable text is a
 * DatasetError naming the file and the line.
 */
export function recordsOfText(text: string, name: string, delimiter?: string): TextRecords {
  const tsv = /\.tsv(\.gz)?$/i.test(name);
  try {
    // With `info`, csv-parse returns each record with where it ends (its types do not say so).
    const records = parse(text, { relax_column_count: true, info: true, trim: true, skip_empty_lines: true, delimiter: delimiter ?? (tsv ? '\t' : ','), bom: true, quote: tsv ? false : '"' }) as unknown as TextRecords;
    if (records.length === 0) throw new DatasetError(name, 'empty file');
    return records;
  } catch (e) {
    if (e instanceof CsvError) throw new DatasetError(`${name}:${(e as CsvError & { lines?: number }).lines ?? '?'}`, `unreadable ${tsv ? 'TSV' : 'CSV'}: ${e.message}`);
    throw e;
  }
}

/**
 * The csv dataset from a CSV or TSV text, with the same checks, split and standardisation as the Node loader, and
 * errors that name the file, the line and the column.
 */
export async function csvFromText(text: string, name: string, options: Omit<CsvOptions, 'source'> = {}): Promise<DatasetSplits> {
  return csvSplits(await tableOfRecords(recordsOfText(text, name, options.delimiter), name, options), name, options);
}

/**
 * The timeseries dataset from a CSV text (one row per time step, a header; the first column is the date or time
 * unless `columns` says otherwise), windowed, split and scaled as the Node loader does.
 */
export async function timeseriesFromText(text: string, name: string, options: Omit<TimeseriesOptions, 'source'> = {}): Promise<DatasetSplits> {
  const records = recordsOfText(text, name);
  const columns = options.columns ?? records[0]!.record.slice(1);
  if (columns.length === 0) throw new DatasetError(name, 'no value columns: the first column is taken as the date/time; pass columns');
  return timeseriesSplits(await tableOfRecords(records, name, { header: true, label: null, columns }), name, options);
}

import { PIMA_FILE } from '../remote/files.js';
import { CSV_OPTIONS } from '../tabular/csv-splits.js';
import { csvFromText } from '../tabular/csv-text.js';
import { overFetchedText } from './over-fetched.js';

/** W2's data in a browser: the Pima table fetched and checked, then read as the csv loader reads it. */
export const pima = overFetchedText(
  { name: 'pima', description: "Pima Indians Diabetes: 768 rows of 8 measurements -> diabetes (0/1); csv options apply (timesteps: 4 gives W2's 4 x 2)", task: 'binary', options: CSV_OPTIONS },
  PIMA_FILE,
  csvFromText,
);

import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';

/** A JSON file given on the command line (--config, --input), with an error naming it for each way it can be wrong. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'expected a file, got a directory' : `cannot be read (${code ?? (e as Error).message})`}`, file);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not valid JSON (${(e as Error).message})`, file);
  }
}

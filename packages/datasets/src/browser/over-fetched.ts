import { DatasetError } from '../errors.js';
import { fetchChecked, gunzip } from '../remote/fetch-checked.js';
import type { RemoteFile } from '../remote/files.js';
import type { OptionsSchema } from '@lstmkit/plugin';
import type { CommonLoadOptions, DatasetPlugin, DatasetSplits, LoadOptions, Task } from '../types.js';

/** The splits of a wrapped loader, under this data set's name (saved models and messages say "pima", not "csv"). */
export const named =
  (name: string) =>
  <S extends { train: { name: string }; test: { name: string } }>(s: S): S => ({ ...s, train: { ...s.train, name }, test: { ...s.test, name } });

/** A fetched file's text: gunzipped when its path ends in .gz, decoded as UTF-8 (anything else is an error naming it). */
export async function fetchText(file: RemoteFile, options: CommonLoadOptions): Promise<string> {
  let bytes = await fetchChecked(file, { mirror: options.mirror, onProgress: options.onProgress });
  if (file.path.endsWith('.gz')) bytes = await gunzip(bytes, file.path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DatasetError(file.path, 'not UTF-8 text');
  }
}

/**
 * A data set by name in a browser: a loader of text (csvFromText, timeseriesFromText, …) over one file fetched
 * and checked by `fetchChecked`, from the `mirror` option's server if given, else the file's public address.
 */
export function overFetchedText<S extends OptionsSchema>(
  about: { name: string; description: string; task: Task; options: S },
  file: RemoteFile,
  read: (text: string, name: string, options: LoadOptions<S>) => Promise<DatasetSplits>,
): DatasetPlugin<S> {
  return {
    ...about,
    sources: `fetched (${(file.bytes / 1024).toFixed(0)} KB) from ${file.url}, or from the mirror option's server (${file.path}); checked by sha256`,
    async load(options = {} as LoadOptions<S>) {
      return read(await fetchText(file, options), file.path, options).then(named(about.name));
    },
  };
}

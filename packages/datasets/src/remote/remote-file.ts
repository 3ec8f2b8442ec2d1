import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetError } from '../errors.js';
import { defaultCacheDir, downloadFile, fileSha256, isUrl } from '../idx/source.js';
import type { OptionsSchema } from '@lstmkit/plugin';
import type { CommonLoadOptions, DatasetPlugin, LoadOptions, LoadProgress } from '../types.js';
import { named } from '../browser/over-fetched.js';
import type { RemoteFile } from './files.js';

export type { RemoteFile };

/** Where `fetchRemote` keeps downloads and how it reports progress. */
export interface FetchOptions {
  /** Where downloads are kept; default $LSTMKIT_CACHE or ~/.cache/lstmkit. */
  readonly cacheDir?: string;
  /** A base URL or a local folder holding the files under their paths; default $LSTMKIT_DATASETS_MIRROR. */
  readonly mirror?: string;
  /** Called as bytes arrive. */
  readonly onProgress?: (p: LoadProgress) => void;
}

/**
 * LSTMKIT_DATASETS_MIRROR: a base URL or a local folder that replaces the public addresses, holding each file
 * under its `path` (the layout of the cache). For machines without internet, or a team's own copy.
 */
export const datasetsMirror = (): string | undefined => process.env.LSTMKIT_DATASETS_MIRROR || undefined;

/**
 * The local path of a remote file: from the mirror folder if one is set, else from the cache, downloading it
 * (from the mirror URL if set, else the public address) the first time. Every file is checked against its sha256.
 */
export async function fetchRemote(file: RemoteFile, options: FetchOptions = {}): Promise<string> {
  const mirror = options.mirror ?? datasetsMirror();
  if (mirror && !isUrl(mirror)) {
    const local = join(mirror, file.path);
    if (!existsSync(local)) throw new DatasetError(local, `missing: the folder ${options.mirror ? `mirror=${mirror}` : `LSTMKIT_DATASETS_MIRROR=${mirror}`} has no ${file.path} (a copy of ${file.url})`);
    const actual = await fileSha256(local);
    if (actual !== file.sha256) throw new DatasetError(local, `checksum mismatch: sha256 ${actual}, expected ${file.sha256} (not the original ${file.url})`);
    return local;
  }
  const cached = join(options.cacheDir ?? defaultCacheDir(), file.path);
  // A cached file was checked when it was downloaded; it is checked again because disks and people change files.
  if (existsSync(cached) && (await fileSha256(cached)) === file.sha256) return cached;
  const url = mirror ? `${mirror.replace(/\/+$/, '')}/${file.path}` : file.url;
  await downloadFile(url, cached, { label: file.path, sha256: file.sha256, bytes: file.bytes, onProgress: options.onProgress });
  return cached;
}

/**
 * A data set by name that is another plugin over one downloaded file (e.g. `pima` = `csv` over the Pima table): the
 * same options and task, `source` set to the checked local copy, and the splits named after this plugin.
 */
export function overRemoteFile<S extends OptionsSchema>(base: DatasetPlugin<S>, file: RemoteFile, about: { name: string; description: string; sources: string }): DatasetPlugin<S> {
  return {
    ...about,
    task: base.task,
    options: base.options,
    async load(options?: LoadOptions<S>) {
      return base.load({ ...options, source: await fetchRemote(file, options) } as LoadOptions<S>).then(named(about.name));
    },
  };
}

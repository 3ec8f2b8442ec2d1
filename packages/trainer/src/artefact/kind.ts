import { createHash } from 'node:crypto';

/**
 * A kind of folder lstmkit writes (a model, a training backup, an analysis). Its marker file says that lstmkit
 * wrote the folder, and lists every other file in it with its size and sha256: what may be replaced, and what a
 * reader verifies.
 */
export interface ArtefactKind {
  /** For messages, e.g. "an lstmkit model". */
  readonly what: string;
  /** The marker file's name, e.g. "lstmkit.json". */
  readonly marker: string;
  /** Whether a parsed marker is this kind's (e.g. `format: "lstmkit-model"`). */
  readonly isMarker: (json: unknown) => boolean;
  /** Names that a folder written before markers listed their files may hold besides the marker. */
  readonly legacyFiles?: RegExp;
}

/** One file of an artefact, as its marker's `files` table lists it. */
export interface FileEntry {
  readonly bytes: number;
  readonly sha256: string;
}

/** The marker's table of the other files, by name. */
export type FileTable = Readonly<Record<string, FileEntry>>;

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export const fileEntry = (data: string | Uint8Array): FileEntry => ({ bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, sha256: sha256(data) });

/** Why `bytes` are not the file `entry` describes, or undefined when they are. */
export function fileProblem(bytes: Uint8Array, entry: FileEntry | undefined): string | undefined {
  if (!entry || typeof entry.sha256 !== 'string') return 'not listed in the marker\'s "files" table';
  if (bytes.byteLength !== entry.bytes) return `${bytes.byteLength} bytes, the marker records ${entry.bytes}: the file is damaged or was changed`;
  const actual = sha256(bytes);
  if (actual !== entry.sha256) return `sha256 ${actual} does not match the recorded ${entry.sha256}: the file is damaged or was changed`;
  return undefined;
}

/** The marker's `files` table when it has a well-formed one. */
export function filesOf(marker: unknown): FileTable | undefined {
  const files = (marker as { files?: unknown } | null)?.files;
  if (!files || typeof files !== 'object' || Array.isArray(files)) return undefined;
  const ok = Object.values(files).every((e) => e && typeof e === 'object' && typeof (e as FileEntry).sha256 === 'string' && Number.isInteger((e as FileEntry).bytes));
  return ok ? (files as FileTable) : undefined;
}

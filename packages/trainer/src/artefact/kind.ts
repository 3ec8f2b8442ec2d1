// Browser-safe (Web Crypto), so models saved in Node and files picked in a page are checked by the same code.

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

/** sha256 as hex, with Web Crypto (Node 20+, and browsers on secure pages: https or localhost). */
export async function sha256(data: string | Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('checking files needs Web Crypto (crypto.subtle), which browsers give only to secure pages: serve the page over https or from localhost');
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const fileEntry = async (data: string | Uint8Array): Promise<FileEntry> => ({
  bytes: typeof data === 'string' ? new TextEncoder().encode(data).byteLength : data.byteLength,
  sha256: await sha256(data),
});

/** Why `bytes` are not the file `entry` describes, or undefined when they are. */
export async function fileProblem(bytes: Uint8Array, entry: FileEntry | undefined): Promise<string | undefined> {
  if (!entry || typeof entry.sha256 !== 'string') return 'not listed in the marker\'s "files" table';
  if (bytes.byteLength !== entry.bytes) return `${bytes.byteLength} bytes, the marker records ${entry.bytes}: the file is damaged or was changed`;
  const actual = await sha256(bytes);
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

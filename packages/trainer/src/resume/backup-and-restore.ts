import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileProblem, filesOf, type ArtefactKind } from '../artefact/kind.js';
import { recoverArtefact, writeArtefact } from '../artefact/write.js';
import { ModelFileError, TrainingOptionError } from '../errors.js';
import type { TrainingBackup, TrainingSnapshot } from './snapshot.js';

const MARKER = 'backup.json';
const STATE = 'state.bin';

/** A backup folder: backup.json (the run's progress, and the sha256 of state.bin) and state.bin (the numbers). */
export const BACKUP_ARTEFACT: ArtefactKind = {
  what: 'an lstmkit training backup',
  marker: MARKER,
  isMarker: (json) => (json as { format?: unknown } | null)?.format === 'lstmkit-backup',
};

/** Where `backupAndRestore` keeps its backup, and whether it deletes it when training ends. */
export interface BackupAndRestoreOptions {
  /** The backup folder (written atomically at the end of each epoch). */
  readonly dir: string;
  /**
   * What else identifies the run (e.g. the model spec and the data source), as JSON: a backup made with other
   * values is refused rather than resumed.
   */
  readonly run?: unknown;
  /** Delete the backup when training ends normally, as Keras does; default true. */
  readonly deleteAtEnd?: boolean;
  /** Names the folder in errors (e.g. "--backup runs/b"); default the path. */
  readonly label?: string;
  /** Told when a run resumes, with the epochs already done. */
  readonly onRestore?: (epochs: number) => void;
  /** Told after each backup. */
  readonly onSave?: (epochs: number) => void;
}

type Numbers = Float32Array | Int32Array;

/** JSON with typed arrays moved into `arrays` (and NaN/Infinity kept, which JSON would turn into null). */
function encode(v: unknown, arrays: Numbers[]): unknown {
  if (v instanceof Float32Array || v instanceof Int32Array) return { $array: arrays.push(v) - 1 };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
  if (Array.isArray(v)) return v.map((x) => encode(x, arrays));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, encode(x, arrays)]));
  return v;
}

function decode(v: unknown, arrays: Numbers[]): unknown {
  if (Array.isArray(v)) return v.map((x) => decode(x, arrays));
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$array === 'number') {
      const a = arrays[o.$array];
      if (!a) throw new Error(`no array ${o.$array}`);
      return a;
    }
    if (typeof o.$number === 'string') return Number(o.$number);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x, arrays)]));
  }
  return v;
}

/**
 * Keras' BackupAndRestore for `fit`: `fit(model, data, { backup: backupAndRestore({ dir }) })` saves the run to `dir`
 * at the end of every epoch (weights, optimizer state, epochs done and their logs, callbacks' state; atomically, with
 * checksums) and, when `dir` holds a backup, resumes from it: killed at any moment, the same call goes on from the
 * last finished epoch and ends with the weights an uninterrupted run would have. Node only (a folder).
 */
export function backupAndRestore(options: BackupAndRestoreOptions): TrainingBackup & {
  /** Deletes the backup folder (what a finished run does unless told not to). */
  remove(): Promise<void>;
} {
  const { dir } = options;
  const label = options.label ?? dir;
  const runKey = options.run === undefined ? undefined : JSON.stringify(options.run);
  const remove = async () => {
    await recoverArtefact(dir, BACKUP_ARTEFACT);
    if (existsSync(join(dir, MARKER))) await rm(dir, { recursive: true, force: true });
  };
  return {
    async load() {
      await recoverArtefact(dir, BACKUP_ARTEFACT);
      const markerPath = join(dir, MARKER);
      if (!existsSync(markerPath)) return undefined;
      const statePath = join(dir, STATE);
      const damaged = (file: string, problem: string) => new ModelFileError(file, `${problem}; delete ${label} to start the training over`);
      let marker: any;
      try {
        marker = JSON.parse(await readFile(markerPath, 'utf8'));
      } catch (e) {
        throw damaged(markerPath, `not valid JSON (${(e as Error).message})`);
      }
      if (!BACKUP_ARTEFACT.isMarker(marker) || !Array.isArray(marker.arrays) || !marker.snapshot) throw damaged(markerPath, 'not an lstmkit training backup');
      if (runKey !== undefined && JSON.stringify(marker.run) !== runKey) {
        throw new TrainingOptionError(label, 'holds the backup of another run (other model, data or settings): use another backup folder, or delete it to start over');
      }
      const bytes = await readFile(statePath).catch(() => {
        throw damaged(statePath, 'missing');
      });
      const bad = await fileProblem(bytes, filesOf(marker)?.[STATE]);
      if (bad) throw damaged(statePath, bad);
      // A copy on an 8-byte boundary, so the typed arrays can view it.
      const buffer = new Uint8Array(bytes).buffer;
      let snapshot: TrainingSnapshot;
      try {
        const arrays = (marker.arrays as { dtype: string; offset: number; length: number }[]).map((a) => (a.dtype === 'int32' ? new Int32Array(buffer, a.offset, a.length) : new Float32Array(buffer, a.offset, a.length)));
        snapshot = decode(marker.snapshot, arrays) as TrainingSnapshot;
      } catch (e) {
        throw damaged(markerPath, `its array table does not fit ${STATE} (${(e as Error).message})`);
      }
      options.onRestore?.(snapshot.epochs);
      return snapshot;
    },
    async save(snapshot) {
      const arrays: Numbers[] = [];
      const encoded = encode(snapshot, arrays);
      let offset = 0;
      const table = arrays.map((a) => {
        const entry = { dtype: a instanceof Int32Array ? 'int32' : 'float32', offset, length: a.length };
        offset += a.byteLength;
        return entry;
      });
      const state = new Uint8Array(offset);
      arrays.forEach((a, i) => state.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), table[i]!.offset));
      const marker = { format: 'lstmkit-backup', formatVersion: 1, savedAt: new Date().toISOString(), epochs: snapshot.epochs, run: options.run, snapshot: encoded, arrays: table };
      await writeArtefact(dir, BACKUP_ARTEFACT, { files: { [STATE]: state }, marker }, label);
      options.onSave?.(snapshot.epochs);
    },
    async finish() {
      if (options.deleteAtEnd !== false) await remove();
    },
    remove,
  };
}

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileEntry, type ArtefactKind, type FileEntry } from './kind.js';
import { checkOutputTarget } from './target.js';

// No npm library replaces a folder atomically (write-file-atomic and its kin do single files), and POSIX has no
// atomic swap of two non-empty folders that Node exposes, so this is hand-written. A save writes the new folder
// beside the target under a name that says its stage:
//   .NAME.lstmkit-partial-PID-ID  being written (incomplete)
//   .NAME.lstmkit-ready-PID-ID    complete, fsynced; renamed from "partial" in one step
//   .NAME.lstmkit-old-PID-ID      the previous artefact, moved aside just before "ready" is renamed to NAME
// then deletes "old". Killed at any point, the target holds the complete old or the complete new artefact, except
// between the two renames (microseconds), when both complete copies sit beside it; the next save or load of that
// path puts the newer one back in place (recoverArtefact) and removes what dead saves left behind.

const LEFTOVER = /^\.(.+)\.lstmkit-(partial|ready|old)-(\d+)-[0-9a-f]+$/;
/** What lstmkit 0.1 left beside a model when killed mid-save. */
const LEGACY_LEFTOVER = /^\.(.+)\.tmp-(\d+)-\d+(\.old)?$/;

interface Leftover {
  readonly path: string;
  readonly stage: 'partial' | 'ready' | 'old';
  readonly pid: number;
}

/** A leftover's stage, pid and owner name, if `entry` is the name of one. */
function parseLeftover(entry: string): { name: string; stage: Leftover['stage']; pid: number } | undefined {
  const m = LEFTOVER.exec(entry);
  if (m) return { name: m[1]!, stage: m[2] as Leftover['stage'], pid: Number(m[3]) };
  const legacy = LEGACY_LEFTOVER.exec(entry);
  if (legacy) return { name: legacy[1]!, stage: legacy[3] ? 'old' : 'partial', pid: Number(legacy[2]) };
  return undefined;
}

const alive = (pid: number): boolean => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Leftovers of saves to `target` by processes that are no longer running (a running save's are left alone). */
async function deadLeftovers(target: string): Promise<Leftover[]> {
  const name = basename(target);
  const entries = await readdir(dirname(target)).catch(() => [] as string[]);
  const found: Leftover[] = [];
  for (const entry of entries) {
    const l = parseLeftover(entry);
    if (l && l.name === name && !alive(l.pid)) found.push({ path: join(dirname(target), entry), stage: l.stage, pid: l.pid });
  }
  return found;
}

async function hasMarker(dir: string, kind: ArtefactKind): Promise<boolean> {
  try {
    return kind.isMarker(JSON.parse(await readFile(join(dir, kind.marker), 'utf8')));
  } catch {
    return false;
  }
}

/**
 * Finishes what a killed save left undone at `path`: when the target is missing but a complete copy of it sits
 * beside it ("ready", else "old"), that copy is put in place; then the leftovers of dead saves are removed. Returns
 * whether a copy was put back. Touches only folders with lstmkit's leftover names.
 */
export async function recoverArtefact(path: string, kind: ArtefactKind): Promise<boolean> {
  const target = resolve(path);
  const leftovers = await deadLeftovers(target);
  let restored = false;
  if (!existsSync(target)) {
    const newest = async (stage: Leftover['stage']) => {
      const complete = [];
      for (const l of leftovers.filter((x) => x.stage === stage)) {
        if (await hasMarker(l.path, kind)) complete.push({ l, time: (await stat(l.path)).mtimeMs });
      }
      return complete.sort((a, b) => b.time - a.time)[0]?.l;
    };
    const copy = (await newest('ready')) ?? (await newest('old'));
    if (copy) {
      await rename(copy.path, target);
      await syncDir(dirname(target));
      restored = true;
    }
  }
  for (const l of leftovers) if (existsSync(l.path)) await rm(l.path, { recursive: true, force: true });
  return restored;
}

/** What a save writes: every file but the marker, and the marker's JSON (to which the files table is added). */
export interface ArtefactContent {
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  readonly marker: Readonly<Record<string, unknown>>;
}

/**
 * Writes an artefact folder at `path`, replacing an earlier one of the same kind atomically: the files are written
 * and fsynced in a folder beside it, then renamed into place (see the top of this file). Refuses, before writing
 * anything, a path lstmkit did not write (checkOutputTarget); `label` names it in errors (e.g. "--out runs/m").
 */
export async function writeArtefact(path: string, kind: ArtefactKind, content: ArtefactContent, label = path): Promise<void> {
  const target = resolve(path);
  for (const name of Object.keys(content.files)) {
    if (name === kind.marker || name.includes('/') || name.includes('\\') || name.startsWith('.')) throw new TypeError(`writeArtefact: bad file name ${JSON.stringify(name)}`);
  }
  await recoverArtefact(target, kind);
  await checkOutputTarget(target, kind, label);
  await mkdir(dirname(target), { recursive: true });
  const save = (saves += 1);
  const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const stage = (s: Leftover['stage']) => join(dirname(target), `.${basename(target)}.lstmkit-${s}-${id}`);
  const partial = stage('partial');
  const ready = stage('ready');
  const old = stage('old');
  let movedAside = false;
  await mkdir(partial);
  try {
    const files: Record<string, FileEntry> = {};
    for (const [name, data] of Object.entries(content.files)) {
      await writeSynced(join(partial, name), data);
      files[name] = await fileEntry(data);
      await pauseForTest('writing', save);
    }
    // The marker last: a folder with a complete marker has all its files.
    await writeSynced(join(partial, kind.marker), `${JSON.stringify({ ...content.marker, files }, null, 2)}\n`);
    await syncDir(partial);
    await pauseForTest('written', save);
    await rename(partial, ready);
    await pauseForTest('ready', save);
    movedAside = await rename(target, old).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return false;
        throw e;
      },
    );
    await pauseForTest('aside', save);
    await rename(ready, target);
    await syncDir(dirname(target));
    await pauseForTest('replaced', save);
  } catch (e) {
    // Undo: the earlier artefact back in place if it was moved aside, and nothing of this save left behind.
    if (movedAside && !existsSync(target)) await rename(old, target).catch(() => undefined);
    await rm(partial, { recursive: true, force: true });
    await rm(ready, { recursive: true, force: true });
    throw e;
  }
  if (movedAside) await rm(old, { recursive: true, force: true });
}

/** Writes a file and flushes it to the disk, so a power cut after the rename cannot leave it empty. */
async function writeSynced(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder's entries (renames); a no-op where folders cannot be opened (Windows). */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** Saves so far in this process, counted for the test hook. */
let saves = 0;

/**
 * Test-only: with LSTMKIT_TEST_PAUSE_SAVE=STEP[:N] in the environment, the N-th save of this process (default the
 * first) stops forever at STEP (writing, written, ready, aside, replaced) after saying so on stderr, so that a test
 * can kill -9 it exactly there. Unset, it costs one environment lookup per step.
 */
async function pauseForTest(step: string, save: number): Promise<void> {
  const want = process.env.LSTMKIT_TEST_PAUSE_SAVE;
  if (!want) return;
  const [s, n] = want.split(':');
  if (s !== step || Number(n ?? 1) !== save) return;
  process.stderr.write(`lstmkit: test pause: save ${save} stopped at "${step}"\n`);
  await new Promise(() => setInterval(() => undefined, 1 << 30));
}

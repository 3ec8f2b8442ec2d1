import { existsSync } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, realpath, rmdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { OutputPathError } from '../errors.js';
import { filesOf, type ArtefactKind } from './kind.js';

/** Files that mark a folder as someone's project: never an output folder. */
const PROJECT_FILES = ['.git', 'package.json', 'pnpm-workspace.yaml', 'pyproject.toml', 'Cargo.toml', 'go.mod'];

/** `a` is `b` or one of its ancestors. */
const holds = (a: string, b: string) => {
  const r = relative(a, b);
  return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r));
};

/** The path with every existing part resolved through symbolic links (so "./link-to-home" is seen as home). */
async function realTarget(path: string): Promise<string> {
  let head = resolve(path);
  const tail: string[] = [];
  while (!existsSync(head) && dirname(head) !== head) {
    tail.unshift(basename(head));
    head = dirname(head);
  }
  return join(await realpath(head).catch(() => head), ...tail);
}

/**
 * Checks, before any work starts, that an artefact of `kind` may be written at `path`: the path does not hold the
 * current, home or root folder, and it is either absent, an empty folder, or a folder this kind's marker says lstmkit
 * wrote and that holds nothing else; and its folder can be written. Throws OutputPathError naming `label` (e.g.
 * "--out runs/m") and what to do. A folder lstmkit did not write is never replaced.
 */
export async function checkOutputTarget(path: string, kind: ArtefactKind, label = path): Promise<void> {
  const fail = (problem: string): never => {
    throw new OutputPathError(label, problem);
  };
  // A link is judged as a link (replacing it would not touch what it points to, but lstmkit did not make it).
  if ((await lstat(resolve(path)).catch(() => undefined))?.isSymbolicLink()) fail(`is a symbolic link; lstmkit replaces only folders it wrote: give a folder of its own, e.g. ${join('runs', 'model')}`);
  const target = await realTarget(path);
  const cwd = await realpath(process.cwd()).catch(() => process.cwd());
  const home = await realpath(homedir()).catch(() => homedir());
  const instead = `give a folder of its own, e.g. ${join('runs', 'model')}`;
  if (dirname(target) === target) fail(`is the root folder; ${instead}`);
  if (holds(target, cwd)) fail(`${target === cwd ? 'is' : 'holds'} the current folder, which lstmkit would replace; ${instead}`);
  if (holds(target, home)) fail(`${target === home ? 'is' : 'holds'} your home folder, which lstmkit would replace; ${instead}`);
  const info = await lstat(target).catch(() => undefined);
  if (info) {
    if (!info.isDirectory()) fail(`is a file, which lstmkit would replace with ${kind.what} folder; ${instead}, or move the file away`);
    await checkOwnFolder(target, kind, fail, instead);
  }
  await checkWritable(target, fail);
}

/** An existing folder may be replaced when it is empty, or when it is this kind's and holds only what lstmkit wrote. */
async function checkOwnFolder(target: string, kind: ArtefactKind, fail: (problem: string) => never, instead: string): Promise<void> {
  const entries = await readdir(target);
  if (entries.length === 0) return;
  const project = PROJECT_FILES.find((f) => entries.includes(f));
  if (project) fail(`holds a project (${project}); lstmkit will not replace it: ${instead}`);
  if (!entries.includes(kind.marker)) fail(`exists and is not ${kind.what} (no ${kind.marker}); lstmkit replaces only folders it wrote: ${instead}, or empty it yourself`);
  let marker: unknown;
  try {
    marker = JSON.parse(await readFile(join(target, kind.marker), 'utf8'));
  } catch {
    marker = undefined;
  }
  if (!kind.isMarker(marker)) fail(`its ${kind.marker} was not written by lstmkit as ${kind.what}; lstmkit will not replace the folder: ${instead}`);
  const listed = filesOf(marker);
  const foreign = entries.filter((e) => e !== kind.marker && !(listed ? e in listed : kind.legacyFiles?.test(e)));
  if (foreign.length) {
    const names = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, … (${foreign.length} in all)` : '');
    fail(`holds ${names}, which lstmkit did not write there; replacing the folder would delete ${foreign.length > 1 ? 'them' : 'it'}: move ${foreign.length > 1 ? 'them' : 'it'} out, or ${instead}`);
  }
}

/** The folder that will hold the artefact (or its nearest existing ancestor) must be a folder we can write in. */
async function checkWritable(target: string, fail: (problem: string) => never): Promise<void> {
  let at = dirname(target);
  for (;;) {
    const info = await lstat(at).catch(() => undefined);
    if (info?.isDirectory() || (info?.isSymbolicLink() && (await realpath(at).then((r) => lstat(r)).then((i) => i.isDirectory(), () => false)))) break;
    if (info) fail(`${at} is a file, so no folder can be made inside it`);
    at = dirname(at);
  }
  let probe: string;
  try {
    probe = await mkdtemp(join(at, '.lstmkit-probe-'));
  } catch (e) {
    return fail(`cannot write in ${at} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  await rmdir(probe);
}

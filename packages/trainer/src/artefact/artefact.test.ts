import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputPathError } from '../errors.js';
import type { ArtefactKind } from './kind.js';
import { checkOutputTarget } from './target.js';
import { recoverArtefact, writeArtefact } from './write.js';

const KIND: ArtefactKind = { what: 'a test artefact', marker: 'marker.json', isMarker: (j) => (j as { format?: string })?.format === 'test', legacyFiles: /^old\.txt$/ };
const content = (text: string) => ({ files: { 'a.txt': text, 'b.bin': new Uint8Array([1, 2, 3]) }, marker: { format: 'test', text } });
const fresh = () => mkdtempSync(join(tmpdir(), 'lstmkit-artefact-'));
const refusal = (path: string) => checkOutputTarget(path, KIND, `--out ${path}`).then(() => undefined, (e: Error) => e);
/** The pid of a process that has ended, for leftovers of a dead save. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('checkOutputTarget', () => {
  it('refuses what lstmkit did not write, naming the path and what to do', async () => {
    const root = fresh();
    mkdirSync(join(root, 'mydir', 'sub'), { recursive: true });
    writeFileSync(join(root, 'mydir', 'notes.txt'), 'x');
    writeFileSync(join(root, 'victim.txt'), 'precious');
    mkdirSync(join(root, 'proj'));
    writeFileSync(join(root, 'proj', 'package.json'), '{}');
    mkdirSync(join(root, 'fake'));
    writeFileSync(join(root, 'fake', 'marker.json'), '{"format":"other"}');
    symlinkSync(join(root, 'mydir'), join(root, 'link'));
    const cases: [string, RegExp][] = [
      [join(root, 'mydir'), /mydir: exists and is not a test artefact \(no marker\.json\); lstmkit replaces only folders it wrote/],
      [join(root, 'victim.txt'), /victim\.txt: is a file, which lstmkit would replace/],
      [join(root, 'proj'), /proj: holds a project \(package\.json\)/],
      [join(root, 'fake'), /fake: its marker\.json was not written by lstmkit as a test artefact/],
      [join(root, 'link'), /link: is a symbolic link/],
      ['.', /--out \.: is the current folder, which lstmkit would replace/],
      ['..', /--out \.\.: holds the current folder/],
      [homedir(), /is your home folder/],
      ['/', /is the root folder/],
      ['/etc/passwd/x', /\/etc\/passwd is a file, so no folder can be made inside it/],
    ];
    for (const [path, message] of cases) {
      const e = await refusal(path);
      expect(e, path).toBeInstanceOf(OutputPathError);
      expect(e!.message, path).toMatch(message);
    }
    expect(readFileSync(join(root, 'victim.txt'), 'utf8')).toBe('precious');
    expect(readdirSync(join(root, 'mydir')).sort()).toEqual(['notes.txt', 'sub']);
  });

  it('accepts a new path, an empty folder, and an earlier artefact that holds only what lstmkit wrote', async () => {
    const root = fresh();
    expect(await refusal(join(root, 'new', 'deeper'))).toBeUndefined();
    mkdirSync(join(root, 'empty'));
    expect(await refusal(join(root, 'empty'))).toBeUndefined();
    await writeArtefact(join(root, 'a'), KIND, content('one'));
    expect(await refusal(join(root, 'a'))).toBeUndefined();
    // A file the user added to it would be lost by a replace: refused, named.
    writeFileSync(join(root, 'a', 'mine.txt'), 'keep me');
    expect((await refusal(join(root, 'a')))!.message).toMatch(/a: holds mine\.txt, which lstmkit did not write there; replacing the folder would delete it/);
    // A folder from before markers listed their files: the kind's legacy names only.
    mkdirSync(join(root, 'legacy'));
    writeFileSync(join(root, 'legacy', 'marker.json'), '{"format":"test"}');
    writeFileSync(join(root, 'legacy', 'old.txt'), '');
    expect(await refusal(join(root, 'legacy'))).toBeUndefined();
  });
});

describe('writeArtefact', () => {
  it('writes the files and a marker listing their sizes and sha256, and replaces an earlier artefact whole', async () => {
    const root = fresh();
    const dir = join(root, 'a');
    await writeArtefact(dir, KIND, content('one'));
    const marker = JSON.parse(readFileSync(join(dir, 'marker.json'), 'utf8'));
    expect(marker).toMatchObject({ format: 'test', text: 'one', files: { 'a.txt': { bytes: 3 }, 'b.bin': { bytes: 3 } } });
    expect(marker.files['a.txt'].sha256).toMatch(/^[0-9a-f]{64}$/);
    await writeArtefact(dir, KIND, { files: { 'c.txt': 'two' }, marker: { format: 'test' } });
    expect(readdirSync(dir).sort()).toEqual(['c.txt', 'marker.json']);
    expect(readdirSync(root)).toEqual(['a']);
  });

  it('refuses before writing anything, and leaves nothing behind', async () => {
    const root = fresh();
    writeFileSync(join(root, 'victim.txt'), 'precious');
    await expect(writeArtefact(join(root, 'victim.txt'), KIND, content('x'), '--out victim.txt')).rejects.toThrow(/--out victim\.txt: is a file/);
    expect(readdirSync(root)).toEqual(['victim.txt']);
    expect(readFileSync(join(root, 'victim.txt'), 'utf8')).toBe('precious');
  });

  it("cleans up what dead saves left beside the target, and leaves a running save's alone", async () => {
    const root = fresh();
    const dir = join(root, 'a');
    await writeArtefact(dir, KIND, content('one'));
    const dead = deadPid();
    for (const stage of ['partial', 'ready', 'old']) mkdirSync(join(root, `.a.lstmkit-${stage}-${dead}-0badf00d`));
    mkdirSync(join(root, `.a.tmp-${dead}-1700000000000`)); // lstmkit 0.1's names
    mkdirSync(join(root, `.a.tmp-${dead}-1700000000000.old`));
    const running = join(root, `.a.lstmkit-partial-${process.ppid}-0badf00d`);
    mkdirSync(running);
    mkdirSync(join(root, '.a.notes')); // not lstmkit's name pattern: never touched
    await writeArtefact(dir, KIND, content('two'));
    expect(readdirSync(root).sort()).toEqual([`.a.lstmkit-partial-${process.ppid}-0badf00d`, '.a.notes', 'a'].sort());
    expect(existsSync(running)).toBe(true);
  });

  it('puts the complete copy back when a save died between its two renames', async () => {
    const root = fresh();
    const dir = join(root, 'a');
    const dead = deadPid();
    // Died after moving the old artefact aside, before renaming the new one into place: the new one wins.
    for (const [stage, text] of [['old', 'old'], ['ready', 'new']] as const) {
      await writeArtefact(join(root, 'tmp'), KIND, content(text));
      renameSync(join(root, 'tmp'), join(root, `.a.lstmkit-${stage}-${dead}-00000001`));
    }
    expect(await recoverArtefact(dir, KIND)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'marker.json'), 'utf8')).text).toBe('new');
    expect(readdirSync(root)).toEqual(['a']);
    expect(await recoverArtefact(dir, KIND)).toBe(false);
    expect(existsSync(dirname(dir))).toBe(true);
  });
});

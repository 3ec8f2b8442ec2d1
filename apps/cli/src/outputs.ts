import { resolve } from 'node:path';
import { BACKUP_ARTEFACT, checkOutputTarget, MODEL_ARTEFACT } from '@lstmkit/trainer/node';
import { UsageError } from './errors.js';

/**
 * Checks every folder `lstmkit train` will write (--out, --checkpoint, --backup) before any work starts: each is
 * new, empty or an earlier artefact of its kind that lstmkit wrote, can be written, and they are all different.
 */
export async function checkOutputs(o: { out?: string; checkpoint?: string; backup?: string }, epochs: number): Promise<void> {
  if (o.out) await checkOutputTarget(o.out, MODEL_ARTEFACT, `--out ${o.out}`);
  if (o.checkpoint) {
    const paths = o.checkpoint.includes('{epoch}') ? Array.from({ length: epochs }, (_, e) => o.checkpoint!.replaceAll('{epoch}', String(e + 1))) : [o.checkpoint];
    for (const p of paths) await checkOutputTarget(p, MODEL_ARTEFACT, `--checkpoint ${p}`);
  }
  if (o.backup) await checkOutputTarget(o.backup, BACKUP_ARTEFACT, `--backup ${o.backup}`);
  const given = (['out', 'checkpoint', 'backup'] as const).filter((k) => o[k]);
  for (const [i, a] of given.entries()) {
    for (const b of given.slice(i + 1)) {
      if (resolve(o[a]!) === resolve(o[b]!)) throw new UsageError(`--${a} and --${b} are the same folder (${o[a]}): give each its own`, `--${b}`);
    }
  }
}

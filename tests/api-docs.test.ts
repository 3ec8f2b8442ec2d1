import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('API reference', () => {
  // The same check as `pnpm lint`'s last step, so CI fails on an undocumented export or a broken {@link}
  // (typedoc.json treats every warning as an error).
  it('TypeDoc documents every exported name of every package without a warning', () => {
    const run = spawnSync('pnpm', ['exec', 'typedoc', '--emit', 'none'], { cwd: ROOT, encoding: 'utf8' });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output, output).not.toMatch(/\[warning\]|\[error\]/);
    expect(run.status, output).toBe(0);
  }, 300_000);
});

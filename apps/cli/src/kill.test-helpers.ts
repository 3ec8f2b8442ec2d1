import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The CLI as users run it: the built bin in a child process.
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

export const run = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/**
 * Runs the CLI and kills it with SIGKILL (kill -9: no cleanup runs) as soon as its stderr matches `when`.
 * Resolves with the stderr seen; fails if the process ends before that.
 */
export function killWhen(args: string[], when: RegExp, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (!killed && when.test(stderr)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(stderr);
      else reject(new Error(`the CLI ended (code ${code}) before ${when}:\n${stderr}`));
    });
  });
}

import { CommanderError } from 'commander';
import { AnalysisInputError } from '@lstmkit/analysis';
import { DatasetError } from '@lstmkit/datasets';
import { FusedKernelError, SpecError } from '@lstmkit/models';
import { PluginNotFoundError } from '@lstmkit/plugin';
import { BackendUnavailableError, ModelFileError, NonFiniteError, OutputPathError, TrainingOptionError } from '@lstmkit/trainer';

/** A bad flag value or a bad key; the message names the flag (or the file and key). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The flag, or the file and key, the problem is in: by default the flag the message starts with. */
  readonly where: string | undefined;
  constructor(message: string, where?: string) {
    super(message);
    this.where = where ?? /^(--[\w-]+)/.exec(message)?.[1];
  }
}

/** How the CLI reports each kind of error: a code for --json, where it is, and the exit code. */
const KINDS: [new (...args: any[]) => Error, string, (e: any) => string | undefined][] = [
  [UsageError, 'usage', (e: UsageError) => e.where],
  [PluginNotFoundError, 'unknown-plugin', (e: PluginNotFoundError) => e.requested],
  [DatasetError, 'bad-data', (e: DatasetError) => e.where],
  [SpecError, 'bad-model-spec', (e: SpecError) => e.field],
  [FusedKernelError, 'fused-kernel-unavailable', (e: FusedKernelError) => e.layer],
  [TrainingOptionError, 'bad-option', (e: TrainingOptionError) => e.option],
  [ModelFileError, 'bad-model-file', (e: ModelFileError) => e.file],
  [OutputPathError, 'unsafe-output', (e: OutputPathError) => e.where],
  [BackendUnavailableError, 'backend-unavailable', () => undefined],
  [AnalysisInputError, 'bad-analysis-input', () => undefined],
  [NonFiniteError, 'non-finite', (e: NonFiniteError) => e.where],
];

/**
 * Exit codes: 2 for bad usage or bad input (the message names the flag, file or field), 3 when training diverged
 * (a loss or weight that is not a finite number: nothing was saved), 1 for anything else.
 */
export function exitCodeFor(e: unknown): number {
  if (e instanceof NonFiniteError) return 3;
  if (KINDS.some(([k]) => e instanceof k)) return 2;
  if (e instanceof CommanderError) return 2;
  return 1;
}

/** The error as `lstmkit … --json` prints it on stdout: { error: { code, message, where } }. */
export function errorJson(e: unknown): { error: { code: string; message: string; where: string | null } } {
  const message = ((e as Error)?.message ?? String(e)).replace(/^error: /, '');
  if (e instanceof CommanderError) return { error: { code: 'usage', message, where: /'(--[\w-]+)/.exec(message)?.[1] ?? null } };
  const kind = KINDS.find(([k]) => e instanceof k);
  return { error: { code: kind?.[1] ?? 'internal', message, where: kind?.[2](e) ?? null } };
}

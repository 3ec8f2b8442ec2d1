import { AnalysisInputError } from '@lstmkit/analysis';
import { DatasetError } from '@lstmkit/datasets';
import { SpecError } from '@lstmkit/models';
import { BackendUnavailableError, ModelFileError, TrainingOptionError } from '@lstmkit/trainer';

/** A bad flag value; the message names the flag. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const BAD_INPUT = [UsageError, DatasetError, SpecError, TrainingOptionError, ModelFileError, BackendUnavailableError, AnalysisInputError];

/** Exit codes: 2 for bad usage or bad input (the message names the problem), 1 for anything else. */
export function exitCodeFor(e: unknown): number {
  if (BAD_INPUT.some((k) => e instanceof k)) return 2;
  const code = (e as { code?: string })?.code;
  if (typeof code === 'string' && code.startsWith('commander.')) return 2;
  return 1;
}

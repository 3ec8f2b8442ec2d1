/**
 * Bad input data: the message names the file (or URL / field) and what was wrong.
 * Apps map this to "bad input" (exit code 2) rather than a crash.
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  constructor(
    /** The file, URL or option the problem is in. */
    readonly where: string,
    /** What was wrong, in words. */
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
  }
}

/** A backend that was asked for by name cannot run here; the message says why and how to get it. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
}

/** A saved model directory that is missing, incomplete or not an lstmkit model; names the file. */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
  constructor(readonly file: string, readonly problem: string) {
    super(`${file}: ${problem}`);
  }
}

/** Training options that do not fit the data or the model; names the option. */
export class TrainingOptionError extends Error {
  override readonly name = 'TrainingOptionError';
  constructor(readonly option: string, readonly problem: string) {
    super(`${option}: ${problem}`);
  }
}

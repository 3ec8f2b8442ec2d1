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

/**
 * An output path lstmkit will not write to: it exists and lstmkit did not write it (or it holds the current, home or
 * a project folder), or it cannot be created. Names the path (or the flag) and what to do; found before any work.
 */
export class OutputPathError extends Error {
  override readonly name = 'OutputPathError';
  constructor(readonly path: string, readonly problem: string) {
    super(`${path}: ${problem}`);
  }
}

/**
 * A number that is not finite where it must be: a training loss (Keras' TerminateOnNaN stops there) or a weight about
 * to be saved. `where` says which (1-based epoch and batch, as progress lines count them, or the weight's name).
 */
export class NonFiniteError extends Error {
  override readonly name = 'NonFiniteError';
  constructor(readonly where: string, readonly problem: string) {
    super(`${where}: ${problem}`);
  }
}

/** A backend that was asked for by name cannot run here; the message says why and how to get it. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
}

/** An error about one place (a file, an option, a path, an epoch): the message is "where: problem". */
abstract class PlacedError extends Error {
  constructor(readonly where: string, readonly problem: string) {
    super(`${where}: ${problem}`);
  }
}

/** A saved model (or backup) directory that is missing, damaged or not lstmkit's; names the file. */
export class ModelFileError extends PlacedError {
  override readonly name = 'ModelFileError';
  get file(): string {
    return this.where;
  }
}

/** Training options that do not fit the data or the model; names the option. */
export class TrainingOptionError extends PlacedError {
  override readonly name = 'TrainingOptionError';
  get option(): string {
    return this.where;
  }
}

/**
 * An output path lstmkit will not write to: it exists and lstmkit did not write it (or it holds the current, home or
 * a project folder), or it cannot be created. Names the path (or the flag) and what to do; found before any work.
 */
export class OutputPathError extends PlacedError {
  override readonly name = 'OutputPathError';
}

/**
 * A number that is not finite where it must be: a training loss (Keras' TerminateOnNaN stops there) or a weight about
 * to be saved. `where` says which (1-based epoch and batch, as progress lines count them, or the model's folder).
 */
export class NonFiniteError extends PlacedError {
  override readonly name = 'NonFiniteError';
}

/** An error meant for the CLI user: printed to stderr without a stack, with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit code for wrong usage (unknown option, missing argument), as conventional tools use. */
export const USAGE_EXIT = 2;

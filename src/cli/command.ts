import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Writes to stdout without a line break (streamed answers); absent in some test doubles. */
  write?(text: string): void;
  /** Whether stderr is a terminal (progress bars redraw in place only then). */
  errIsTty: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/** One CLI subcommand. Each lives in its own file under `commands/`. */
export interface Command {
  name: string;
  summary: string;
  /** Full help text, printed by `--help`. */
  help: string;
  options: OptionSpec;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

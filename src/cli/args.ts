import { parseArgs } from 'node:util';
import type { Command, ParsedArgs } from './command';
import { CliError, USAGE_EXIT } from './cli-error';

export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values, positionals };
  } catch (err) {
    throw new CliError(`${(err as Error).message}\nRun "ask-my-notes ${command.name} --help" for usage.`, USAGE_EXIT);
  }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function intOption(args: ParsedArgs, name: string, fallback: number, min = 1, max = 10_000): number {
  const raw = stringOption(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name} must be an integer between ${min} and ${max}, got "${raw}".`, USAGE_EXIT);
  return n;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

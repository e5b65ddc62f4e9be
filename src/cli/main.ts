import type { CliIo, Command } from './command';
import { parseCommandArgs, flag } from './args';
import { CliError, USAGE_EXIT } from './cli-error';
import { commands } from './commands';

const io: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  write: (text) => process.stdout.write(text),
  errIsTty: Boolean(process.stderr.isTTY),
};

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: ask-my-notes <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "ask-my-notes <command> --help" for the options of a command.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : USAGE_EXIT;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) throw new CliError(`Unknown command "${name}".\n\n${usage()}`, USAGE_EXIT);
  const args = parseCommandArgs(command, rest);
  if (flag(args, 'help')) {
    io.out(command.help);
    return 0;
  }
  return command.run(args, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CliError) {
      io.err(`ask-my-notes: ${err.message}`);
      process.exitCode = err.exitCode;
    } else {
      io.err(`ask-my-notes: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exitCode = 1;
    }
  },
);

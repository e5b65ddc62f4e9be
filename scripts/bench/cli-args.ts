/** `npm run bench -- [--only rows] [--quick] [--no-fp32] [--write | --no-write]` and the internal child flags. */
import { ROW_IDS, type RowId } from './types';

export interface BenchArgs {
  only: RowId[];
  quick: boolean;
  fp32: boolean;
  /** undefined: write docs/BENCH.md only after a full run (all rows, not --quick). */
  write: boolean | undefined;
  help: boolean;
  /** Before each row, wait up to this many seconds for the machine to be ≥ 90% idle (0: never wait). */
  waitIdle: number;
  /** Rewrite docs/BENCH.md from .cache/bench/last-run.json without measuring (after a template change). */
  render: boolean;
  /** Internal: run one task in this process and write its JSON result to `out`. */
  child?: string;
  out?: string;
  params: Record<string, string>;
}

/** Row names accepted by --only, besides the ids: the row numbers 1–6. */
function rowOf(name: string): RowId {
  const byNumber = ROW_IDS[Number(name) - 1];
  if (/^[1-6]$/.test(name) && byNumber) return byNumber;
  const id = ROW_IDS.find((r) => r === name);
  if (!id) throw new Error(`Unknown row "${name}" for --only: use ${ROW_IDS.join(', ')} or 1–6.`);
  return id;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { only: [], quick: false, fp32: true, write: undefined, help: false, waitIdle: 0, render: false, params: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value.`);
      return v;
    };
    if (arg === '--only') args.only.push(...value().split(',').map((s) => rowOf(s.trim())));
    else if (arg === '--quick') args.quick = true;
    else if (arg === '--no-fp32') args.fp32 = false;
    else if (arg === '--write') args.write = true;
    else if (arg === '--no-write') args.write = false;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--render') args.render = true;
    else if (arg === '--wait-idle') {
      args.waitIdle = Number(value());
      if (!Number.isFinite(args.waitIdle) || args.waitIdle < 0) throw new Error('--wait-idle needs a number of seconds.');
    }
    else if (arg === '--child') args.child = value();
    else if (arg === '--out') args.out = value();
    else if (arg.startsWith('--param=')) {
      const [key, ...rest] = arg.slice('--param='.length).split('=');
      args.params[key!] = rest.join('=');
    } else throw new Error(`Unknown option ${arg} (see npm run bench -- --help).`);
  }
  if (args.quick) args.fp32 = false;
  return args;
}

export const USAGE = `npm run bench -- [options]

Measures the plugin's real code paths on this machine and prints medians and same-run ratios.
A full run (no --only, no --quick) also writes docs/BENCH.md.

  --only ROWS   comma-separated rows: ${ROW_IDS.map((r, i) => `${i + 1}=${r}`).join(', ')}
  --quick       fewer repeats and a smaller embedding corpus (~2 min); no fp32
  --no-fp32     skip the fp32 embedding measurement
  --write       write docs/BENCH.md even after a partial run
  --no-write    never write docs/BENCH.md
  --render      only rewrite docs/BENCH.md from the last run's results (.cache/bench/last-run.json)
  --wait-idle S before each row, wait up to S seconds until other processes leave the cores ≥ 90% idle
`;

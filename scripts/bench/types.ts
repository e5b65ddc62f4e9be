/** The shape every row hands back to the runner, which prints it and writes docs/BENCH.md from it. */

export const ROW_IDS = ['embed', 'build', 'reindex', 'startup', 'query', 'related'] as const;
export type RowId = (typeof ROW_IDS)[number];

export interface Goal {
  /** As the brief states it, e.g. "≥ 3× the naive baseline". */
  goal: string;
  /** The measured value it is judged on. */
  measured: string;
  /** Null when the row could not measure it. */
  met: boolean | null;
}

export interface DetailTable {
  title: string;
  header: string[];
  rows: string[][];
}

export interface RowResult {
  id: RowId;
  /** Row number in the brief and in docs/BENCH.md. */
  number: number;
  title: string;
  /** Headline medians for the summary table. */
  summary: string;
  /** Ratios measured in the same run (never a lone absolute time). */
  ratios: string;
  goals: Goal[];
  details: DetailTable[];
  /** Facts a reader needs to interpret the numbers (sizes, sample counts, what is included). */
  notes: string[];
  /** Key numbers by name, for the interpretation paragraphs of docs/BENCH.md. */
  metrics: Record<string, number>;
  /** 1-minute load average before and after the row: above ~0.5, other processes competed for the 2 cores. */
  load?: { before: number; after: number };
  /** Wall time of the row, setup included. */
  seconds: number;
  /** Set instead of measurements when the row could not run (e.g. the feature is not merged yet). */
  skipped?: string;
}

/** What a row function receives from the runner. */
export interface RowContext {
  quick: boolean;
  /** Also measure fp32 (row 1); off with --no-fp32 and in --quick. */
  fp32: boolean;
  log: (line: string) => void;
}

import type { CliIo } from './command';

/**
 * A progress line on stderr: redrawn in place on a terminal, printed at most every few
 * seconds otherwise (CI logs), so stdout stays clean for `--json`.
 */
export class ProgressLine {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly io: CliIo,
    private readonly minIntervalMs = 100,
  ) {}

  update(text: string, force = false): void {
    const now = Date.now();
    const interval = this.io.errIsTty ? this.minIntervalMs : 5000;
    if (!force && now - this.lastDraw < interval) return;
    this.lastDraw = now;
    if (this.io.errIsTty) {
      process.stderr.write(`\r\u001b[2K${text}`);
      this.drawn = true;
    } else this.io.err(text);
  }

  /** Ends the line so the next output starts on a fresh one. */
  done(): void {
    if (this.drawn) process.stderr.write('\n');
    this.drawn = false;
  }
}

export function bar(done: number, total: number, width = 24): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const full = Math.round(ratio * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

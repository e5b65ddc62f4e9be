/** A Logger that keeps warnings and errors, so a test can assert nothing went wrong silently. */
import type { Logger } from '../../src/core/ports';

export class CollectingLogger implements Logger {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];

  debug(): void {}

  warn(message: string): void {
    this.warnings.push(message);
  }

  error(message: string, ...details: unknown[]): void {
    const detail = details.map((d) => (d instanceof Error ? d.message : String(d))).join(' ');
    this.errors.push(detail ? `${message}: ${detail}` : message);
  }
}

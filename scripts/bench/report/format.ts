/** Number formatting shared by the console table and docs/BENCH.md. */

export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio as "2.3×". */
export function ratio(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}×`;
}

/** A fraction as "84%". */
export function pct(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(0)}%` : '–';
}

/** Milliseconds with sensible precision: 0.42 ms, 3.1 ms, 87 ms, 1,234 ms. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 1) return `${value.toFixed(2)} ms`;
  if (value < 10) return `${value.toFixed(1)} ms`;
  return `${fmt(value, 0)} ms`;
}

export function mb(value: number): string {
  return Number.isFinite(value) ? `${fmt(value, 0)} MB` : '–';
}

export function yesNo(met: boolean | null): string {
  return met === null ? 'n/a' : met ? 'yes' : 'NO';
}

/** Plain-text tables for the terminal. */
import type { DetailTable, RowResult } from '../types';
import { yesNo } from './format';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function detail(t: DetailTable): string {
  return `  ${t.title}\n${table(t.header, t.rows).replace(/^/gm, '  ')}`;
}

export function renderRow(r: RowResult): string {
  const head = `== ${r.number}. ${r.title} (${r.seconds.toFixed(0)} s)`;
  if (r.skipped) return `${head}\n  skipped: ${r.skipped}\n`;
  const goals = r.goals.map((g) => `  goal ${g.goal}: ${g.measured} -> ${g.met === null ? 'not measured' : g.met ? 'met' : 'NOT met'}`);
  return [head, ...r.details.map(detail), ...goals, ...r.notes.map((n) => `  · ${n}`), ''].join('\n');
}

export function renderSummary(results: RowResult[], totalSeconds: number): string {
  const rows = results.map((r) => [
    `${r.number}. ${r.id}`,
    r.skipped ? `skipped: ${r.skipped}` : r.summary,
    r.skipped ? '' : r.ratios,
    r.goals.map((g) => `${g.goal}: ${yesNo(g.met)}`).join('; '),
  ]);
  const text = rows.map(([row, summary, ratios, goals]) => `${row}\n   ${summary}\n   ${ratios}\n   goals: ${goals || '–'}`).join('\n');
  const total = totalSeconds < 120 ? `${totalSeconds.toFixed(0)} s` : `${(totalSeconds / 60).toFixed(1)} min`;
  return `== Summary (medians; ratios from the same run) — total ${total}\n${text}\n`;
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../../src/core/markdown';

/**
 * Robustness on real vaults: every note of the obsidian-hub community vault (~6,500
 * notes) and of the Obsidian Help vault in English and Brazilian Portuguese parses
 * without an exception or internal error, and every link's position slices back to its
 * source text. Not a benchmark (no timing asserted); the time is printed for the record.
 */
const SHARED = path.resolve(__dirname, '../../../../shared');

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (entry.name.endsWith('.md')) out.push(full);
    }
  }
  return out.sort();
}

describe.each([
  ['obsidian-hub', 6000],
  ['obsidian-help-en', 150],
  ['obsidian-help-pt-br', 150],
])('vault %s', (name, minimumNotes) => {
  it('parses every note without an error', () => {
    const dir = path.join(SHARED, 'vaults', name);
    expect(existsSync(dir), `vault missing: ${dir}`).toBe(true);
    const files = markdownFiles(dir);
    expect(files.length).toBeGreaterThanOrEqual(minimumNotes);
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const problems: string[] = [];
    let links = 0;
    const started = performance.now();
    texts.forEach((text, i) => {
      let doc;
      try {
        doc = parseNote(text);
      } catch (err) {
        problems.push(`${files[i]}: threw ${String(err)}`);
        return;
      }
      for (const w of doc.warnings) if (w.code === 'internal') problems.push(`${files[i]}: ${w.message}`);
      for (const l of [...doc.links, ...doc.embeds]) {
        links++;
        if (text.slice(l.position.start.offset, l.position.end.offset) !== l.original) problems.push(`${files[i]}: ${l.original} misplaced`);
      }
    });
    const ms = performance.now() - started;
    const mb = texts.reduce((sum, t) => sum + t.length, 0) / 1e6;
    console.debug(`${name}: ${files.length} notes, ${mb.toFixed(1)} M chars, ${links} links/embeds, parsed in ${ms.toFixed(0)} ms`);
    expect(problems).toEqual([]);
  });
});
